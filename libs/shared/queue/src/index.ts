export * from './projection-queue';
