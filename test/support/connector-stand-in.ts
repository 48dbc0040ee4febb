import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the bot sent to the Bot Connector. */
export interface RecordedCall {
  method: string;
  path: string;
  body: unknown;
  authorization?: string;
  /** The id the stand-in gave a posted activity (or a new conversation). */
  responseId?: string;
  /** Set when the stand-in failed the call (its status) or left it hanging. */
  fault?: number | 'hang';
}

/** What the stand-in does with the calls a fault applies to: answer with an error status, or never. */
export type Fault = { kind: 'fail'; status: number } | { kind: 'hang' };

export interface TeamsMember {
  id: string;
  name: string;
  aadObjectId?: string;
  userPrincipalName?: string;
  email?: string;
}

/**
 * A local stand-in for the Bot Connector service: answers the calls the bot makes (replies,
 * updates, new conversations, member lookups) and records them. It can also fail them or leave
 * them hanging (`fault`), as the real service does on a bad day, and recover.
 */
export class ConnectorStandIn {
  readonly calls: RecordedCall[] = [];
  private server?: Server;
  private counter = 0;
  private waiters: { count: number; resolve: () => void }[] = [];
  private faulty: { fault: Fault; applies: (call: RecordedCall) => boolean } | undefined;

  constructor(
    private readonly members: Record<string, TeamsMember> = {},
    /** `record: false` keeps no calls (a benchmark's millions would fill the memory). */
    private readonly options: { record?: boolean } = {},
  ) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}/`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then((answer) => {
        if (answer === 'hang') return;
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server?.close(() => resolve()));
    // Calls left hanging would keep the server open for ever.
    this.server?.closeAllConnections();
    await closed;
  }

  /**
   * From now on the calls `applies` picks (every call by default) fail with `fault.status`, or hang
   * without an answer, until {@link recover}. They are recorded with their fault.
   */
  fault(fault: Fault, applies: (call: RecordedCall) => boolean = () => true): void {
    this.faulty = { fault, applies };
  }

  /** Answers every call again. */
  recover(): void {
    this.faulty = undefined;
  }

  /** Calls the stand-in failed or left hanging. */
  get faulted(): RecordedCall[] {
    return this.calls.filter((c) => c.fault !== undefined);
  }

  /** Activities the bot posted or put and the stand-in took, in order. */
  get activities(): { method: string; path: string; activity: Record<string, unknown>; id?: string }[] {
    return this.calls
      .filter((c) => c.fault === undefined && (c.method === 'POST' || c.method === 'PUT') && /\/activities/.test(c.path))
      .map((c) => ({ method: c.method, path: c.path, activity: c.body as Record<string, unknown>, ...(c.responseId ? { id: c.responseId } : {}) }));
  }

  /** Resolves once at least `count` activities were sent. */
  waitForActivities(count: number, timeoutMs = 5000): Promise<void> {
    if (this.activities.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`expected ${count} activities, got ${this.activities.length}`)), timeoutMs);
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown } | 'hang'> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const call: RecordedCall = { method: req.method ?? 'GET', path, body: text ? JSON.parse(text) : undefined };
    if (req.headers.authorization) call.authorization = req.headers.authorization;
    if (this.options.record !== false) this.calls.push(call);
    const faulty = this.faulty;
    if (faulty?.applies(call)) {
      call.fault = faulty.fault.kind === 'hang' ? 'hang' : faulty.fault.status;
      if (faulty.fault.kind === 'hang') return 'hang';
      return { status: faulty.fault.status, body: { error: { code: 'ServiceError', message: 'the stand-in fails this call' } } };
    }
    const response = this.respond(call);
    const answered = (response.body as { id?: unknown } | undefined)?.id;
    if (response.status === 200 && typeof answered === 'string') call.responseId = answered;
    this.waiters = this.waiters.filter((w) => (this.activities.length >= w.count ? (w.resolve(), false) : true));
    return response;
  }

  private respond(call: RecordedCall): { status: number; body: unknown } {
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(call.path);
    if (call.method === 'GET' && member) {
      const found = this.members[member[2] as string];
      return found ? { status: 200, body: found } : { status: 404, body: { error: { code: 'MemberNotFoundInConversation', message: 'not found' } } };
    }
    if (call.method === 'POST' && call.path === '/v3/conversations') {
      return { status: 200, body: { id: `conversation-${++this.counter}`, activityId: `activity-${this.counter}` } };
    }
    if ((call.method === 'POST' || call.method === 'PUT') && /^\/v3\/conversations\/[^/]+\/activities(\/[^/]+)?$/.test(call.path)) {
      return { status: 200, body: { id: `activity-${++this.counter}` } };
    }
    return { status: 404, body: { error: { code: 'NotFound', message: call.path } } };
  }
}
