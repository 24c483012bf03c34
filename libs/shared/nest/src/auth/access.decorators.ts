import { SetMetadata } from '@nestjs/common';

export type Access = 'public' | 'operator' | 'read' | 'write';
export const ACCESS_KEY = 'orgs:access';

/** Health and metrics: no credentials. */
export const Public = () => SetMetadata(ACCESS_KEY, 'public' satisfies Access);
/** Installation-wide operations (createTenant): the operator token, not an API key. */
export const OperatorOnly = () => SetMetadata(ACCESS_KEY, 'operator' satisfies Access);
/** Changes state: an ADMIN key. Anything unmarked needs at least a READ_ONLY key. */
export const Writes = () => SetMetadata(ACCESS_KEY, 'write' satisfies Access);
