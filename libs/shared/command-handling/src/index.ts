export * from './command-handler';
export * from './state-cache';
export * from './historical-states';
