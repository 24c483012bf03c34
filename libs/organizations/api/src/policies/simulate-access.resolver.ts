import { Args, Query, Resolver } from '@nestjs/graphql';
import { accessDenied, assertValidInput, invalidInput, OrgsError } from '@orgs/shared/kernel';
import { CurrentPrincipal, type Principal } from '@orgs/shared/nest';
import { compilePolicy, parseIamPolicy, principalFromArn, resourceAccountOf, simulate, type AccessRequest, type IamDocumentKind } from '@orgs/shared/policy-engine';
import { OrganizationReads } from '../organization-reads.service';
import { AccessSimulator } from './access-simulator.service';
import { SimulateAccessInput, SimulateAccessResponse } from './simulation.types';

const token = { nullable: true, type: () => String };
const ALLOW_ALL = compilePolicy('assumed-identity-policy', 'assumed identity policy (allows everything)', parseIamPolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', 'IDENTITY'));

function given(content: string | null | undefined, name: string, kind: IamDocumentKind) {
  return content == null ? undefined : compilePolicy(name, name, parseIamPolicy(content, kind));
}

/** The request as the engine takes it; the documents given are checked with the IAM grammar of their kind. */
export function accessRequestOf(input: SimulateAccessInput, now: Date): AccessRequest {
  const principalArn = input.principalArn ?? `arn:aws:iam::${input.accountId}:role/OrgsSimulator`;
  const principal = principalFromArn(principalArn);
  if (!principal) throw invalidInput('INVALID_PRINCIPAL', `principalArn ${principalArn} is not an IAM user, role, session, root or service principal.`);
  const context: Record<string, string[] | string> = { 'aws:CurrentTime': now.toISOString() };
  for (const entry of input.context ?? []) context[entry.key] = entry.values.length === 1 ? entry.values[0] : entry.values;
  return {
    principal,
    action: input.action,
    resource: input.resource,
    resourceAccountId: input.resourceAccountId ?? undefined,
    region: input.region ?? undefined,
    principalTags: Object.fromEntries((input.principalTags ?? []).map((t) => [t.key, t.value])),
    context,
    identityPolicies: input.identityPolicies == null ? [ALLOW_ALL] : input.identityPolicies.map((c, i) => given(c, `identityPolicies[${i}]`, 'IDENTITY')!),
    resourcePolicy: given(input.resourcePolicy, 'resourcePolicy', 'RESOURCE_BASED'),
    permissionsBoundary: given(input.permissionsBoundary, 'permissionsBoundary', 'IDENTITY'),
  };
}

/** Our own operation: what AWS would decide for a request in an account of the organization, and why. */
@Resolver()
export class SimulateAccessResolver {
  constructor(
    private readonly reads: OrganizationReads,
    private readonly simulator: AccessSimulator,
  ) {}

  @Query(() => SimulateAccessResponse)
  async simulateAccess(@CurrentPrincipal() principal: Principal, @Args('input') input: SimulateAccessInput, @Args('consistencyToken', token) consistencyToken?: string | null): Promise<SimulateAccessResponse> {
    assertValidInput('AccountId', 'accountId', input.accountId);
    if (!/^(\*|[a-z0-9-]+:[A-Za-z0-9*?_-]+)$/i.test(input.action)) throw invalidInput('INVALID_PATTERN', 'action must be "service:Action".');
    const request = accessRequestOf(input, new Date());
    const db = await this.reads.tenant(principal, consistencyToken);
    const caller = await this.simulator.caller(principal, () => this.reads.callersOrganization(principal, consistencyToken));
    // A member simulates requests made in its own account only.
    if (!caller.isManagementAccount && input.accountId !== principal.accountId) throw accessDenied('Only the management account can simulate requests in other accounts.');
    const { organizationId, managementAccountId, enabledTypes } = caller;
    const scope = { db, tenantId: principal.tenantId, organizationId, managementAccountId, enabledTypes };
    const accounts = [...new Set([input.accountId, request.principal.accountId, resourceAccountOf(request)].filter((id): id is string => !!id))];
    const view = await this.simulator.organizationView(scope, accounts);
    if (!view.isMember(input.accountId)) throw new OrgsError('AccountNotFoundException', `Account ${input.accountId} is not in this organization.`);
    return { simulation: simulate(request, view) };
  }
}
