export * from './command-handler';
export * from './state-cache';
