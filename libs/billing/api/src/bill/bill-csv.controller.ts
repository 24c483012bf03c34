import { Controller, Get, Header, Query, UseFilters } from '@nestjs/common';
import { CurrentPrincipal, type Principal } from '@orgs/shared/nest';
import { assertPeriod, formatCents } from '@orgs/billing/domain';
import { BillingScope } from '../billing-scope.service';
import { BillingHttpErrorFilter } from '../http-error.filter';
import { lineItem } from './bill-query';
import { Bills } from './bill.service';

const COLUMNS = ['period', 'lineType', 'adjustedPeriod', 'accountId', 'accountName', 'parentId', 'productCode', 'usageType', 'tags', 'quantity', 'cost'];

const cell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** GET /billing/bill.csv?period=YYYY-MM: the bill's lines (as the caller may see them), with a total line. */
@Controller('billing')
@UseFilters(BillingHttpErrorFilter)
export class BillCsvController {
  constructor(
    private readonly scope: BillingScope,
    private readonly bills: Bills,
  ) {}

  @Get('bill.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async download(@CurrentPrincipal() principal: Principal, @Query('period') period: string): Promise<string> {
    assertPeriod(period ?? '');
    const view = await this.bills.bill(await this.scope.caller(principal), period);
    const rows = [...view.lines, ...view.adjustments].map((line) => {
      const item = lineItem(line);
      const tags = item.tags.map((t) => `${t.key}=${t.value}`).join(';');
      return [period, item.lineType, item.adjustedPeriod ?? '', item.accountId, view.accountNames.get(item.accountId) ?? '', item.parentId, item.productCode, item.usageType, tags, item.quantity, item.cost];
    });
    const total = [period, 'TOTAL', '', '', '', '', '', '', '', '', formatCents(view.total)];
    return [COLUMNS, ...rows, total].map((row) => row.map(cell).join(',')).join('\n') + '\n';
  }
}
