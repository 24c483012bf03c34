export * from './types';
export * from './errors';
export * from './event-store';
export * from './wake-ups';
export * from './snapshots';
export * from './pool';
export * from './shared-log-reads';
export * from './append-batches';
