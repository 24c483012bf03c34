export * from './projection';
export * from './projector';
export * from './checkpoints';
export * from './projection-waiter';
export * from './metrics';
export * from './read-models';
export * from './read-model-changes';
export * from './invalidated-cache';
