import { Client, GraphError } from '@microsoft/microsoft-graph-client';
import { BearerMiddleware, FetchMiddleware, RetryMiddleware, type Sleep, type TokenSource } from './graph-middleware';

export interface GraphHttpOptions {
  /** Service root including the version, e.g. `https://graph.microsoft.com/v1.0`. */
  baseUrl: string;
  tokens: TokenSource;
  maxRetries: number;
  sleep: Sleep;
  timeoutMs: number;
  fetch: typeof fetch;
}

/** One page of a Graph collection. */
export interface Page<T> {
  value?: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

type Headers = Readonly<Record<string, string>>;

/**
 * The Graph client behind a few verbs, with our own middleware chain (retry → bearer → fetch).
 * Paths are relative to the service root (`/users?$select=…`); links Graph hands back
 * (`@odata.nextLink`, `@odata.deltaLink`) are made relative to it again before they are followed,
 * because the client mangles absolute links that are not https and would otherwise send the token
 * wherever a link points.
 */
export class GraphHttp {
  readonly root: URL;
  private readonly client: Client;

  constructor(options: GraphHttpOptions) {
    this.root = new URL(options.baseUrl.replace(/\/+$/, ''));
    this.client = Client.initWithMiddleware({
      baseUrl: this.root.origin,
      defaultVersion: this.root.pathname.replace(/^\/+|\/+$/g, ''),
      middleware: [new RetryMiddleware(options.maxRetries, options.sleep), new BearerMiddleware(options.tokens), new FetchMiddleware(options.fetch, options.timeoutMs)],
    });
  }

  get<T>(path: string, headers: Headers = {}): Promise<T> {
    return this.client.api(path).headers(headers).get() as Promise<T>;
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.client.api(path).post(body) as Promise<T>;
  }

  async patch(path: string, body: unknown): Promise<void> {
    await this.client.api(path).patch(body);
  }

  /** Every item of a collection, following `@odata.nextLink`; returns the final delta link too. */
  async all<T>(path: string, headers: Headers = {}): Promise<{ items: T[]; deltaLink?: string }> {
    const items: T[] = [];
    for (let next: string | undefined = path; next !== undefined; ) {
      const page: Page<T> = await this.get<Page<T>>(next, headers);
      items.push(...(page.value ?? []));
      const deltaLink = page['@odata.deltaLink'];
      if (deltaLink !== undefined && page['@odata.nextLink'] === undefined) return { items, deltaLink: this.relative(deltaLink) };
      next = page['@odata.nextLink'] === undefined ? undefined : this.relative(page['@odata.nextLink']);
    }
    return { items };
  }

  /**
   * A link from Graph, relative to the service root: `https://graph.microsoft.com/v1.0/users?…`,
   * `/v1.0/users?…` and `users?…` all become `/users?…`, which is then asked of the configured
   * root. Links on the configured host or a Microsoft Graph host are accepted (a proxy in front of
   * Graph may pass Graph's own links on); any other host is refused rather than guessed at.
   */
  relative(link: string): string {
    const url = new URL(link, `${this.root.href}/`);
    const own = url.origin === this.root.origin;
    const prefix = own ? this.root.pathname.replace(/\/+$/, '') : `/${url.pathname.split('/')[1] ?? ''}`;
    if ((!own && !GRAPH_HOSTS.has(url.hostname)) || (prefix !== '' && url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`))) {
      const error = new GraphError(-1, 'Graph sent a link outside the configured service root');
      error.code = 'UnexpectedLink';
      throw error;
    }
    return `${url.pathname.slice(prefix.length) || '/'}${url.search}`;
  }
}

/** Microsoft Graph's hosts: global and national clouds. */
const GRAPH_HOSTS: ReadonlySet<string> = new Set(['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'microsoftgraph.chinacloudapi.cn']);
