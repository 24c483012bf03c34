import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import {
  GraphqlErrorFilter,
  HealthController,
  mercuriusErrorFormatter,
  OrgsInfrastructureModule,
} from '@orgs/shared/nest';
import type { Logger, OrgsConfig } from '@orgs/shared/runtime';
import { OrganizationsApiModule } from '@orgs/organizations/api';
import { EVENT_SCHEMAS } from './event-schemas';
import { TenantsApiModule } from '@orgs/tenants/api';
import { BillingApiModule } from '@orgs/billing/api';
import { AwsWireModule } from '@orgs/aws-wire';
import { WebhooksApiModule } from '@orgs/webhooks/api';
import { PUBLIC_EVENTS } from './public-events';

/** The API: one GraphQL schema assembled from each capability's module. */
@Module({})
export class AppModule {
  static forRoot(config: OrgsConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        OrgsInfrastructureModule.forRoot(config, logger, EVENT_SCHEMAS),
        GraphQLModule.forRoot<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          autoSchemaFile: true,
          sortSchema: true,
          graphiql: true,
          path: '/graphql',
          context: (request: unknown) => ({ req: request }),
          errorFormatter: mercuriusErrorFormatter,
        }),
        TenantsApiModule,
        OrganizationsApiModule,
        BillingApiModule,
        AwsWireModule,
        WebhooksApiModule.forRoot(PUBLIC_EVENTS),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useFactory: () => new GraphqlErrorFilter(logger) }],
    };
  }
}
