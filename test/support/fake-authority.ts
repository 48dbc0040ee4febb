import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestCertificates } from './test-certificates';

/**
 * A local OAuth 2.0 authority over HTTPS for the client-credentials flow @azure/identity runs:
 * OpenID metadata and a token endpoint that checks client id and secret and issues `token`.
 */
export class FakeAuthority {
  readonly requests: { path: string; form?: URLSearchParams }[] = [];
  private server?: Server;

  constructor(
    private readonly certificates: TestCertificates,
    private readonly client: { tenantId: string; clientId: string; secret: string },
    readonly token: string,
  ) {}

  get url(): string {
    return `https://localhost:${(this.server?.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer({ key: this.certificates.key, cert: this.certificates.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = new URL(req.url ?? '/', this.url).pathname;
        const form = req.method === 'POST' ? new URLSearchParams(Buffer.concat(chunks).toString('utf8')) : undefined;
        this.requests.push(form ? { path, form } : { path });
        const { status, body } = this.answer(path, form);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private answer(path: string, form: URLSearchParams | undefined): { status: number; body: unknown } {
    const tenant = `/${this.client.tenantId}`;
    if (path === `${tenant}/v2.0/.well-known/openid-configuration`) {
      return {
        status: 200,
        body: {
          token_endpoint: `${this.url}${tenant}/oauth2/v2.0/token`,
          authorization_endpoint: `${this.url}${tenant}/oauth2/v2.0/authorize`,
          issuer: `${this.url}${tenant}/v2.0`,
          jwks_uri: `${this.url}${tenant}/discovery/v2.0/keys`,
          response_modes_supported: ['query'],
        },
      };
    }
    if (path === `${tenant}/oauth2/v2.0/token` && form) {
      const valid = form.get('grant_type') === 'client_credentials' && form.get('client_id') === this.client.clientId && form.get('client_secret') === this.client.secret;
      if (!valid) return { status: 401, body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' } };
      return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: this.token } };
    }
    return { status: 404, body: { error: 'not_found' } };
  }
}
