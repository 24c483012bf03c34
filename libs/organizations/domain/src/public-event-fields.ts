import { schemaString } from '@orgs/shared/kernel';

/** Fields shared by the organization's public events, described once. */
export const F = {
  organizationId: schemaString('The organization (o-...).'),
  accountId: schemaString('The 12-digit account id.'),
  organizationalUnitId: schemaString('The OU (ou-...).'),
  parentId: schemaString('A root (r-...) or OU (ou-...).'),
  arn: schemaString('The resource\'s ARN.'),
  name: schemaString('The resource\'s name.'),
  email: schemaString('The account\'s email address.'),
  kind: schemaString('One of the values the description names.'),
  at: schemaString('When it happened (ISO 8601, UTC).'),
  policyId: schemaString('The policy (p-...).'),
  policyType: schemaString('SERVICE_CONTROL_POLICY, TAG_POLICY, ...'),
  servicePrincipal: schemaString('The AWS service (e.g. sso.amazonaws.com).'),
};

/** `organization-o-abc` -> `o-abc`: events that do not carry their organization have it in their stream. */
export const organizationOfStream = (streamId: string) => streamId.replace(/^organization-/, '');

export const EXAMPLE_ORGANIZATION = 'o-exampleorgid';
export const EXAMPLE_ACCOUNT = '111122223333';
export const EXAMPLE_ROOT = 'r-ab12';
export const EXAMPLE_OU = 'ou-ab12-cd34ef56';
export const EXAMPLE_AT = '2026-01-01T12:00:00.000Z';
