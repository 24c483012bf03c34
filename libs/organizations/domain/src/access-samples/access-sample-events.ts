/** A request as simulateAccess takes it, without policy documents: what a log of real access would hold. */
export interface AccessSampleRequest {
  /** The account the request is made in. */
  accountId: string;
  action: string;
  resource: string;
  region?: string;
  principalArn?: string;
  resourceAccountId?: string;
  context?: { key: string; values: string[] }[];
  principalTags?: { key: string; value: string }[];
}

export interface AccessSampleRecord {
  id: string;
  name: string;
  request: AccessSampleRequest;
  recordedAt: string;
}

export type AccessSamplesRecorded = { type: 'AccessSamplesRecorded'; data: { organizationId: string; samples: AccessSampleRecord[]; recordedAt: string } };
export type AccessSampleDeleted = { type: 'AccessSampleDeleted'; data: { organizationId: string; sampleId: string; deletedAt: string } };

export type AccessSampleEvent = AccessSamplesRecorded | AccessSampleDeleted;
