import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { CATALOGUE_ITEMS, type CategoryId } from '../domain/catalogue/catalogue.data';
import { ConfigurationError } from '../domain/shared/errors';
import { type Subject, isSearchable } from '../domain/sources/subject';
import type { LegalHold } from '../domain/sources/legal-hold';

export { type LegalHold, holdsInForce } from '../domain/sources/legal-hold';

/**
 * The sources file (`SOURCES_FILE`): where the call journal (H), tasks (T) and chat (C) live, which
 * columns hold which catalogue items, which identify a person, and whether privacy-desk may write
 * there. Validated when the bot starts; an error names the entry and the setting.
 */

/** How a column identifies a person. */
export const IDENTIFIER_KINDS = ['phone', 'name', 'firstName', 'lastName', 'email', 'sip', 'userId', 'street', 'postcodeCity'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** A column or table name as SQL knows it unquoted: letters, digits, underscores. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const column = z.string().regex(IDENTIFIER, 'expected a column name (letters, digits, underscores)');

/** A database URL is a secret: the file names the environment variable that holds it. */
const ENV_REFERENCE = /^env:([A-Z_][A-Z0-9_]*)$/;

const connectionSchema = z.union([
  z.object({ sqlite: z.string().min(1) }).strict(),
  z.object({ postgres: z.string().regex(ENV_REFERENCE, 'expected env:NAME, the environment variable that holds the postgres:// URL') }).strict(),
  // Microsoft SQL Server, where the seed's product may keep its journal; user and password from the environment.
  z
    .object({
      mssql: z
        .object({
          server: z.string().min(1),
          port: z.number().int().min(1).max(65_535).default(1433),
          database: z.string().min(1),
          user: z.string().regex(ENV_REFERENCE, 'expected env:NAME, the environment variable that holds the user name'),
          password: z.string().regex(ENV_REFERENCE, 'expected env:NAME, the environment variable that holds the password'),
          encrypt: z.boolean().default(true),
          trustServerCertificate: z.boolean().default(false),
        })
        .strict(),
    })
    .strict(),
]);

const sourceSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'expected a short id of lowercase letters, digits and dashes'),
    category: z.enum(['F', 'H', 'T', 'C']),
    connection: connectionSchema,
    table: z.string().regex(IDENTIFIER, 'expected a table name (letters, digits, underscores)'),
    /** The column that tells records apart. */
    key: column,
    /** When a record was made: its age for retention, its place on the timeline of findings. */
    time: column.optional(),
    /** The column that marks a call private (seed 4.3.2.1), where there is one. */
    private: column.optional(),
    /** The column that marks a record restricted (Art. 18) or on legal hold: never purged. */
    restricted: column.optional(),
    /** Favourites (F): the column naming the user whose contact list holds the record (mail, UPN or SIP address). */
    belongsTo: column.optional(),
    /** Columns that identify a person, and how. */
    identifiers: z.record(column, z.enum(IDENTIFIER_KINDS)).refine((map) => Object.keys(map).length > 0, 'name at least one column that identifies a person'),
    /** Columns → catalogue item ids of the source's category. */
    items: z.record(column, z.string()),
    writable: z.boolean().default(false),
    /** Who looks after the source (a mail address): asked to do by hand what the bot may not. */
    owner: z.string().email().optional(),
  })
  .strict();

/** Log files (category L): a folder, which files, how far back a search reads, the size limit. */
const logSchema = z
  .object({
    id: sourceSchema.shape.id,
    category: z.literal('L'),
    folder: z.string().min(1),
    files: z.string().regex(/^[^/\\]+$/, 'expected a file name pattern such as ucserver*.log* (no folders)').default('*.log*'),
    windowDays: z.number().int().min(1).max(3650).default(30),
    limitMB: z.number().positive(),
  })
  .strict();

const fileSchema = z.object({ sources: z.array(z.unknown()), legalHolds: z.array(z.unknown()).optional() }).strict();

/** A person whose records are kept whatever their age (litigation, an authority's order): matched as a search matches. */
const holdSchema = z
  .object({
    id: z.string().min(1).max(60),
    reason: z.string().max(500).optional(),
    /** The last day the hold applies (`YYYY-MM-DD`, organisation's time zone); none: until it is taken out of the file. */
    until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date such as 2027-12-31').optional(),
    subject: z
      .object({
        name: z.string().min(1).max(200).optional(),
        firstName: z.string().min(1).max(100).optional(),
        lastName: z.string().min(1).max(100).optional(),
        phones: z.array(z.string().min(1).max(40)).max(20).optional(),
        emails: z.array(z.string().email()).max(20).optional(),
        sipAddresses: z.array(z.string().min(1).max(320)).max(20).optional(),
        userIds: z.array(z.string().min(1).max(320)).max(20).optional(),
        street: z.string().min(1).max(200).optional(),
        postcodeCity: z.string().min(1).max(200).optional(),
      })
      .strict()
      // As a search: a first name alone, or a postcode and city alone, would hold nobody (or a whole town).
      .refine((s) => isSearchable(s), 'name the person: a whole name (or a last name), phone numbers, mail or SIP addresses, user ids, or a street'),
  })
  .strict();


/** The legal holds of the sources file (`legalHolds`); an error names the hold and the setting. */
export function readLegalHolds(path: string): LegalHold[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigurationError('CONFIG.SOURCES_FILE', `SOURCES_FILE ${path}`, `${error instanceof SyntaxError ? `not valid JSON (${error.message})` : 'cannot be read'}`);
  }
  return parseLegalHolds(json, path);
}

export function parseLegalHolds(json: unknown, file: string): LegalHold[] {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw new ConfigurationError('CONFIG.SOURCES_FILE', `SOURCES_FILE ${file}`, `expected { "sources": [ … ], "legalHolds": [ … ] } (${describe(parsed.error)})`);
  const seen = new Set<string>();
  return (parsed.data.legalHolds ?? []).map((entry, index) => {
    const id = (entry as { id?: unknown } | null)?.id;
    const where = `SOURCES_FILE ${file}, legalHolds[${index}]${typeof id === 'string' ? ` (${id})` : ''}`;
    const hold = holdSchema.safeParse(entry);
    if (!hold.success) throw new ConfigurationError('CONFIG.SOURCES_FILE', where, describe(hold.error));
    if (seen.has(hold.data.id)) throw new ConfigurationError('CONFIG.SOURCES_FILE', where, `id: "${hold.data.id}" is used twice`);
    seen.add(hold.data.id);
    const { subject, ...rest } = hold.data;
    return { ...rest, subject: Object.fromEntries(Object.entries(subject).filter(([, v]) => v !== undefined)) as Subject };
  });
}

export type SourceConnection =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; url: string; variable: string }
  | { dialect: 'mssql'; server: string; port: number; database: string; user: string; password: string; encrypt: boolean; trustServerCertificate: boolean };

/** Log files under a folder, as the sources file describes them. */
export interface LogDefinition {
  id: string;
  category: 'L';
  folder: string;
  files: string;
  windowDays: number;
  limitBytes: number;
}

/** One entry of the sources file: a SQL table (H, T, C) or log files (L). */
export type SourceEntry = SourceDefinition | LogDefinition;

export const isLogDefinition = (entry: SourceEntry): entry is LogDefinition => entry.category === 'L';

export interface SourceDefinition {
  id: string;
  category: CategoryId;
  connection: SourceConnection;
  table: string;
  key: string;
  time?: string;
  private?: string;
  restricted?: string;
  belongsTo?: string;
  identifiers: Record<string, IdentifierKind>;
  items: Record<string, string>;
  writable: boolean;
  owner?: string;
}

/**
 * Reads and checks the sources file. `env` gives the database URLs the file refers to; relative
 * SQLite paths are read from the file's folder.
 */
export function readSourcesFile(path: string, env: Readonly<Record<string, string | undefined>>): SourceEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigurationError('CONFIG.SOURCES_FILE', `SOURCES_FILE ${path}`, `${error instanceof SyntaxError ? `not valid JSON (${error.message})` : 'cannot be read'}`);
  }
  return parseSources(json, { folder: dirname(resolve(path)), env, file: path });
}

/** Checks sources given as JSON; errors name the file, the entry (index and id) and the setting. */
export function parseSources(json: unknown, context: { folder: string; env: Readonly<Record<string, string | undefined>>; file: string }): SourceEntry[] {
  const file = fileSchema.safeParse(json);
  if (!file.success) throw new ConfigurationError('CONFIG.SOURCES_FILE', `SOURCES_FILE ${context.file}`, `expected { "sources": [ … ], "legalHolds": [ … ] } (${describe(file.error)})`);
  // Read here too, so that a bad hold stops the start as a bad source does.
  parseLegalHolds(json, context.file);
  const seen = new Set<string>();
  return file.data.sources.map((entry, index) => {
    const id = (entry as { id?: unknown } | null)?.id;
    const where = `SOURCES_FILE ${context.file}, sources[${index}]${typeof id === 'string' ? ` (${id})` : ''}`;
    if ((entry as { category?: unknown } | null)?.category === 'L') {
      const logs = logSchema.safeParse(entry);
      if (!logs.success) throw new ConfigurationError('CONFIG.SOURCES_FILE', where, `${describe(logs.error)}`);
      if (seen.has(logs.data.id)) throw new ConfigurationError('CONFIG.SOURCES_FILE', where, `id: "${logs.data.id}" is used twice`);
      seen.add(logs.data.id);
      return { id: logs.data.id, category: 'L', folder: resolve(context.folder, logs.data.folder), files: logs.data.files, windowDays: logs.data.windowDays, limitBytes: Math.round(logs.data.limitMB * 1024 * 1024) };
    }
    const parsed = sourceSchema.safeParse(entry);
    if (!parsed.success) throw new ConfigurationError('CONFIG.SOURCES_FILE', where, `${describe(parsed.error)}`);
    const source = parsed.data;
    if (seen.has(source.id)) throw new ConfigurationError('CONFIG.SOURCES_FILE', where, `id: "${source.id}" is used twice`);
    seen.add(source.id);
    for (const [name, item] of Object.entries(source.items)) {
      const known = CATALOGUE_ITEMS.find((i) => i.id === item);
      if (!known) throw new ConfigurationError('CONFIG.SOURCES_FILE', where, `items.${name}: "${item}" is no catalogue item`);
      if (known.category !== source.category) throw new ConfigurationError('CONFIG.SOURCES_FILE', where, `items.${name}: ${item} belongs to category ${known.category}, not ${source.category}`);
    }
    // Favourites live as long as their user (seed 4.1.3): which user is what tells orphans apart.
    if (source.category === 'F' && source.belongsTo === undefined) throw new ConfigurationError('CONFIG.SOURCES_FILE', where, 'belongsTo: a favourites source (F) names the column of the user whose contacts they are');
    const columns = [source.key, source.time, source.private, source.restricted, source.belongsTo, ...Object.keys(source.identifiers), ...Object.keys(source.items)].filter((c): c is string => c !== undefined);
    if (new Set(columns.map((c) => c.toLowerCase())).size !== new Set(columns).size) throw new ConfigurationError('CONFIG.SOURCES_FILE', where, `a column is named twice with different case`);
    return {
      id: source.id,
      category: source.category,
      connection: connectionOf(source.connection, context, where),
      table: source.table,
      key: source.key,
      ...(source.time ? { time: source.time } : {}),
      ...(source.private ? { private: source.private } : {}),
      ...(source.restricted ? { restricted: source.restricted } : {}),
      ...(source.belongsTo ? { belongsTo: source.belongsTo } : {}),
      identifiers: source.identifiers,
      items: source.items,
      writable: source.writable,
      ...(source.owner ? { owner: source.owner } : {}),
    };
  });
}

function connectionOf(connection: z.infer<typeof connectionSchema>, context: { folder: string; env: Readonly<Record<string, string | undefined>> }, where: string): SourceConnection {
  if ('sqlite' in connection) return { dialect: 'sqlite', file: resolve(context.folder, connection.sqlite) };
  if ('mssql' in connection) {
    const { user, password, ...rest } = connection.mssql;
    const value = (reference: string, setting: string): string => {
      const variable = (ENV_REFERENCE.exec(reference) as RegExpExecArray)[1] as string;
      const found = context.env[variable];
      if (!found) throw new ConfigurationError('CONFIG.SOURCES_FILE', where, `connection.mssql.${setting}: the environment variable ${variable} is not set`);
      return found;
    };
    return { dialect: 'mssql', ...rest, user: value(user, 'user'), password: value(password, 'password') };
  }
  const variable = (ENV_REFERENCE.exec(connection.postgres) as RegExpExecArray)[1] as string;
  const url = context.env[variable];
  // The URL itself is a secret: never repeated in the message.
  if (!url) throw new ConfigurationError('CONFIG.SOURCES_FILE', where, `connection.postgres: the environment variable ${variable} is not set`);
  if (!/^postgres(ql)?:\/\//i.test(url)) throw new ConfigurationError('CONFIG.SOURCES_FILE', where, `connection.postgres: ${variable} does not hold a postgres:// URL`);
  return { dialect: 'postgres', url, variable };
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(entry)'}: ${issue.message}`).join('; ');
}
