import { Module } from '@nestjs/common';
import { OrganizationLifecycleResolver } from './organization-lifecycle/organization-lifecycle.resolver';
import { OrganizationCommands } from './organization-commands.service';
import { OrganizationReads } from './organization-reads.service';

/** The organization's GraphQL operations, one resolver per capability folder. */
@Module({
  providers: [OrganizationCommands, OrganizationReads, OrganizationLifecycleResolver],
})
export class OrganizationsApiModule {}
