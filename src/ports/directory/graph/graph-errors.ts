import { GraphError } from '@microsoft/microsoft-graph-client';
import { DirectoryError } from '../directory.errors';
import { lowerFailureOf } from './graph-middleware';

/** What was being done, so that a refusal can name the permission the app lacks. */
export interface GraphOperation {
  /** The Graph service root, for the message (never a token). */
  server: string;
  /** The application permission(s) this operation needs, e.g. `User.Read.All`. */
  permission: string;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** Codes, names and messages along an error's cause chain (fetch hides the socket error in `cause`). */
function causes(error: unknown): { codes: string[]; names: string[]; text: string } {
  const codes: string[] = [];
  const names: string[] = [];
  const texts: string[] = [];
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth += 1) {
    const { code, name, message } = e as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof name === 'string') names.push(name);
    if (typeof message === 'string') texts.push(message);
  }
  return { codes, names, text: texts.join(' ') };
}

function belowHttp(error: unknown, operation: GraphOperation, cause: { cause: unknown }): DirectoryError {
  const { codes, names, text } = causes(error);
  const server = operation.server;
  if (names.some((n) => n === 'TimeoutError' || n === 'AbortError') || codes.includes('ETIMEDOUT') || codes.includes('UND_ERR_HEADERS_TIMEOUT')) {
    return new DirectoryError('DIRECTORY.TIMEOUT', `${server}: no answer in time`, cause);
  }
  const network = codes.find((c) => NETWORK_CODES.has(c));
  if (network) return new DirectoryError('DIRECTORY.UNREACHABLE', `${server}: cannot connect (${network})`, cause);
  const tls = codes.find((c) => /CERT|TLS|SSL|SELF_SIGNED/i.test(c));
  if (tls) return new DirectoryError('DIRECTORY.TLS', `${server}: TLS failed (${tls}) — check the server's certificate`, cause);
  if (/fetch failed|socket|network/i.test(text)) return new DirectoryError('DIRECTORY.UNREACHABLE', `${server}: cannot connect`, cause);
  return new DirectoryError('DIRECTORY.FAILED', `${server}: request failed (${names[0] ?? 'unexpected failure'})`, cause);
}

function tokenFailure(error: unknown, operation: GraphOperation, cause: { cause: unknown }): DirectoryError {
  const { codes, text } = causes(error);
  const network = codes.find((c) => NETWORK_CODES.has(c));
  if (network) return new DirectoryError('DIRECTORY.UNREACHABLE', `${operation.server}: cannot reach the token endpoint (${network}) — check GRAPH_AUTHORITY_HOST`, cause);
  // MSAL cannot tell an unreachable authority from an unknown tenant: both fail endpoint discovery.
  const check = /endpoints_resolution_error/.test(text)
    ? 'the authority did not resolve — check GRAPH_AUTHORITY_HOST and GRAPH_TENANT_ID'
    : 'check GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_FILE';
  return new DirectoryError('DIRECTORY.BIND_FAILED', `${operation.server}: no app-only token — ${check}`, cause);
}

/**
 * The one place where Graph client, token and network errors become DirectoryErrors with stable
 * codes and a message an administrator can act on. Messages name the server, the Graph error code
 * and the permission needed; never a token, a secret or Graph's free text.
 */
export function translateGraphError(error: unknown, operation: GraphOperation): DirectoryError {
  if (error instanceof DirectoryError) return error;
  const cause = { cause: error };
  const lower = lowerFailureOf(error);
  if (lower) return lower.kind === 'token' ? tokenFailure(lower.error, operation, cause) : belowHttp(lower.error, operation, cause);
  if (!(error instanceof GraphError)) return belowHttp(error, operation, cause);
  const server = operation.server;
  const graphCode = error.code ? ` (${error.code})` : '';
  switch (error.statusCode) {
    case 401:
      return new DirectoryError('DIRECTORY.BIND_FAILED', `${server}: the access token was refused${graphCode} — check GRAPH_TENANT_ID, GRAPH_CLIENT_ID and the secret or certificate`, cause);
    case 403:
      return new DirectoryError('DIRECTORY.FORBIDDEN', `${server}: the app lacks the application permission ${operation.permission}${graphCode} — grant it with admin consent`, cause);
    case 404:
      return new DirectoryError('DIRECTORY.NOT_FOUND', `${server}: no such object${graphCode}`, cause);
    case 429:
    case 503:
      return new DirectoryError('DIRECTORY.THROTTLED', `${server}: still throttled or unavailable after retrying (HTTP ${error.statusCode})${graphCode}`, cause);
    case 504:
      return new DirectoryError('DIRECTORY.TIMEOUT', `${server}: the gateway timed out${graphCode}`, cause);
    case -1:
      // The client wraps errors it met while reading a body; their name survives as the code.
      return belowHttp({ name: error.code ?? error.name, message: error.message }, operation, cause);
    default:
      return new DirectoryError('DIRECTORY.FAILED', `${server}: HTTP ${error.statusCode}${graphCode}`, cause);
  }
}
