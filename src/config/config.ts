import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigurationError } from '../domain/shared/errors';
import { shipped } from './paths';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every environment variable the bot reads, with its default. Nothing else reads `process.env`.
 * Keep `.env.example` and the README's configuration table in step with this.
 */
const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).optional(),
  MICROSOFT_APP_ID: z.string().default(''),
  MICROSOFT_APP_PASSWORD: z.string().default(''),
  MICROSOFT_APP_TENANT_ID: z.string().default(''),
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  DIRECTORY: z.enum(['ldif']).default('ldif'),
  DIRECTORY_FILE: z.string().min(1).default(shipped('data', 'demo', 'demo-org.ldif')),
  GRANTS_FILE: z.string().min(1).default(shipped('data', 'demo', 'grants.json')),
  PERMISSION_MATRIX_FILE: z.string().min(1).default(shipped('data', 'permission-matrix.json')),
  DATABASE_FILE: z.string().min(1).default('./data/privacy-desk.sqlite'),
  DEFAULT_LOCALE: z.enum(['en', 'de']).default('en'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

export type Environment = z.infer<typeof environmentSchema>;

/** Typed, validated configuration, passed to factories. */
export interface Config {
  server: { port: number; host: string };
  bot: {
    appId: string;
    appPassword: string;
    appTenantId: string;
    appType: Environment['MICROSOFT_APP_TYPE'];
    /** Bot authentication is off (no app id): local use only, identity taken from the activity. */
    authDisabled: boolean;
  };
  directory: { kind: 'ldif'; file: string };
  grantsFile: string;
  matrixFile: string;
  databaseFile: string;
  defaultLocale: 'en' | 'de';
  logLevel: Environment['LOG_LEVEL'];
}

/**
 * Reads the configuration once and fails fast with a message naming the variable. Empty values
 * count as unset.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigurationError('CONFIG.INVALID', name, `${issue?.message ?? 'invalid'}${name in present ? ` (got "${redact(name, present[name])}")` : ''}`);
  }
  const e = parsed.data;
  const authDisabled = e.MICROSOFT_APP_ID === '';
  // Without bot authentication anyone who reaches the port could act as anyone: loopback only.
  if (authDisabled && e.HOST !== undefined && !LOOPBACK.has(e.HOST)) {
    throw new ConfigurationError(
      'CONFIG.UNAUTHENTICATED_NETWORK',
      'HOST',
      `bot authentication is off (MICROSOFT_APP_ID is empty), so the bot listens on a loopback address only (got "${e.HOST}"); set MICROSOFT_APP_ID to listen on other interfaces`,
    );
  }
  return {
    server: { port: e.PORT, host: e.HOST ?? (authDisabled ? '127.0.0.1' : '0.0.0.0') },
    bot: {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      appTenantId: e.MICROSOFT_APP_TENANT_ID,
      appType: e.MICROSOFT_APP_TYPE,
      authDisabled,
    },
    directory: { kind: e.DIRECTORY, file: resolve(e.DIRECTORY_FILE) },
    grantsFile: resolve(e.GRANTS_FILE),
    matrixFile: resolve(e.PERMISSION_MATRIX_FILE),
    databaseFile: e.DATABASE_FILE === ':memory:' ? ':memory:' : resolve(e.DATABASE_FILE),
    defaultLocale: e.DEFAULT_LOCALE,
    logLevel: e.LOG_LEVEL,
  };
}

const SECRETS = new Set(['MICROSOFT_APP_PASSWORD']);
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const redact = (name: string, value: string | undefined): string => (SECRETS.has(name) ? '***' : String(value));

/** The process environment: the one place it is read. */
export const processEnvironment = (): Record<string, string | undefined> => process.env;
