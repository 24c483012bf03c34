import type {
  AccountJoinedMethod,
  AccountState,
  CreateAccountFailureReason,
  CreateAccountState,
  ActionType as HandshakeAction,
  HandshakeState as AwsHandshakeState,
  OrganizationFeatureSet,
  PolicyType,
  PolicyTypeStatus,
} from '@orgs/shared/kernel';
import type { AccessSampleRecord } from './access-samples/access-sample-events';
import type { PolicyRecord } from './policies/policy-events';
import { initialDelegatedAdministratorsState, type DelegatedAdministratorsState } from './delegated-administrators/delegated-administrators-state';
import { initialTrustedAccessState, type TrustedAccessState } from './trusted-access/trusted-access-state';

/**
 * One organization's whole structure: the organization's stream is the consistency boundary for
 * the tree, so every rule that spans OUs, accounts and handshakes is checked against one state.
 * Each capability folder owns one section and evolves only that section.
 */
export interface OrganizationState {
  status: 'NONE' | 'ACTIVE' | 'DELETED';
  organizationId: string | null;
  managementAccountId: string | null;
  managementAccountEmail: string | null;
  featureSet: OrganizationFeatureSet | null;
  root: RootState | null;
  organizationalUnits: Record<string, OrganizationalUnitState>;
  /** Every account in the organization, the management account included. */
  accounts: Record<string, MemberAccountState>;
  createAccountRequests: Record<string, CreateAccountRequestState>;
  handshakes: Record<string, HandshakeState>;
  /** Tags by resource id (root, OU or account id). */
  tags: Record<string, Record<string, string>>;
  /** When member accounts were closed (ISO times), for the rolling 30-day closure quota. */
  closures: string[];
  /** Customer managed policies by id (the AWS managed ones are constants of the policy engine). */
  policies: Record<string, PolicyRecord>;
  /** Policy ids attached directly to each root, OU or account, in attach order. */
  policyAttachments: Record<string, string[]>;
  /** Services with trusted access, and the service-linked roles they have in each account. */
  trustedAccess: TrustedAccessState;
  delegatedAdministrators: DelegatedAdministratorsState;
  /** Recorded requests that previews of policy changes replay, by id. */
  accessSamples: Record<string, AccessSampleRecord>;
}

export interface PolicyTypeSummary {
  type: PolicyType;
  status: PolicyTypeStatus;
}

export interface RootState {
  id: string;
  name: string;
  policyTypes: PolicyTypeSummary[];
}

export interface OrganizationalUnitState {
  id: string;
  name: string;
  /** The root's id or another OU's id. */
  parentId: string;
}

export interface MemberAccountState {
  id: string;
  name: string;
  email: string;
  parentId: string;
  state: AccountState;
  joinedMethod: AccountJoinedMethod;
  joinedAt: string;
}

export interface CreateAccountRequestState {
  id: string;
  accountName: string;
  email: string;
  roleName: string;
  iamUserAccessToBilling: 'ALLOW' | 'DENY';
  tags: Record<string, string>;
  state: CreateAccountState;
  requestedAt: string;
  completedAt?: string;
  accountId?: string;
  failureReason?: CreateAccountFailureReason;
}

export interface HandshakePartyState {
  id: string;
  type: 'ACCOUNT' | 'ORGANIZATION' | 'EMAIL';
}

export interface HandshakeState {
  id: string;
  action: HandshakeAction;
  state: AwsHandshakeState;
  parties: HandshakePartyState[];
  /** The invited party: an account id, or an email. */
  target: HandshakePartyState;
  notes?: string;
  tags: Record<string, string>;
  requestedAt: string;
  expiresAt: string;
  parentHandshakeId?: string;
}

export const initialOrganizationState = (): OrganizationState => ({
  status: 'NONE',
  organizationId: null,
  managementAccountId: null,
  managementAccountEmail: null,
  featureSet: null,
  root: null,
  organizationalUnits: {},
  accounts: {},
  createAccountRequests: {},
  handshakes: {},
  tags: {},
  closures: [],
  policies: {},
  policyAttachments: {},
  trustedAccess: initialTrustedAccessState(),
  delegatedAdministrators: initialDelegatedAdministratorsState(),
  accessSamples: {},
});
