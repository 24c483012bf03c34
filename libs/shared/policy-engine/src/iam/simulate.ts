import { RCP_SERVICES } from '../policy-types';
import type { CompiledPolicy } from './compile';
import { evaluate } from './evaluate';
import type { AuthorizationPolicyType, EvaluationResult, PolicyLevel } from './evaluation-types';
import type { RequestPrincipal } from './principal';
import { requestContext, type ContextValue } from './request-context';

/** What the simulator needs to know of the organization: who manages it and each member's chains. */
export interface OrganizationView {
  organizationId: string;
  managementAccountId: string;
  isMember(accountId: string): boolean;
  /** Root first, down to the account; undefined when the type is not enabled (its filter is skipped). */
  chain(accountId: string, type: AuthorizationPolicyType): readonly PolicyLevel[] | undefined;
}

export interface AccessRequest {
  principal: RequestPrincipal;
  action: string;
  resource: string;
  /** The account owning the resource; else the ARN's account field, else the caller's account. */
  resourceAccountId?: string;
  region?: string;
  principalTags?: Readonly<Record<string, string>>;
  /** Condition keys of the request; they override the ones the simulator fills in (null removes one). */
  context?: Readonly<Record<string, ContextValue | null | undefined>>;
  identityPolicies?: readonly CompiledPolicy[];
  resourcePolicy?: CompiledPolicy;
  permissionsBoundary?: CompiledPolicy;
  sessionPolicy?: CompiledPolicy;
}

const SCP_SUBJECTS = new Set(['USER', 'ROLE', 'ROOT']);

/** The account owning the resource: S3 ARNs carry none, so the caller's account stands in. */
export function resourceAccountOf(request: AccessRequest): string | undefined {
  if (request.resourceAccountId) return request.resourceAccountId;
  const account = request.resource.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : request.principal.accountId;
}

/**
 * One request in an organization: decides which filters apply (the management account and
 * service-linked roles are exempt from SCPs, management-account resources and services off the RCP
 * list from RCPs, outsiders from SCPs), fills in the global condition keys the organization knows,
 * and evaluates.
 */
export function simulate(request: AccessRequest, organization: OrganizationView): EvaluationResult {
  const { principal } = request;
  const resourceAccount = resourceAccountOf(request);
  const exemptions: string[] = [];
  const scp = scpChain(request, organization, exemptions);
  const rcp = rcpChain(request, resourceAccount, organization, exemptions);
  return evaluate({
    request: { action: request.action, resource: request.resource, principal, context: contextOf(request, resourceAccount, organization) },
    serviceControlPolicies: scp,
    resourceControlPolicies: rcp,
    identityPolicies: request.identityPolicies,
    resourcePolicy: request.resourcePolicy,
    permissionsBoundary: request.permissionsBoundary,
    sessionPolicy: request.sessionPolicy,
    sameAccount: principal.accountId !== undefined && principal.accountId === resourceAccount,
    exemptions,
  });
}

function scpChain(request: AccessRequest, organization: OrganizationView, exemptions: string[]): readonly PolicyLevel[] | undefined {
  const { kind, accountId } = request.principal;
  if (kind === 'SERVICE_LINKED_ROLE') return void exemptions.push('SCPs do not apply to service-linked roles.');
  if (!SCP_SUBJECTS.has(kind) || !accountId || !organization.isMember(accountId)) return void exemptions.push('SCPs apply only to principals of member accounts.');
  if (accountId === organization.managementAccountId) return void exemptions.push('SCPs do not apply to the management account.');
  const chain = organization.chain(accountId, 'SERVICE_CONTROL_POLICY');
  if (!chain) exemptions.push('SCPs are not enabled in the root.');
  return chain;
}

function rcpChain(request: AccessRequest, resourceAccount: string | undefined, organization: OrganizationView, exemptions: string[]): readonly PolicyLevel[] | undefined {
  const service = request.action.split(':')[0].toLowerCase();
  if (request.principal.kind === 'SERVICE_LINKED_ROLE') return void exemptions.push('RCPs do not apply to service-linked roles.');
  if (!RCP_SERVICES.has(service) || request.action.toLowerCase() === 'kms:retiregrant') return void exemptions.push(`RCPs do not apply to ${request.action}.`);
  if (!resourceAccount || !organization.isMember(resourceAccount)) return void exemptions.push('RCPs apply only to resources of member accounts.');
  if (resourceAccount === organization.managementAccountId) return void exemptions.push('RCPs do not apply to resources of the management account.');
  const chain = organization.chain(resourceAccount, 'RESOURCE_CONTROL_POLICY');
  if (!chain) exemptions.push('RCPs are not enabled in the root.');
  return chain;
}

function contextOf(request: AccessRequest, resourceAccount: string | undefined, organization: OrganizationView) {
  const { principal } = request;
  const inOrganization = principal.accountId !== undefined && organization.isMember(principal.accountId);
  const defaults: Record<string, ContextValue | undefined> = {
    'aws:PrincipalArn': principal.kind === 'ANONYMOUS' ? undefined : principal.arn,
    'aws:PrincipalAccount': principal.accountId,
    'aws:PrincipalOrgID': inOrganization ? organization.organizationId : undefined,
    'aws:PrincipalIsAWSService': principal.kind === 'SERVICE',
    'aws:RequestedRegion': request.region,
    'aws:ResourceAccount': resourceAccount,
    'aws:ResourceOrgID': resourceAccount && organization.isMember(resourceAccount) ? organization.organizationId : undefined,
  };
  for (const [key, value] of Object.entries(request.principalTags ?? {})) defaults[`aws:PrincipalTag/${key}`] = value;
  const context = requestContext(defaults);
  // A key the caller sets to null is one the request does not carry.
  for (const [key, value] of Object.entries(request.context ?? {})) if (value === null) context.delete(key.toLowerCase());
  for (const [key, value] of requestContext(request.context ?? {})) context.set(key, value);
  return context;
}
