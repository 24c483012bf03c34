import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { BillCsvController } from './bill/bill-csv.controller';
import { BillResolver } from './bill/bill.resolver';
import { Bills } from './bill/bill.service';
import { BillingScope } from './billing-scope.service';
import { BillingHttpErrorFilter } from './http-error.filter';
import { CloseBillingPeriodResolver } from './periods/close-billing-period.resolver';
import { PriceCatalogues } from './prices/price-catalogue.service';
import { PriceListResolver } from './prices/price-list.resolver';
import { RecordUsageResolver } from './usage/record-usage.resolver';
import { UsageIngestion } from './usage/usage-ingestion.service';
import { acceptCsvBodies, UsageUploadController } from './usage/usage-upload.controller';

/** Consolidated billing: usage in (GraphQL and CSV upload), prices, the bill, closing a month. */
@Module({
  controllers: [UsageUploadController, BillCsvController],
  providers: [BillingScope, PriceCatalogues, UsageIngestion, Bills, BillingHttpErrorFilter, RecordUsageResolver, PriceListResolver, BillResolver, CloseBillingPeriodResolver],
})
export class BillingApiModule implements OnModuleInit {
  constructor(private readonly http: HttpAdapterHost) {}

  onModuleInit(): void {
    const instance = this.http.httpAdapter?.getInstance?.();
    if (instance?.addContentTypeParser) acceptCsvBodies(instance);
  }
}
