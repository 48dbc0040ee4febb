import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigurationError } from '../domain/shared/errors';
import { shipped } from './paths';
import { isTimeZone } from '../domain/requests/deadlines';
import { type CountryCode, isSupportedCountry } from 'libphonenumber-js';
import type { DatabaseTarget } from '../ports/store/database-target';
import { cronProblem } from '../app/schedule';

/** A cron expression, or `off`. */
const cronSetting = (fallback: string) =>
  z
    .string()
    .transform((value) => value.trim())
    .superRefine((value, ctx) => {
      if (value.toLowerCase() === 'off') return;
      const problem = cronProblem(value);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `expected a cron expression such as "${fallback}" or "off": ${problem}` });
    })
    .default(fallback);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  CONNECTOR_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(10_000),
  TEAMS_TENANT_ID: z.string().regex(GUID, 'expected the Entra tenant id (a GUID)').optional(),
  DIRECTORY: z.enum(['ldif', 'ldap', 'graph']).default('ldif'),
  DIRECTORY_FILE: z.string().min(1).default(shipped('data', 'demo', 'demo-org.ldif')),
  DIRECTORY_REFRESH_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  LDAP_URL: z.string().regex(/^ldaps?:\/\/[^\s]+$/, 'expected ldap://host[:port] or ldaps://host[:port]').optional(),
  LDAP_BIND_DN: z.string().min(1).optional(),
  LDAP_BIND_PASSWORD: z.string().min(1).optional(),
  LDAP_BASE_DN: z.string().min(1).optional(),
  LDAP_PROFILE: z.enum(['inetOrgPerson', 'activeDirectory']).default('inetOrgPerson'),
  LDAP_USER_FILTER: z.string().min(1).optional(),
  LDAP_GROUP_FILTER: z.string().min(1).optional(),
  LDAP_CA_FILE: z.string().min(1).optional(),
  LDAP_STARTTLS: z.enum(['true', 'false']).default('false'),
  LDAP_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  LDAP_PAGE_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  LDAP_MAPPING_FILE: z.string().min(1).optional(),
  GRAPH_TENANT_ID: z.string().min(1).optional(),
  GRAPH_CLIENT_ID: z.string().min(1).optional(),
  GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
  GRAPH_CERTIFICATE_FILE: z.string().min(1).optional(),
  GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com/v1.0'),
  GRAPH_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
  GRANTS_FILE: z.string().min(1).default(shipped('data', 'demo', 'grants.json')),
  PERMISSION_MATRIX_FILE: z.string().min(1).default(shipped('data', 'permission-matrix.json')),
  DATABASE_FILE: z.string().min(1).default('./data/privacy-desk.sqlite'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/i, 'expected postgres://user:password@host:5432/database').optional(),
  DEFAULT_LOCALE: z.enum(['en', 'de']).default('en'),
  DPO_USERS: z.string().optional(),
  DPO_DEPUTY: z.string().email('expected the mail/UPN of one person').optional(),
  ADMIN_USERS: z.string().optional(),
  ADMIN_GROUP: z.string().min(1).optional(),
  ADMIN_CHANNEL: z.string().regex(/^19:[^\s;]+$/, 'expected a Teams channel id like 19:…@thread.tacv2').optional(),
  RETENTION_SUMMARY_CRON: cronSetting('0 8 * * 1'),
  RETENTION_PURGE_CRON: cronSetting('30 2 * * *'),
  RETENTION_CHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  RETENTION_PURGE_BATCH_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  PUBLIC_URL: z.string().regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'expected the address Teams reaches the bot at, like https://privacy-desk.example.com').optional(),
  REPORT_LINK_HOURS: z.coerce.number().int().min(1).max(168).default(72),
  REPORT_LINK_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  PSEUDONYM_KEY: z.string().min(32, 'expected at least 32 characters').optional(),
  PSEUDONYM_KEY_VERSION: z.coerce.number().int().min(1).max(1_000_000).default(1),
  EXECUTION_CHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  TASK_REMINDER_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  DPO_CHANNEL: z.string().regex(/^19:[^\s;]+$/, 'expected a Teams channel id like 19:…@thread.tacv2').optional(),
  TIME_ZONE: z.string().refine(isTimeZone, 'expected an IANA time zone such as Europe/Berlin').default('Europe/Berlin'),
  REMINDER_CHECK_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  SOURCES_FILE: z.string().min(1).optional(),
  RETENTION_JOURNAL_DAYS: z.coerce.number({ message: 'expected a whole number of days, at least 1' }).int('expected a whole number of days, at least 1').min(1, 'expected a whole number of days, at least 1 (seed 4.1.3)').max(36_500).default(365),
  RETENTION_CHAT_DAYS: z.coerce.number({ message: 'expected a whole number of days, at least 1' }).int('expected a whole number of days, at least 1').min(1, 'expected a whole number of days, at least 1 (seed 4.1.3)').max(36_500).default(365),
  PHONE_REGION: z
    .string()
    .transform((value) => value.toUpperCase())
    .refine((value) => isSupportedCountry(value), 'expected a country code such as DE, AT, CH or GB')
    .default('DE'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

export type Environment = z.infer<typeof environmentSchema>;

export type DirectoryConfig = { kind: 'ldif'; file: string } | LdapConfig | GraphConfig;

export interface LdapConfig {
  kind: 'ldap';
  url: string;
  bind?: { dn: string; password: string };
  baseDn: string;
  profile: 'inetOrgPerson' | 'activeDirectory';
  userFilter?: string;
  groupFilter?: string;
  caFile?: string;
  startTls: boolean;
  timeoutMs: number;
  pageSize: number;
  mappingFile?: string;
}

export interface GraphConfig {
  kind: 'graph';
  tenantId: string;
  clientId: string;
  credential: { kind: 'secret'; secret: string } | { kind: 'certificate'; file: string };
  baseUrl: string;
  authorityHost: string;
}

/** Typed, validated configuration, passed to factories. */
export interface Config {
  server: { port: number; host: string };
  bot: {
    appId: string;
    appPassword: string;
    appTenantId: string;
    /**
     * The organisation's Entra tenant (TEAMS_TENANT_ID, else a GUID in MICROSOFT_APP_TENANT_ID or
     * GRAPH_TENANT_ID): Teams activities from other tenants are refused. Undefined: any tenant.
     */
    homeTenantId: string | undefined;
    appType: Environment['MICROSOFT_APP_TYPE'];
    /** Bot authentication is off (no app id): local use only, identity taken from the activity. */
    authDisabled: boolean;
    /**
     * Longest any call to the Bot Connector may take, its retries included: Teams gives up on a
     * bot's answer after about 15 s, and a connector that never answers must not hold a turn.
     */
    connectorTimeoutMs: number;
  };
  directory: DirectoryConfig;
  /** How often the directory snapshot is read again in the background. */
  directoryRefreshSeconds: number;
  grantsFile: string;
  matrixFile: string;
  /** PostgreSQL when DATABASE_URL is set (several instances), else the embedded SQLite file DATABASE_FILE. */
  database: DatabaseTarget;
  defaultLocale: 'en' | 'de';
  logLevel: Environment['LOG_LEVEL'];
  /** Who decides privacy requests. */
  dpo: { users: string[]; deputy?: string; channelId?: string };
  /** The communication suite's administrators (lower-case mail/UPN): their help card shows what is theirs. */
  admins: string[];
  /** A directory group whose members are administrators too (ADMIN_GROUP: its `cn` or display name). */
  adminGroup?: string;
  /** The administrators' Teams channel for the weekly summary (ADMIN_CHANNEL); else where an administrator asked for it. */
  adminChannelId?: string;
  /** When the summary is posted and the purge runs (cron expressions in `timeZone`); undefined: off. */
  schedules: { summary?: string; purge?: string; checkSeconds: number };
  /** The organisation's time zone: deadlines count its calendar days. */
  timeZone: string;
  /** How often deadlines are checked for reminders. */
  reminderCheckSeconds: number;
  /**
   * Where the personal-data sources are described (SOURCES_FILE); with the shipped demo directory
   * and no file of one's own, the demo sources generated next to the database file.
   */
  sources: { kind: 'file'; file: string } | { kind: 'demo'; folder: string } | { kind: 'none' };
  /** Where a phone number written without its country code is read (PHONE_REGION). */
  phoneRegion: CountryCode;
  /** How long the call journal (H) and chat (C) are kept, in days (seed 4.1.3: configurable, at least 1). */
  retention: { journalDays: number; chatDays: number; batchMs: number };
  /**
   * Carrying out approved cases: where the bot is reached from outside (PUBLIC_URL: the report's
   * download links), how long a link holds, the links' signing key (REPORT_LINK_SECRET; else one
   * kept in the database), how often unfinished jobs are looked at, when an open task is reminded of.
   */
  execution: { publicUrl: string; linkHours: number; linkSecret?: string; checkSeconds: number; taskReminderHours: number };
  /** Erasure by pseudonym: the key (PSEUDONYM_KEY, a secret) and its version; without a key, erasure deletes. */
  pseudonyms?: { key: string; version: number };
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
      homeTenantId: homeTenant(e),
      connectorTimeoutMs: e.CONNECTOR_TIMEOUT_MS,
    },
    directory: directoryConfig(e),
    directoryRefreshSeconds: e.DIRECTORY_REFRESH_SECONDS,
    grantsFile: resolve(e.GRANTS_FILE),
    matrixFile: resolve(e.PERMISSION_MATRIX_FILE),
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'sqlite', file: e.DATABASE_FILE === ':memory:' ? ':memory:' : resolve(e.DATABASE_FILE) },
    defaultLocale: e.DEFAULT_LOCALE,
    logLevel: e.LOG_LEVEL,
    dpo: dpoConfig(e),
    admins: adminConfig(e),
    ...(e.ADMIN_GROUP ? { adminGroup: e.ADMIN_GROUP.trim() } : {}),
    ...(e.ADMIN_CHANNEL ? { adminChannelId: e.ADMIN_CHANNEL } : {}),
    schedules: {
      ...(e.RETENTION_SUMMARY_CRON.toLowerCase() === 'off' ? {} : { summary: e.RETENTION_SUMMARY_CRON }),
      ...(e.RETENTION_PURGE_CRON.toLowerCase() === 'off' ? {} : { purge: e.RETENTION_PURGE_CRON }),
      checkSeconds: e.RETENTION_CHECK_SECONDS,
    },
    timeZone: e.TIME_ZONE,
    reminderCheckSeconds: e.REMINDER_CHECK_SECONDS,
    // An in-memory database (a one-off question on the command line) brings no demo sources along.
    sources: e.SOURCES_FILE ? { kind: 'file', file: resolve(e.SOURCES_FILE) } : usesDemoDirectory(e) && e.DATABASE_FILE !== ':memory:' ? { kind: 'demo', folder: demoSourcesFolder(e) } : { kind: 'none' },
    phoneRegion: e.PHONE_REGION as CountryCode,
    ...(e.PSEUDONYM_KEY ? { pseudonyms: { key: e.PSEUDONYM_KEY, version: e.PSEUDONYM_KEY_VERSION } } : {}),
    execution: {
      publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
      linkHours: e.REPORT_LINK_HOURS,
      ...(e.REPORT_LINK_SECRET ? { linkSecret: e.REPORT_LINK_SECRET } : {}),
      checkSeconds: e.EXECUTION_CHECK_SECONDS,
      taskReminderHours: e.TASK_REMINDER_HOURS,
    },
    retention: { journalDays: e.RETENTION_JOURNAL_DAYS, chatDays: e.RETENTION_CHAT_DAYS, batchMs: e.RETENTION_PURGE_BATCH_MS },
  };
}

/** The demo sources live beside the embedded database file (or in ./data when the database is elsewhere). */
function demoSourcesFolder(e: Environment): string {
  const file = e.DATABASE_URL ? './data/privacy-desk.sqlite' : e.DATABASE_FILE;
  return resolve(dirname(resolve(file)), 'demo-sources');
}

/** The demo organisation's DPO: used only while the shipped demo directory is in use. */
const DEMO_DPO = 'dana.dpo@example.com';

/**
 * DPO_USERS is a comma- or semicolon-separated list of mail addresses/UPNs. Without it the shipped
 * demo directory brings its own DPO; any other directory runs with none (requests wait, and the bot
 * says so).
 */
function dpoConfig(e: Environment): Config['dpo'] {
  const listed = mailList(e.DPO_USERS, 'DPO_USERS');
  const users = listed.length > 0 ? listed : usesDemoDirectory(e) ? [DEMO_DPO] : [];
  return {
    users,
    ...(e.DPO_DEPUTY ? { deputy: e.DPO_DEPUTY.toLowerCase() } : {}),
    ...(e.DPO_CHANNEL ? { channelId: e.DPO_CHANNEL } : {}),
  };
}

/** The demo organisation's administrator: used only while the shipped demo directory is in use. */
const DEMO_ADMIN = 'ayse.yilmaz@example.com';

/** ADMIN_USERS: mail addresses/UPNs like DPO_USERS; the shipped demo directory brings its own. */
function adminConfig(e: Environment): string[] {
  const listed = mailList(e.ADMIN_USERS, 'ADMIN_USERS');
  return listed.length > 0 ? listed : usesDemoDirectory(e) ? [DEMO_ADMIN] : [];
}

function mailList(value: string | undefined, name: keyof Environment): string[] {
  const listed = (value ?? '')
    .split(/[,;\s]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  for (const user of listed) {
    if (!z.string().email().safeParse(user).success) throw new ConfigurationError('CONFIG.INVALID', name, `expected mail addresses or UPNs separated by commas (got "${user}")`);
  }
  return [...new Set(listed)];
}

const usesDemoDirectory = (e: Environment): boolean => e.DIRECTORY === 'ldif' && resolve(e.DIRECTORY_FILE) === resolve(shipped('data', 'demo', 'demo-org.ldif'));

/** Variables a directory kind needs: a missing one stops start-up, named. */
function required<K extends keyof Environment>(e: Environment, name: K, why: string): NonNullable<Environment[K]> {
  const value = e[name];
  if (value === undefined || value === '') throw new ConfigurationError('CONFIG.MISSING', name, `required ${why}`);
  return value as NonNullable<Environment[K]>;
}

function directoryConfig(e: Environment): DirectoryConfig {
  switch (e.DIRECTORY) {
    case 'ldif':
      return { kind: 'ldif', file: resolve(e.DIRECTORY_FILE) };
    case 'ldap': {
      const config: LdapConfig = {
        kind: 'ldap',
        url: required(e, 'LDAP_URL', 'when DIRECTORY=ldap'),
        baseDn: required(e, 'LDAP_BASE_DN', 'when DIRECTORY=ldap'),
        profile: e.LDAP_PROFILE,
        startTls: e.LDAP_STARTTLS === 'true',
        timeoutMs: e.LDAP_TIMEOUT_MS,
        pageSize: e.LDAP_PAGE_SIZE,
      };
      if (e.LDAP_BIND_DN !== undefined || e.LDAP_BIND_PASSWORD !== undefined) {
        config.bind = { dn: required(e, 'LDAP_BIND_DN', 'with LDAP_BIND_PASSWORD'), password: required(e, 'LDAP_BIND_PASSWORD', 'with LDAP_BIND_DN') };
      }
      if (e.LDAP_USER_FILTER) config.userFilter = e.LDAP_USER_FILTER;
      if (e.LDAP_GROUP_FILTER) config.groupFilter = e.LDAP_GROUP_FILTER;
      if (e.LDAP_CA_FILE) config.caFile = resolve(e.LDAP_CA_FILE);
      if (e.LDAP_MAPPING_FILE) config.mappingFile = resolve(e.LDAP_MAPPING_FILE);
      return config;
    }
    case 'graph': {
      const secret = e.GRAPH_CLIENT_SECRET;
      const certificate = e.GRAPH_CERTIFICATE_FILE;
      if (!secret && !certificate) throw new ConfigurationError('CONFIG.MISSING', 'GRAPH_CLIENT_SECRET', 'required when DIRECTORY=graph (or GRAPH_CERTIFICATE_FILE)');
      return {
        kind: 'graph',
        tenantId: required(e, 'GRAPH_TENANT_ID', 'when DIRECTORY=graph'),
        clientId: required(e, 'GRAPH_CLIENT_ID', 'when DIRECTORY=graph'),
        credential: certificate ? { kind: 'certificate', file: resolve(certificate) } : { kind: 'secret', secret: secret as string },
        baseUrl: e.GRAPH_BASE_URL.replace(/\/+$/, ''),
        authorityHost: e.GRAPH_AUTHORITY_HOST.replace(/\/+$/, ''),
      };
    }
  }
}

const SECRETS = new Set(['MICROSOFT_APP_PASSWORD', 'LDAP_BIND_PASSWORD', 'GRAPH_CLIENT_SECRET', 'DATABASE_URL', 'REPORT_LINK_SECRET', 'PSEUDONYM_KEY']);
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const redact = (name: string, value: string | undefined): string => (SECRETS.has(name) ? '***' : String(value));

/** The process environment: the one place it is read. */
export const processEnvironment = (): Record<string, string | undefined> => process.env;

/** The tenant whose people the bot serves: stated, or the bot's or the directory's own. */
function homeTenant(e: Environment): string | undefined {
  const candidates = [e.TEAMS_TENANT_ID, e.MICROSOFT_APP_TENANT_ID, e.GRAPH_TENANT_ID];
  return candidates.find((id): id is string => id !== undefined && GUID.test(id))?.toLowerCase();
}

/** What the Teams app package is built with (`privacy-desk package`), each value required. */
export interface PackageConfig {
  teamsAppId: string;
  botAppId: string;
  botDomain: string;
}

const packageSchema = z.object({
  TEAMS_APP_ID: z.string({ error: 'required: the Teams app id (a GUID of your choice, kept for every version of the app)' }).regex(GUID, 'expected a GUID'),
  MICROSOFT_APP_ID: z.string({ error: 'required: the bot app registration id (a GUID)' }).regex(GUID, 'expected a GUID'),
  BOT_DOMAIN: z
    .string({ error: 'required: the host name the bot is reached at, e.g. privacy-desk.example.com' })
    .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'expected a host name without scheme or path, e.g. privacy-desk.example.com'),
});

/** Reads and checks the package settings; a missing or bad one stops with its name. */
export function loadPackageConfig(env: Record<string, string | undefined>): PackageConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = packageSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigurationError('CONFIG.INVALID', name, issue?.message ?? 'invalid');
  }
  return { teamsAppId: parsed.data.TEAMS_APP_ID.toLowerCase(), botAppId: parsed.data.MICROSOFT_APP_ID.toLowerCase(), botDomain: parsed.data.BOT_DOMAIN.toLowerCase() };
}
