import { AccountsResolver } from './accounts.resolver';
import { CreateAccountResolver } from './create-account.resolver';

/** The accounts capability's resolvers, registered by OrganizationsApiModule. */
export const ACCOUNT_RESOLVERS = [AccountsResolver, CreateAccountResolver];
