export * from './tenants-api.module';
