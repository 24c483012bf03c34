export * from './tenants.projection';
