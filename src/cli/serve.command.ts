import { loadConfig, processEnvironment } from '../config/config';
import { createApp } from '../startup/create-app';
import { createLogger } from '../startup/logger';

/** How long after the start the report workers are warmed. */
const REPORT_WARM_UP_DELAY_MS = 15_000;

/** `privacy-desk serve`: the bot server until SIGINT/SIGTERM. */
export async function serveCommand(): Promise<void> {
  const config = loadConfig(processEnvironment());
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, logger);
  // Loaded here, not at the top: restify pulls in spdy, whose Node deprecation warning every other
  // command (ask, chat, parse, …) would print on stderr for nothing.
  const { startServer } = await import('../server/http-server');
  const server = await startServer(config, app, logger);
  app.sync.start();
  app.heartbeat.start();
  app.scheduler.start({ intervalMs: config.reminderCheckSeconds * 1000 });
  // Checked every minute by default: the summary goes out within a minute of its time, and exactly once.
  app.retentionScheduler.start({ intervalMs: config.schedules.checkSeconds * 1000 });
  // Started cases: taken up now (a restart resumes them) and looked at every EXECUTION_CHECK_SECONDS.
  app.execution.start(config.execution.checkSeconds * 1000);
  process.stdout.write(`privacy-desk listening on ${server.url} (POST /api/messages, GET /healthz)\n`);
  // The access report's workers, warmed in the background once the start's own work is done: a
  // report is then set about twice as fast.
  setTimeout(() => {
    app.warmReports().then(
      () => logger.debug({}, 'report workers warm'),
      (error: unknown) => logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'report workers could not be warmed; reports start them when needed'),
    );
  }, REPORT_WARM_UP_DELAY_MS).unref();
  const stop = async (): Promise<void> => {
    await server.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
