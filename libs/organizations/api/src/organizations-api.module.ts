import { Module } from '@nestjs/common';
import { ACCOUNT_RESOLVERS } from './accounts';
import { AuditResolver } from './audit/audit.resolver';
import { HandshakesResolver } from './handshakes/handshakes.resolver';
import { OrganizationLifecycleResolver } from './organization-lifecycle/organization-lifecycle.resolver';
import {
  AccountNodeResolver,
  OrganizationalUnitNodeResolver,
  OrganizationGraphResolver,
  RootNodeResolver,
} from './organization-graph/organization-graph.resolver';
import { OrganizationCommands } from './organization-commands.service';
import { OrganizationalUnitsResolver } from './organizational-units/organizational-units.resolver';
import { POLICY_PROVIDERS } from './policies';
import { TagsResolver } from './tags/tags.resolver';
import { OrganizationReads } from './organization-reads.service';
import { OrganizationHistory } from './time-travel/organization-history.service';
import { DelegatedAdministratorsResolver } from './delegated-administrators/delegated-administrators.resolver';
import { serviceCatalogueProvider } from './trusted-access/service-catalogue.provider';
import { TrustedAccessResolver } from './trusted-access/trusted-access.resolver';

/** The organization's GraphQL operations, one resolver per capability folder. */
@Module({
  providers: [
    OrganizationCommands,
    OrganizationReads,
    OrganizationHistory,
    OrganizationLifecycleResolver,
    ...ACCOUNT_RESOLVERS,
    OrganizationalUnitsResolver,
    TagsResolver,
    HandshakesResolver,
    AuditResolver,
    OrganizationGraphResolver,
    RootNodeResolver,
    OrganizationalUnitNodeResolver,
    AccountNodeResolver,
    ...POLICY_PROVIDERS,
    serviceCatalogueProvider,
    TrustedAccessResolver,
    DelegatedAdministratorsResolver,
  ],
})
export class OrganizationsApiModule {}
