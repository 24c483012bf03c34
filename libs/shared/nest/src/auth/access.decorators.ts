import { SetMetadata } from '@nestjs/common';

export type Access = 'public' | 'operator' | 'operator-or-write' | 'operator-or-read' | 'read' | 'write';
export const ACCESS_KEY = 'orgs:access';

/** Health and metrics: no credentials. */
export const Public = () => SetMetadata(ACCESS_KEY, 'public' satisfies Access);
/** Installation-wide operations (createTenant): the operator token, not an API key. */
export const OperatorOnly = () => SetMetadata(ACCESS_KEY, 'operator' satisfies Access);
/**
 * Either the operator token (acting for a tenant it names) or an ADMIN key (acting in its own
 * tenant): registerStandaloneAccount. The resolver tells them apart with `CurrentCaller`.
 */
export const OperatorOrWrites = () => SetMetadata(ACCESS_KEY, 'operator-or-write' satisfies Access);
/** Either the operator token (for a tenant it names) or any API key (its own tenant): tenantQuotas. */
export const OperatorOrReads = () => SetMetadata(ACCESS_KEY, 'operator-or-read' satisfies Access);
/** Changes state: an ADMIN key. Anything unmarked needs at least a READ_ONLY key. */
export const Writes = () => SetMetadata(ACCESS_KEY, 'write' satisfies Access);
