export const ORGS_CONFIG = Symbol('ORGS_CONFIG');
export const PG_POOL = Symbol('PG_POOL');
/** The event store's own connections for appends (see EventStore). */
export const APPEND_POOL = Symbol('APPEND_POOL');
export const PRISMA = Symbol('PRISMA');
export const LOGGER = Symbol('LOGGER');
