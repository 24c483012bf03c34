import { createLogger, loadConfig } from '@orgs/shared/runtime';
import { startApi } from './api';

const logger = createLogger('api');
startApi(loadConfig(), logger).catch((error: Error) => {
  logger.fatal(error.message);
  process.exit(1);
});
