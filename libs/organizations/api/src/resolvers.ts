/** The resolvers whose methods the AWS wire edge (libs/aws-wire) also serves, one domain, two edges. */
export { AccountsResolver } from './accounts/accounts.resolver';
export { CreateAccountResolver } from './accounts/create-account.resolver';
export { DelegatedAdministratorsResolver } from './delegated-administrators/delegated-administrators.resolver';
export { HandshakesResolver } from './handshakes/handshakes.resolver';
export { OrganizationLifecycleResolver } from './organization-lifecycle/organization-lifecycle.resolver';
export { OrganizationalUnitsResolver } from './organizational-units/organizational-units.resolver';
export { PolicyCommandsResolver } from './policies/policy-commands.resolver';
export { PolicyQueriesResolver } from './policies/policy-queries.resolver';
export { TagsResolver } from './tags/tags.resolver';
export { TrustedAccessResolver } from './trusted-access/trusted-access.resolver';
