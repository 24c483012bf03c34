import type { PolicyType } from '@orgs/shared/kernel';
import type { Schema } from '../schema';
import { BACKUP_POLICY_SCHEMA } from './backup-policy';
import { AI_OPT_OUT_POLICY_SCHEMA, CHATBOT_POLICY_SCHEMA, EC2_POLICY_SCHEMA } from './other-policies';
import { TAG_POLICY_SCHEMA } from './tag-policy';

/** The schemas the reference gives; the newest types get the operator grammar alone. */
export const MANAGEMENT_SCHEMAS: Partial<Record<PolicyType, Schema>> = {
  TAG_POLICY: TAG_POLICY_SCHEMA,
  BACKUP_POLICY: BACKUP_POLICY_SCHEMA,
  AISERVICES_OPT_OUT_POLICY: AI_OPT_OUT_POLICY_SCHEMA,
  CHATBOT_POLICY: CHATBOT_POLICY_SCHEMA,
  DECLARATIVE_POLICY_EC2: EC2_POLICY_SCHEMA,
};
