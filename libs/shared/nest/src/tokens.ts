export const ORGS_CONFIG = Symbol('ORGS_CONFIG');
export const PG_POOL = Symbol('PG_POOL');
export const PRISMA = Symbol('PRISMA');
export const LOGGER = Symbol('LOGGER');
