import { Inject } from '@nestjs/common';
import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { assertValidInput } from '@orgs/shared/kernel';
import { CurrentPrincipal, encodeConsistencyToken, PRISMA, readPageRequest, Writes, type Principal } from '@orgs/shared/nest';
import type { PrismaClient } from '@orgs/shared/read-models';
import type { ServiceCatalogue } from '@orgs/organizations/domain';
import { OrganizationCommands } from '../organization-commands.service';
import { OrganizationReads } from '../organization-reads.service';
import { SERVICE_CATALOGUE } from './service-catalogue.provider';
import { listEnabledServices, propagationOf, requireAccountInOrganization, rolesForAccount, type OrganizationScope } from './trusted-access-queries';
import {
  DescribeServiceLinkedRolePropagationResponse,
  DisableAWSServiceAccessResponse,
  EnableAWSServiceAccessResponse,
  ListAWSServiceAccessForOrganizationResponse,
  ListRolesForAccountResponse,
  ServicePrincipalInput,
} from './trusted-access.types';

const token = { nullable: true, type: () => String };

/** Trusted access for AWS services, its propagation of service-linked roles, and each account's roles. */
@Resolver()
export class TrustedAccessResolver {
  constructor(
    private readonly commands: OrganizationCommands,
    private readonly reads: OrganizationReads,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(SERVICE_CATALOGUE) private readonly catalogue: ServiceCatalogue,
  ) {}

  /** Appends at once; the worker then creates the service's roles in every account (see describeServiceLinkedRolePropagation). */
  @Writes()
  @Mutation(() => EnableAWSServiceAccessResponse)
  async enableAWSServiceAccess(@CurrentPrincipal() principal: Principal, @Args('input') input: ServicePrincipalInput): Promise<EnableAWSServiceAccessResponse> {
    assertValidInput('ServicePrincipal', 'servicePrincipal', input.servicePrincipal);
    const data = { servicePrincipal: input.servicePrincipal, catalogue: this.catalogue };
    const result = await this.commands.execute(principal, { type: 'EnableAWSServiceAccess', data });
    return { consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  @Writes()
  @Mutation(() => DisableAWSServiceAccessResponse)
  async disableAWSServiceAccess(@CurrentPrincipal() principal: Principal, @Args('input') input: ServicePrincipalInput): Promise<DisableAWSServiceAccessResponse> {
    assertValidInput('ServicePrincipal', 'servicePrincipal', input.servicePrincipal);
    const data = { servicePrincipal: input.servicePrincipal, catalogue: this.catalogue };
    const result = await this.commands.execute(principal, { type: 'DisableAWSServiceAccess', data });
    return { consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }

  @Query(() => ListAWSServiceAccessForOrganizationResponse)
  async listAWSServiceAccessForOrganization(
    @CurrentPrincipal() principal: Principal,
    @Args('maxResults', { nullable: true, type: () => Int }) maxResults?: number | null,
    @Args('nextToken', token) nextToken?: string | null,
    @Args('consistencyToken', token) consistencyToken?: string | null,
  ): Promise<ListAWSServiceAccessForOrganizationResponse> {
    readPageRequest({ maxResults, nextToken }, principal.tenantId);
    const scope = await this.scope(principal, consistencyToken, 'ListAWSServiceAccessForOrganization');
    const page = await listEnabledServices(scope, { maxResults, nextToken });
    return { enabledServicePrincipals: page.items, nextToken: page.nextToken };
  }

  /** Orgs' own: the propagation's progress, read by whoever may list the organization's services. */
  @Query(() => DescribeServiceLinkedRolePropagationResponse)
  async describeServiceLinkedRolePropagation(
    @CurrentPrincipal() principal: Principal,
    @Args('servicePrincipal') servicePrincipal: string,
    @Args('consistencyToken', token) consistencyToken?: string | null,
  ): Promise<DescribeServiceLinkedRolePropagationResponse> {
    assertValidInput('ServicePrincipal', 'servicePrincipal', servicePrincipal);
    const scope = await this.scope(principal, consistencyToken, 'ListAWSServiceAccessForOrganization');
    return { propagation: await propagationOf(this.prisma, scope, servicePrincipal) };
  }

  /** Orgs' own (IAM's ListRoles, for the roles this service manages): any account's for the management account and delegated administrators, a member its own. */
  @Query(() => ListRolesForAccountResponse)
  async listRolesForAccount(
    @CurrentPrincipal() principal: Principal,
    @Args('accountId') accountId: string,
    @Args('maxResults', { nullable: true, type: () => Int }) maxResults?: number | null,
    @Args('nextToken', token) nextToken?: string | null,
    @Args('consistencyToken', token) consistencyToken?: string | null,
  ): Promise<ListRolesForAccountResponse> {
    assertValidInput('AccountId', 'accountId', accountId);
    readPageRequest({ maxResults, nextToken }, principal.tenantId);
    const scope = await this.scope(principal, consistencyToken, 'DescribeAccount', accountId === principal.accountId);
    await requireAccountInOrganization(scope, accountId);
    const page = await rolesForAccount(scope, accountId, { maxResults, nextToken });
    return { roles: page.items, nextToken: page.nextToken };
  }

  private async scope(principal: Principal, consistencyToken: string | null | undefined, operation: string, selfMayRead = false): Promise<OrganizationScope> {
    const { db, organization } = await this.reads.organizationReader(principal, consistencyToken, operation, selfMayRead);
    return { db, tenantId: principal.tenantId, organizationId: organization.id };
  }
}
