import type { UsageFieldNames } from '@orgs/billing/domain';

/** Cost and Usage Report columns (legacy names, billing.md 5), as rejections name them. */
export const CUR_FIELDS: UsageFieldNames = {
  accountId: 'lineItem/UsageAccountId',
  productCode: 'lineItem/ProductCode',
  usageType: 'lineItem/UsageType',
  quantity: 'lineItem/UsageAmount',
  usageStart: 'lineItem/UsageStartDate',
  usageEnd: 'lineItem/UsageEndDate',
  region: 'product/region',
  unit: 'pricing/unit',
  tags: 'resourceTags/user:*',
};
