export * from './member-accounts';
export * from './fault-log';
