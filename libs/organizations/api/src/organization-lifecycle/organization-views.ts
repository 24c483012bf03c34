import type { OrganizationCreatedData, PolicyTypeSummary as DomainPolicyTypeSummary } from '@orgs/organizations/domain';
import type { Organization, Root } from './organization.types';

interface OrganizationRow {
  id: string;
  arn: string;
  featureSet: string;
  masterAccountId: string;
  masterAccountArn: string;
  masterAccountEmail: string;
}

/** AvailablePolicyTypes only ever reflected the SCP type's status on the root. */
const available = (policyTypes: DomainPolicyTypeSummary[]) => policyTypes.filter((p) => p.type === 'SERVICE_CONTROL_POLICY');

export function organizationView(row: OrganizationRow, rootPolicyTypes: DomainPolicyTypeSummary[]): Organization {
  return {
    id: row.id,
    arn: row.arn,
    featureSet: row.featureSet as Organization['featureSet'],
    masterAccountId: row.masterAccountId,
    masterAccountArn: row.masterAccountArn,
    masterAccountEmail: row.masterAccountEmail,
    availablePolicyTypes: available(rootPolicyTypes),
  };
}

export function organizationFromEvent(data: OrganizationCreatedData): Organization {
  return organizationView(
    {
      id: data.organizationId,
      arn: data.arn,
      featureSet: data.featureSet,
      masterAccountId: data.managementAccountId,
      masterAccountArn: data.managementAccountArn,
      masterAccountEmail: data.managementAccountEmail,
    },
    data.root.policyTypes,
  );
}

export function rootView(row: { id: string; arn: string; name: string; policyTypes: unknown }): Root {
  return { id: row.id, arn: row.arn, name: row.name, policyTypes: row.policyTypes as DomainPolicyTypeSummary[] };
}
