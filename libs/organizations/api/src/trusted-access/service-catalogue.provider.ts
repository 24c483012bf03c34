import { readFileSync } from 'node:fs';
import { serviceCatalogue, type ServiceCatalogue } from '@orgs/organizations/domain';

export const SERVICE_CATALOGUE = Symbol('SERVICE_CATALOGUE');

/**
 * The known services: the built-in catalogue plus TRUSTED_ACCESS_SERVICES, a JSON list of
 * `{ servicePrincipal, name?, serviceLinkedRoles?: [{ roleName, servicePrincipal? }], maxDelegatedAdministrators?, policyTypes? }`
 * given inline or as the path of a file. A bad entry stops start-up, naming it.
 */
export function loadServiceCatalogue(setting = process.env.TRUSTED_ACCESS_SERVICES): ServiceCatalogue {
  if (!setting?.trim()) return serviceCatalogue();
  const text = setting.trim().startsWith('[') ? setting : readFileSync(setting, 'utf8');
  let entries: unknown;
  try {
    entries = JSON.parse(text);
  } catch (error) {
    throw new Error(`TRUSTED_ACCESS_SERVICES is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(entries)) throw new Error('TRUSTED_ACCESS_SERVICES must be a JSON list of services');
  try {
    return serviceCatalogue(entries);
  } catch (error) {
    throw new Error(`TRUSTED_ACCESS_SERVICES: ${(error as Error).message}`);
  }
}

export const serviceCatalogueProvider = { provide: SERVICE_CATALOGUE, useFactory: () => loadServiceCatalogue() };
