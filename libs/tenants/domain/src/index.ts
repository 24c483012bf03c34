export * from './tenant';
export * from './state';
export * from './events';
export * from './api-key-access';
export * from './create-tenant';
export * from './register-standalone-account';
export * from './create-api-key';
export * from './revoke-api-key';
