import { Module } from '@nestjs/common';
import { ApiKeysResolver } from './api-keys/api-keys.resolver';
import { StandaloneAccountsResolver } from './standalone-accounts/standalone-accounts.resolver';
import { TenantsResolver } from './tenants.resolver';

@Module({ providers: [TenantsResolver, StandaloneAccountsResolver, ApiKeysResolver] })
export class TenantsApiModule {}
