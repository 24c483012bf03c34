/**
 * Usage is high-volume data: its records go straight into tables (COPY), never into the log. What
 * the log records is that a batch was accepted (who sent how many records for which months), once
 * per batch id: each batch has a stream of its own, appended to once.
 */
export const usageBatchStreamId = (batchId: string) => `billing-usage-batch-${batchId}`;
export const BATCH_ID = /^[\w.:-]{1,128}$/;
export const MAX_RECORDS_PER_CALL = 1_000;

export type UsageBatchSource = 'GRAPHQL' | 'CSV';

export type UsageBatchAcceptedEvent = {
  type: 'UsageBatchAccepted';
  data: { batchId: string; source: UsageBatchSource; recordCount: number; months: string[]; acceptedBy: string; acceptedAt: string };
};
