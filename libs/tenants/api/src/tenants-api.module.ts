import { Module } from '@nestjs/common';
import { AccessKeysResolver } from './access-keys/access-keys.resolver';
import { ApiKeysResolver } from './api-keys/api-keys.resolver';
import { TenantQuotasResolver } from './tenant-quotas/tenant-quotas.resolver';
import { StandaloneAccountsResolver } from './standalone-accounts/standalone-accounts.resolver';
import { TenantsResolver } from './tenants.resolver';

@Module({ providers: [TenantsResolver, StandaloneAccountsResolver, ApiKeysResolver, TenantQuotasResolver, AccessKeysResolver] })
export class TenantsApiModule {}
