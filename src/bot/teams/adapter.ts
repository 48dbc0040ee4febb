import { randomUUID } from 'node:crypto';
import { ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from '../../config/config';
import type { Logger } from '../../ports/logger/logger.port';
import { BoundedBotFrameworkAuthentication } from './bounded-connector';
import { TeamsAdapter } from './messages-endpoint';

/** The Bot Framework adapter for Teams; with no app id it accepts unauthenticated local traffic only. */
export function createAdapter(config: Config, logger: Logger): TeamsAdapter {
  const auth = new BoundedBotFrameworkAuthentication(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: config.bot.appId,
      MicrosoftAppPassword: config.bot.appPassword,
      MicrosoftAppType: config.bot.appType,
      MicrosoftAppTenantId: config.bot.appTenantId,
    }),
    config.bot.connectorTimeoutMs,
  );
  const adapter = new TeamsAdapter(auth, config.bot.connectorTimeoutMs);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const reference = randomUUID().slice(0, 8);
    logger.error({ reference, activityId: context.activity.id, err: { name: error.name, stack: error.stack } }, 'unhandled turn error');
  };
  return adapter;
}
