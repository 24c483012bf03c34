import { createLogger, loadConfig } from '@orgs/shared/runtime';
import { startWorker } from './worker';

const logger = createLogger('worker');
const metricsPort = Number(process.env.WORKER_METRICS_PORT ?? 9464);
const batchSize = Number(process.env.PROJECTION_BATCH_SIZE ?? 500);

startWorker(loadConfig(), logger, { metricsPort, batchSize })
  .then((worker) => {
    const stop = () => void worker.stop().then(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  })
  .catch((error: Error) => {
    logger.fatal(error.message);
    process.exit(1);
  });
