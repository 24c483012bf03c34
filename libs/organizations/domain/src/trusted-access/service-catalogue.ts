import { anchoredPattern, awsShape, invalidInput, PolicyType } from '@orgs/shared/kernel';
import { KNOWN_SERVICES } from './known-services';

/** A role a service needs in every account; its trust principal is the service's unless named. */
export interface ServiceLinkedRoleSpec {
  roleName: string;
  servicePrincipal?: string;
}

/** A service that supports trusted access, as the catalogue knows it. */
export interface ServiceDefinition {
  servicePrincipal: string;
  name: string;
  serviceLinkedRoles: ServiceLinkedRoleSpec[];
  /** 0: the service takes no delegated administrator. */
  maxDelegatedAdministrators: number;
  /** Policy types the service owns: access cannot be disabled while one is enabled. */
  policyTypes?: PolicyType[];
}

/** Known services by principal: the built-in list, extended by the installation's configuration. */
export type ServiceCatalogue = Readonly<Record<string, ServiceDefinition>>;

/** A service-linked role as the events and the state record it: its name, trust principal and IAM path. */
export interface ServiceLinkedRoleDefinition {
  roleName: string;
  rolePrincipal: string;
  path: string;
}

/** IAM puts every service-linked role under `/aws-service-role/<principal>/` (trusted-access.md 2). */
export const serviceLinkedRolePath = (rolePrincipal: string) => `/aws-service-role/${rolePrincipal}/`;
export const SERVICE_LINKED_ROLE_PATH_PREFIX = '/aws-service-role/';

export function serviceLinkedRolesOf(service: ServiceDefinition): ServiceLinkedRoleDefinition[] {
  return service.serviceLinkedRoles.map((role) => {
    const rolePrincipal = role.servicePrincipal ?? service.servicePrincipal;
    return { roleName: role.roleName, rolePrincipal, path: serviceLinkedRolePath(rolePrincipal) };
  });
}

/** The catalogue: KNOWN_SERVICES, with configured services added (a configured principal replaces the built-in one). */
export function serviceCatalogue(configured: readonly unknown[] = []): ServiceCatalogue {
  const extra = configured.map((entry, i) => checkedServiceDefinition(entry, `services[${i}]`));
  return Object.fromEntries([...KNOWN_SERVICES, ...extra].map((service) => [service.servicePrincipal, service]));
}

export const DEFAULT_SERVICE_CATALOGUE = serviceCatalogue();

export const unrecognizedServicePrincipal = (servicePrincipal: string) =>
  invalidInput('UNRECOGNIZED_SERVICE_PRINCIPAL', `${servicePrincipal} is not a service principal that supports trusted access.`);

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** A configured service, checked as carefully as input: a bad catalogue must stop start-up, not a fan-out. */
function checkedServiceDefinition(entry: unknown, where: string): ServiceDefinition {
  const value = (entry ?? {}) as Partial<ServiceDefinition>;
  const principal = value.servicePrincipal;
  const shape = awsShape('ServicePrincipal');
  if (typeof principal !== 'string' || principal.length < 1 || principal.length > (shape.max ?? 128) || !anchoredPattern(shape.pattern ?? '.*').test(principal)) {
    throw new Error(`${where}.servicePrincipal must be a service principal (1-128 of [\\w+=,.@-])`);
  }
  const roles = value.serviceLinkedRoles ?? [];
  if (!Array.isArray(roles) || roles.some((r) => typeof r?.roleName !== 'string' || !ROLE_NAME.test(r.roleName))) {
    throw new Error(`${where}.serviceLinkedRoles must be a list of { roleName, servicePrincipal? } with IAM role names`);
  }
  const max = value.maxDelegatedAdministrators ?? 0;
  if (!Number.isInteger(max) || max < 0) throw new Error(`${where}.maxDelegatedAdministrators must be a whole number, 0 or more`);
  const policyTypes = value.policyTypes ?? [];
  if (!Array.isArray(policyTypes) || policyTypes.some((t) => !PolicyType.includes(t))) throw new Error(`${where}.policyTypes must name AWS policy types`);
  return { servicePrincipal: principal, name: value.name ?? principal, serviceLinkedRoles: roles, maxDelegatedAdministrators: max, policyTypes };
}
