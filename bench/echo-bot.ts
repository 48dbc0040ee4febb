/**
 * The smallest bot on the same stack as privacy-desk — botbuilder's CloudAdapter behind restify,
 * the same versions — that answers every message with its text: the yardstick `bench:http`
 * measures privacy-desk against. Not part of the product.
 */
import type { AddressInfo } from 'node:net';
import { ActivityHandler, CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } from 'botbuilder';
import * as restify from 'restify';

export interface RunningEcho {
  url: string;
  close(): Promise<void>;
}

/** With `card`, every answer is that Adaptive Card instead of the text: the same payload as privacy-desk's. */
export async function startEchoBot(options: { card?: Record<string, unknown> } = {}): Promise<RunningEcho> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    if (options.card) await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(options.card)));
    else await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    await next();
  });
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
