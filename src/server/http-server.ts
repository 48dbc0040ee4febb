import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import type { Config } from '../config/config';
import type { App } from '../startup/create-app';
import type { Logger } from '../ports/logger/logger.port';
import { PrivacyDeskBot } from '../bot/teams/privacy-desk.bot';
import { TeamsNotifier } from '../bot/teams/teams-notifier';
import { messagesEndpoint } from '../bot/teams/messages-endpoint';
import { createAdapter } from '../bot/teams/adapter';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The HTTP server: `POST /api/messages` for the Bot Connector, `GET /healthz` for probes.
 */
export async function startServer(config: Config, app: App, logger: Logger): Promise<RunningServer> {
  const adapter = createAdapter(config, logger);
  const notifier = new TeamsNotifier({
    adapter,
    appId: config.bot.appId,
    conversations: app.requestStore,
    cards: app.requestStore,
    desk: app.desk,
    ...(config.dpo.channelId ? { dpoChannelId: config.dpo.channelId } : {}),
    ...(config.adminChannelId ? { adminChannelId: config.adminChannelId } : {}),
    timeZone: config.timeZone,
    defaultLocale: config.defaultLocale,
    logger,
    // The connector calls end by their timeout; the margin is for the token they may need first.
    sendTimeoutMs: config.bot.connectorTimeoutMs + 1000,
    connectorBudgetMs: config.bot.connectorTimeoutMs,
  });
  notifier.attach(app.requests);
  app.notifier.use(notifier);
  const bot = new PrivacyDeskBot({
    desk: app.desk,
    logger,
    allowLocalIdentity: config.bot.authDisabled,
    homeTenantId: config.bot.homeTenantId,
    defaultLocale: config.defaultLocale,
    newcomers: app.sync,
    admins: app.admins,
    retention: app.retention,
    ...(config.adminChannelId ? { adminChannelId: config.adminChannelId } : {}),
    requests: {
      desk: app.requests,
      conversations: app.requestStore,
      cards: app.requestStore,
      clock: app.clock,
      dpoTeamsIds: () => notifier.dpoTeamsIds(),
      ...(config.dpo.channelId ? { dpoChannelId: config.dpo.channelId } : {}),
    },
  });
  if (!config.bot.authDisabled && config.bot.homeTenantId === undefined) {
    logger.warn({ setting: 'TEAMS_TENANT_ID' }, 'no home tenant configured: people of any tenant can talk to the bot; Teams users are identified by Entra object id and UPN only');
  }
  const server = restify.createServer({ name: 'privacy-desk', handleUncaughtExceptions: false });
  // No body parser: the endpoint reads JSON itself, bounded, after the checks that cost nothing.
  server.post('/api/messages', messagesEndpoint({ adapter, logic: (context) => bot.run(context), logger, authEnabled: !config.bot.authDisabled }));
  server.get('/healthz', async (_req, res) => {
    const directory = app.sync.health();
    const requests = await app.scheduler.health();
    res.json(200, {
      status: directory.status,
      directory,
      requests,
      retention: { next: app.retentionScheduler.nextRuns() },
      auth: config.bot.authDisabled ? 'disabled (local use only)' : 'enabled',
    });
  });
  await new Promise<void>((resolve) => server.listen(config.server.port, config.server.host, resolve));
  const address = server.address() as AddressInfo;
  const host = config.server.host === '0.0.0.0' ? '127.0.0.1' : config.server.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  logger.info({ url, auth: config.bot.authDisabled ? 'disabled' : 'enabled' }, 'listening');
  if (config.bot.authDisabled) logger.warn({}, 'MICROSOFT_APP_ID is empty: bot authentication is off; use locally only');
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
