export * from './billing-api.module';
