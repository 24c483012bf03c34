export * from './decider';
export * from './errors';
export * from './ids';
export * from './arns';
export * from './aws-model/generated';
export * from './aws-model/model';
export * from './aws-model/validate';
export * from './claims';
