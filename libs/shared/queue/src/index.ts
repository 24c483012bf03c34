export * from './log-follower';
export * from './follower-queue';
export * from './reactions/reaction';
export * from './reactions/reaction-dispatcher';
export * from './queue-metrics';
