import type { OperationTable } from '../operation';
import { ACCOUNT_OPERATIONS } from './accounts';
import { DELEGATED_ADMINISTRATOR_OPERATIONS } from './delegated-administrators';
import { HANDSHAKE_OPERATIONS } from './handshakes';
import { ORGANIZATION_OPERATIONS } from './organization';
import { ORGANIZATIONAL_UNIT_OPERATIONS } from './organizational-units';
import { POLICY_OPERATIONS } from './policies';
import { TAG_OPERATIONS } from './tags';
import { TRUSTED_ACCESS_OPERATIONS } from './trusted-access';

/** Every operation the wire edge serves, by AWS operation name; the model's others are unsupported. */
export const WIRE_OPERATIONS: OperationTable = {
  ...ORGANIZATION_OPERATIONS,
  ...ACCOUNT_OPERATIONS,
  ...ORGANIZATIONAL_UNIT_OPERATIONS,
  ...TAG_OPERATIONS,
  ...HANDSHAKE_OPERATIONS,
  ...POLICY_OPERATIONS,
  ...TRUSTED_ACCESS_OPERATIONS,
  ...DELEGATED_ADMINISTRATOR_OPERATIONS,
};
