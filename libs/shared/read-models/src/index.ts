export * from './prisma-client';
export * from './migrations';
