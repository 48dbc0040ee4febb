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
    // A report file is a few MB at most: three connector timeouts for its upload to Teams.
    uploadTimeoutMs: config.bot.connectorTimeoutMs * 3,
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
  // An access report's download link: signed, expiring, single-use; the file is the DPO's to review.
  server.get('/reports/:token', async (req, res) => {
    const page = (status: number, en: string, de: string): void => {
      const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>privacy-desk</title></head><body><p>${en}</p><p lang="de">${de}</p></body></html>`;
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
      res.end(body);
    };
    try {
      const redeemed = await app.links.redeem(String(req.params.token ?? ''));
      if (redeemed.kind === 'invalid') return page(404, 'This link is not valid.', 'Dieser Link ist ungültig.');
      if (redeemed.kind === 'expired') return page(410, 'This link has expired. Ask the bot for a new one on the case card.', 'Dieser Link ist abgelaufen. Einen neuen gibt es auf der Karte des Vorgangs.');
      if (redeemed.kind === 'used') return page(410, 'This link has been used already: each link opens once.', 'Dieser Link wurde schon benutzt: Jeder Link öffnet nur einmal.');
      const file = await app.execution.reportFile(redeemed.caseId, redeemed.file);
      if (!file) return page(404, 'The report is no longer here.', 'Die Auskunft ist nicht mehr vorhanden.');
      await app.execution.downloaded(file.request);
      logger.info({ case: file.request.number, bytes: file.content.length }, 'access report downloaded');
      res.writeHead(200, {
        'content-type': 'application/zip',
        'content-length': file.content.length,
        'content-disposition': `attachment; filename="${file.name}"`,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
      });
      res.end(file.content);
    } catch (error) {
      logger.error({ err: error instanceof Error ? error.name : 'unknown' }, 'report download failed');
      page(500, 'Something went wrong; try again later.', 'Etwas ist schiefgegangen; versuche es später noch einmal.');
    }
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
