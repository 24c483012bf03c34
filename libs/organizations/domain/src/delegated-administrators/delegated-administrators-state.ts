/** The organization's resource-based delegation policy (one per organization). */
export interface ResourcePolicyState {
  id: string;
  arn: string;
  content: string;
}

/** Delegated administrators and the delegation policy that may give them more than reads. */
export interface DelegatedAdministratorsState {
  /** Service principal -> account id -> DelegationEnabledDate. */
  byService: Record<string, Record<string, string>>;
  resourcePolicy: ResourcePolicyState | null;
}

export const initialDelegatedAdministratorsState = (): DelegatedAdministratorsState => ({ byService: {}, resourcePolicy: null });
