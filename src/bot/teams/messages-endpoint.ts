import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type Activity, CloudAdapter, type InvokeResponse, type TurnContext } from 'botbuilder';
import getRawBody from 'raw-body';
import type { Request, Response } from 'restify';
import { z } from 'zod';
import type { Logger } from '../../ports/logger/logger.port';
import { BotAuthenticationError, withConnectorBudget } from './bounded-connector';

/** The largest activity the bot reads (Teams' own limit for a message with cards is far below). */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/**
 * The CloudAdapter with its activity processing reachable: `process` writes the SDK's error text
 * into the response and prints stack traces to the console; the endpoint below answers itself.
 */
export class TeamsAdapter extends CloudAdapter {
  constructor(
    auth: ConstructorParameters<typeof CloudAdapter>[0],
    /** What a turn may spend on the Bot Connector, all its calls together (CONNECTOR_TIMEOUT_MS). */
    readonly connectorBudgetMs: number,
  ) {
    super(auth);
  }

  /** Authenticates the post, runs the turn and returns what an invoke answers (undefined otherwise). */
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return withConnectorBudget(this.connectorBudgetMs, () => this.processActivity(authHeader, activity, logic));
  }
}

/** Every refusal, with its fixed body: nothing from inside the bot or the SDK is ever sent back. */
const REFUSALS = {
  unsupportedMediaType: { status: 415, body: { error: 'UnsupportedMediaType', message: 'Send the activity as application/json (UTF-8).' } },
  tooLarge: { status: 413, body: { error: 'PayloadTooLarge', message: `The activity is larger than ${MAX_ACTIVITY_BYTES} bytes.` } },
  badRequest: { status: 400, body: { error: 'BadRequest', message: 'The body is not a valid activity.' } },
  unauthorized: { status: 401, body: { error: 'Unauthorized' } },
} as const;
type Refusal = keyof typeof REFUSALS;

/**
 * The envelope every activity needs before the SDK sees it; the rest is the bot's to read (its
 * handlers check what they use). A post without these is malformed: 400, not the SDK's 500.
 */
const activityEnvelope = z
  .object({
    type: z.string().min(1).max(64),
    serviceUrl: z.string().url().max(2048),
    id: z.string().max(1024).optional(),
    channelId: z.string().max(256).optional(),
    conversation: z.object({ id: z.string().min(1).max(2048) }).passthrough().optional(),
    from: z.object({ id: z.string().max(1024) }).passthrough().optional(),
  })
  .passthrough();

export interface MessagesEndpointOptions {
  adapter: TeamsAdapter;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /** Bot authentication on: a post without a bearer token is refused before its body is read. */
  authEnabled: boolean;
}

/**
 * `POST /api/messages`. Checks what costs nothing first — the content type (JSON only: nothing is
 * ever written to disk), the declared length, a bearer token when authentication is on — and only
 * then reads the body, bounded, parses and checks it, and hands it to the adapter. Refusals get a
 * fixed body and one JSON log line with a reason code; no stack trace, no SDK text.
 */
export function messagesEndpoint(options: MessagesEndpointOptions): (req: Request, res: Response) => Promise<void> {
  const { adapter, logic, logger, authEnabled } = options;
  return async (req, res) => {
    let bodyRead = false;
    const refuse = (refusal: Refusal, reason: string): void => {
      logger.warn({ status: REFUSALS[refusal].status, reason }, 'refused post');
      send(res, REFUSALS[refusal].status, REFUSALS[refusal].body, !bodyRead);
    };
    const mediaType = jsonMediaType(req);
    if (mediaType !== 'ok') return refuse('unsupportedMediaType', mediaType);
    const declared = Number(req.headers['content-length'] ?? 'NaN');
    if (Number.isFinite(declared) && declared > MAX_ACTIVITY_BYTES) return refuse('tooLarge', 'declared length');
    const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    if (authEnabled && !/^Bearer \S+$/i.test(authHeader)) return refuse('unauthorized', 'AUTH.MISSING');

    const body = await readBody(req);
    bodyRead = body.kind !== 'tooLarge';
    if (body.kind === 'tooLarge') return refuse('tooLarge', 'body length');
    if (body.kind === 'unreadable') return refuse('badRequest', body.reason);
    const envelope = activityEnvelope.safeParse(body.value);
    if (!envelope.success) return refuse('badRequest', 'not an activity');

    let invoke: InvokeResponse | undefined;
    try {
      invoke = await adapter.handle(authHeader, toActivity(envelope.data), logic);
    } catch (error) {
      if (error instanceof BotAuthenticationError) return refuse('unauthorized', error.code);
      const reference = randomUUID().slice(0, 8);
      logger.error({ reference, activityId: envelope.data.id, err: describe(error) }, 'post failed');
      send(res, 500, { error: 'InternalError', reference }, false);
      return;
    }
    if (invoke?.body === undefined) send(res, invoke?.status ?? 200, undefined, false);
    else send(res, invoke.status, invoke.body, false);
  };
}

/** 'ok' for JSON in UTF-8, without a content encoding; otherwise why not. */
function jsonMediaType(req: Request): 'ok' | string {
  const [type = '', ...parameters] = String(req.headers['content-type'] ?? '').split(';');
  if (type.trim().toLowerCase() !== 'application/json') return 'content type';
  const charset = parameters.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('charset='));
  if (charset !== undefined && !['charset=utf-8', 'charset="utf-8"', 'charset=utf8'].includes(charset)) return 'charset';
  // A compressed body would be limited by its compressed size only: Teams sends none.
  const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') return 'content encoding';
  return 'ok';
}

type Body = { kind: 'ok'; value: unknown } | { kind: 'tooLarge' } | { kind: 'unreadable'; reason: string };

async function readBody(req: IncomingMessage): Promise<Body> {
  let text: string;
  try {
    text = await getRawBody(req, { limit: MAX_ACTIVITY_BYTES, encoding: 'utf-8' });
  } catch (error) {
    const type = (error as { type?: unknown }).type;
    return type === 'entity.too.large' ? { kind: 'tooLarge' } : { kind: 'unreadable', reason: typeof type === 'string' ? type : 'read failed' };
  }
  try {
    return { kind: 'ok', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'unreadable', reason: 'invalid JSON' };
  }
}

/** Timestamps as the SDK's own reader turns them (ISO strings to dates, the raw text kept). */
function toActivity(envelope: z.infer<typeof activityEnvelope>): Activity {
  const activity = { ...envelope } as Record<string, unknown>;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

/**
 * Writes the answer. A refusal sent before the body was read closes the connection, so a client
 * that keeps sending cannot hold it open.
 */
function send(res: Response, status: number, body: unknown, close: boolean): void {
  if (close) res.setHeader('connection', 'close');
  if (body === undefined) {
    res.status(status);
    res.end();
  } else {
    res.json(status, body);
  }
}

const describe = (error: unknown): { name: string; code?: string; stack?: string } =>
  error instanceof Error ? { name: error.name, ...((error as { code?: unknown }).code ? { code: String((error as { code?: unknown }).code) } : {}), ...(error.stack ? { stack: error.stack } : {}) } : { name: 'unknown' };
