export * from './organizations-api.module';
export { isServiceLinkedRole } from './trusted-access/trusted-access-queries';
export * from './resolvers';
