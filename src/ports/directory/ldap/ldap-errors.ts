import {
  ConfidentialityRequiredError,
  InsufficientAccessError,
  InvalidCredentialsError,
  NoSuchObjectError,
  ResultCodeError,
  StrongAuthRequiredError,
  TimeLimitExceededError,
} from 'ldapts';
import { DirectoryError } from '../directory.errors';

/** LDAP result code 10: the server sends the client elsewhere. */
const REFERRAL = 10;

/**
 * The one place where ldapts and socket errors become DirectoryErrors with stable codes and a
 * message an administrator can act on. Messages name the server, never a password.
 */
export function translateLdapError(error: unknown, server: string): DirectoryError {
  if (error instanceof DirectoryError) return error;
  const cause = { cause: error };
  if (error instanceof InvalidCredentialsError) return new DirectoryError('DIRECTORY.BIND_FAILED', `${server}: bind refused — check LDAP_BIND_DN and LDAP_BIND_PASSWORD`, cause);
  if (error instanceof StrongAuthRequiredError || error instanceof ConfidentialityRequiredError) {
    return new DirectoryError('DIRECTORY.TLS', `${server}: the server requires an encrypted connection — use ldaps:// or LDAP_STARTTLS=true`, cause);
  }
  if (error instanceof InsufficientAccessError) return new DirectoryError('DIRECTORY.FORBIDDEN', `${server}: the bind account lacks the permission for this operation`, cause);
  if (error instanceof NoSuchObjectError) return new DirectoryError('DIRECTORY.NOT_FOUND', `${server}: no such entry (check LDAP_BASE_DN)`, cause);
  if (error instanceof TimeLimitExceededError) return new DirectoryError('DIRECTORY.TIMEOUT', `${server}: the server's time limit was exceeded`, cause);
  if (error instanceof ResultCodeError && error.code === REFERRAL) {
    return new DirectoryError('DIRECTORY.REFERRAL', `${server}: the server refers to another server for this base — point LDAP_URL at a server that holds LDAP_BASE_DN`, cause);
  }
  const e = error as NodeJS.ErrnoException & { message?: string };
  const message = String(e?.message ?? '');
  if (/timed? ?out/i.test(message) || e?.code === 'ETIMEDOUT') return new DirectoryError('DIRECTORY.TIMEOUT', `${server}: no answer in time`, cause);
  if (['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN'].includes(e?.code ?? '') || /socket|connection/i.test(message)) {
    return new DirectoryError('DIRECTORY.UNREACHABLE', `${server}: cannot connect (${e?.code ?? 'connection closed'})`, cause);
  }
  if (/certificate|self.signed|TLS|SSL/i.test(`${e?.code ?? ''} ${message}`)) {
    return new DirectoryError('DIRECTORY.TLS', `${server}: TLS failed (${e?.code ?? 'handshake'}) — check LDAP_CA_FILE and the server's certificate`, cause);
  }
  if (error instanceof ResultCodeError) return new DirectoryError('DIRECTORY.FAILED', `${server}: LDAP result ${error.code} (${error.name})`, cause);
  return new DirectoryError('DIRECTORY.FAILED', `${server}: ${error instanceof Error ? error.name : 'unexpected failure'}`, cause);
}
