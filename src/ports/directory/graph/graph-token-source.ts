import { ClientCertificateCredential, ClientSecretCredential, type ClientSecretCredentialOptions, type TokenCredential } from '@azure/identity';
import type { GraphConfig } from '../../../config/config';
import type { TokenSource } from './graph-middleware';

/**
 * App-only access to Microsoft Graph: the permissions the app registration was granted. The
 * resource is the Graph endpoint's origin, so national clouds (graph.microsoft.us, …) work too.
 */
export function graphScope(baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  return `${origin.startsWith('https:') ? origin : 'https://graph.microsoft.com'}/.default`;
}

const MICROSOFT_AUTHORITIES = new Set(['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.microsoftonline.de']);

/**
 * App-only tokens (client credentials flow) from @azure/identity, with a client secret or a
 * certificate (PEM file with the private key). The credential caches the token and renews it
 * before it expires, so asking for one per request costs nothing.
 */
export function credentialTokenSource(config: GraphConfig, seams: { httpClient?: ClientSecretCredentialOptions['httpClient'] } = {}): TokenSource {
  const options: ClientSecretCredentialOptions = {
    authorityHost: config.authorityHost,
    // Instance discovery knows only Microsoft's clouds; another authority (AD FS, a test) is used as given.
    disableInstanceDiscovery: !MICROSOFT_AUTHORITIES.has(new URL(config.authorityHost).host),
    ...(seams.httpClient ? { httpClient: seams.httpClient } : {}),
  };
  const scope = graphScope(config.baseUrl);
  const credential: TokenCredential =
    config.credential.kind === 'secret'
      ? new ClientSecretCredential(config.tenantId, config.clientId, config.credential.secret, options)
      : new ClientCertificateCredential(config.tenantId, config.clientId, { certificatePath: config.credential.file }, options);
  return {
    async token() {
      const accessToken = await credential.getToken(scope);
      if (!accessToken) throw new Error('the credential returned no token');
      return accessToken.token;
    },
  };
}
