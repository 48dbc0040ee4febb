import { createHmac } from 'node:crypto';
import Database from 'better-sqlite3';
import type { CountryCode } from 'libphonenumber-js';
import { type Expression, Kysely, MssqlDialect, PostgresDialect, type SqlBool, SqliteDialect, sql } from 'kysely';
import * as Tarn from 'tarn';
import * as Tedious from 'tedious';
import { Pool } from 'pg';
import type { IdentifierKind, SourceDefinition } from '../../config/sources-file';
import { PrivacyDeskError } from '../../domain/shared/errors';
import { type MatchStrength, type Subject, addressSpellings, foldAddress, foldName, fullNames, nameSpellings, phoneSpellings, subjectPhones } from '../../domain/sources/subject';
import { checkpointInWorker, purgeInWorker } from './sqlite-purge-worker';
import type { ExportedRecord, PersonalDataSource, PurgeOptions, PurgeResult, SourceFinding, SourceOperation, SourceStatistics } from './personal-data-source.port';

/**
 * A personal-data source in a SQL database (the call journal, tasks or chat of seed 4.1.2): one
 * table described by the sources file, read through Kysely on SQLite or PostgreSQL. Read-only unless
 * the file says the source may be written (a read-only SQLite handle; a read-only PostgreSQL session).
 *
 * Finding a person never reads the whole table: every condition is an equality on a column (or on
 * `lower(column)` for names) against the spellings the person's identifiers may have been stored in,
 * so that the source's indexes answer it. The README lists the indexes each kind of column needs.
 */
/**
 * A condition as true or false, never unknown: a NULL column makes a comparison unknown, and
 * `not unknown` is unknown too — a record would drop out of both sides of a split. CASE works in
 * every dialect (SQL Server has no boolean values to coalesce).
 */
const isTrue = (condition: Expression<SqlBool>): Expression<SqlBool> => sql<SqlBool>`((case when ${condition} then 1 else 0 end) = 1)`;

/** How long one purge batch may hold the source (RETENTION_PURGE_BATCH_MS): its size follows. */
const DEFAULT_BATCH_MS = 1000;

/**
 * The next batch's size: twice as large after one that took less than half of `batchMs`, half as
 * large (never below `floor`) after one that took longer than `batchMs`. Every record deleted also
 * leaves the indexes, at places all over them, and a batch writes every page it touched: larger
 * batches write each page fewer times.
 */
export function nextBatchSize(size: number, tookMs: number, floor: number, batchMs: number): number {
  if (tookMs < batchMs / 2) return Math.min(size * 2, 1_000_000);
  if (tookMs > batchMs) return Math.max(floor, Math.floor(size / 2));
  return size;
}

/** The key pseudonyms are made with (PSEUDONYM_KEY, a secret) and its version (PSEUDONYM_KEY_VERSION), which every pseudonym names. */
export interface PseudonymKey {
  key: Buffer;
  version: number;
}

export class SqlSource implements PersonalDataSource {
  /** Stop flags of the purges running on worker threads. */
  private readonly stops = new Set<Int32Array>();
  private interrupted = false;
  readonly id: string;
  readonly category: SourceDefinition['category'];
  readonly capabilities: ReadonlySet<SourceOperation>;
  readonly owner?: string;

  /** A SQLite file in WAL mode that this connection does not checkpoint itself (see `checkpointed`). */
  private walFile = false;
  private checkpoint: Promise<void> | undefined;
  private checkpointAgain = false;

  private constructor(
    private readonly db: Kysely<Record<string, Record<string, unknown>>>,
    private readonly definition: SourceDefinition,
    private readonly region: CountryCode,
    private readonly dialect: SqlDialectName,
    /** The SQLite file, where the source is one: its purge runs on a worker thread. */
    private readonly sqliteFile?: string,
    /** The key pseudonyms are made with (PSEUDONYM_KEY), and its version; without one, no pseudonymising. */
    private readonly pseudonyms?: PseudonymKey,
  ) {
    this.id = definition.id;
    this.category = definition.category;
    if (definition.owner) this.owner = definition.owner;
    // Purging by age where the source may be written and knows when a record was made; the other
    // writes (rectify, erase, …) come with carrying out requests.
    this.capabilities = new Set<SourceOperation>([
      'find',
      'export',
      ...(definition.writable && definition.time ? (['purgeByAge'] as const) : []),
      ...(definition.writable ? (['erase'] as const) : []),
      ...(definition.writable && definition.restricted ? (['restrict'] as const) : []),
      ...(definition.writable && pseudonyms ? (['pseudonymise'] as const) : []),
      ...(definition.writable ? (['rectify'] as const) : []),
    ]);
  }

  /**
   * A source over a Kysely instance made elsewhere: how the SQL for Microsoft SQL Server is checked
   * here, where no SQL Server runs (a Kysely with SQL Server's dialect and a driver that only records).
   */
  static over(db: Kysely<Record<string, Record<string, unknown>>>, definition: SourceDefinition, region: CountryCode, dialect: SqlDialectName, pseudonyms?: PseudonymKey): SqlSource {
    return new SqlSource(db, definition, region, dialect, undefined, pseudonyms);
  }

  static open(definition: SourceDefinition, region: CountryCode, pseudonyms?: PseudonymKey): SqlSource {
    const connection = definition.connection;
    if (connection.dialect === 'sqlite') {
      let handle: Database.Database;
      try {
        handle = new Database(connection.file, { readonly: !definition.writable, fileMustExist: true });
      } catch (error) {
        throw new PrivacyDeskError('SOURCE.UNAVAILABLE', `source ${definition.id}: the SQLite file cannot be opened`, { cause: error });
      }
      handle.pragma('busy_timeout = 1000');
      // In WAL mode this connection's writes are not copied into the file inside their commit (a
      // checkpoint after an erasure of 10,000 calls from a large journal takes longer than the erasure):
      // a worker thread does it after each write (`checkpointed`). Durable either way: the WAL is.
      const wal = definition.writable && String(handle.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
      if (wal) handle.pragma('wal_autocheckpoint = 0');
      const source = new SqlSource(new Kysely({ dialect: new SqliteDialect({ database: handle }) }), definition, region, 'sqlite', connection.file, pseudonyms);
      source.walFile = wal;
      return source;
    }
    if (connection.dialect === 'mssql') {
      // SQL Server has no read-only session to ask for: the login's own rights keep a read-only
      // source read-only (the README says so); privacy-desk writes only where the file allows it.
      const dialect = new MssqlDialect({
        // A server that cannot be reached fails the search at once rather than after retries.
        tarn: { ...Tarn, options: { min: 0, max: 4, acquireTimeoutMillis: 10_000, createTimeoutMillis: 6_000, propagateCreateError: true } },
        tedious: {
          ...Tedious,
          connectionFactory: () =>
            new Tedious.Connection({
              server: connection.server,
              authentication: { type: 'default', options: { userName: connection.user, password: connection.password } },
              options: { port: connection.port, database: connection.database, encrypt: connection.encrypt, trustServerCertificate: connection.trustServerCertificate, connectTimeout: 5_000, requestTimeout: 30_000 },
            }),
        },
      });
      return new SqlSource(new Kysely({ dialect }), definition, region, 'mssql', undefined, pseudonyms);
    }
    // Read-only unless the sources file allows writing: a slip cannot change the journal. Options the
    // URL brings (a search_path) are kept: pg would let the URL's replace ours.
    const url = new URL(connection.url);
    const options = [url.searchParams.get('options'), definition.writable ? undefined : '-c default_transaction_read_only=on'].filter(Boolean).join(' ');
    url.searchParams.delete('options');
    const pool = new Pool({ connectionString: url.toString(), max: 4, connectionTimeoutMillis: 5_000, ...(options ? { options } : {}) });
    // An idle connection the server dropped must not end the process.
    pool.on('error', () => undefined);
    return new SqlSource(new Kysely({ dialect: new PostgresDialect({ pool }) }), definition, region, 'postgres', undefined, pseudonyms);
  }

  async find(subject: Subject): Promise<SourceFinding[]> {
    const findings: SourceFinding[] = [];
    const time = this.definition.time;
    // A record that matched an identifier is not counted again among those matching the name only.
    const byIdentifier = this.condition(subject, 'identifier');
    const byName = this.condition(subject, 'name');
    for (const [match, where] of [
      ['identifier', byIdentifier],
      ['name', byName && byIdentifier ? sql<SqlBool>`(${byName}) and not ${isTrue(byIdentifier)}` : byName],
    ] as const) {
      if (!where) continue;
      const row = await this.db
        .selectFrom(this.definition.table)
        .select([sql<number>`count(*)`.as('count'), ...(time ? [sql<unknown>`min(${sql.ref(time)})`.as('oldest'), sql<unknown>`max(${sql.ref(time)})`.as('newest')] : [])])
        .where(where)
        .executeTakeFirst();
      const count = Number(row?.count ?? 0);
      if (count === 0) continue;
      findings.push({ source: this.id, category: this.category, match, count, ...dates(row?.oldest, row?.newest) });
    }
    return findings;
  }

  async export(subject: Subject): Promise<ExportedRecord[]> {
    const byIdentifier = this.condition(subject, 'identifier');
    const byName = this.condition(subject, 'name');
    const where = byIdentifier && byName ? sql<SqlBool>`(${byIdentifier}) or (${byName})` : (byIdentifier ?? byName);
    if (!where) return [];
    const { key, time, items } = this.definition;
    const columns = [...new Set([key, ...(time ? [time] : []), ...(this.definition.private ? [this.definition.private] : []), ...Object.keys(items)])];
    let query = this.db.selectFrom(this.definition.table).select(columns.map((c) => sql.ref(c).as(c))).where(where);
    if (time) query = query.orderBy(sql.ref(time));
    const rows = await query.orderBy(sql.ref(key)).execute();
    const identified = byIdentifier ? new Set((await this.db.selectFrom(this.definition.table).select(sql.ref(key).as('k')).where(byIdentifier).execute()).map((r) => String(r.k))) : new Set<string>();
    return rows.map((row) => ({
      source: this.id,
      category: this.category,
      key: String(row[key]),
      ...(time && row[time] != null ? { at: toDate(row[time]) as Date } : {}),
      match: (identified.has(String(row[key])) ? 'identifier' : 'name') as MatchStrength,
      items: Object.fromEntries(Object.entries(items).map(([column, item]) => [item, plain(row[column])])),
      ...(this.definition.private ? { private: Boolean(Number(row[this.definition.private])) } : {}),
    }));
  }

  async erase(subject: Subject, options: { match: readonly MatchStrength[]; holds?: readonly Subject[] }): Promise<{ deleted: number; kept: number }> {
    this.mustWrite('erase');
    const theirs = this.matching(subject, options.match);
    if (!theirs) return { deleted: 0, kept: 0 };
    const held = this.heldCondition(options.holds ?? []);
    const count = async (where: Expression<SqlBool>): Promise<number> => Number((await this.db.selectFrom(this.definition.table).select(sql<number>`count(*)`.as('n')).where(where).executeTakeFirst())?.n ?? 0);
    const kept = held ? await count(sql<SqlBool>`(${theirs} and ${held})`) : 0;
    const deleted = await this.db
      .deleteFrom(this.definition.table)
      .where(held ? sql<SqlBool>`(${theirs} and not ${held})` : theirs)
      .executeTakeFirst();
    return this.checkpointed({ deleted: Number(deleted.numDeletedRows ?? 0), kept });
  }

  async restrict(subject: Subject, options: { match: readonly MatchStrength[] }): Promise<{ restricted: number }> {
    this.mustWrite('restrict');
    const column = this.definition.restricted as string;
    const theirs = this.matching(subject, options.match);
    if (!theirs) return { restricted: 0 };
    // Calls are marked private too where the journal can (seed 4.3.2.1): shown to nobody but the person.
    const privately = this.definition.private ? { [this.definition.private]: 1 } : {};
    const result = await this.db
      .updateTable(this.definition.table)
      .set({ [column]: 1, ...privately })
      .where(theirs)
      .executeTakeFirst();
    return this.checkpointed({ restricted: Number(result.numUpdatedRows ?? 0) });
  }

  /**
   * Erasure by pseudonym (Art. 17, where deleting is not wanted): in the subject's records (matched
   * the ways given; never a held person's, counted as kept), every column that identifies them is
   * replaced by `pseud:v<version>:<HMAC-SHA256 of the identifier under PSEUDONYM_KEY>` — the same
   * identifier gets the same pseudonym everywhere, so counts and links between records survive,
   * while only the key's holder could tell whose they were. One statement: every column's new value
   * is worked out from the record as it was.
   */
  async pseudonymise(subject: Subject, options: { match: readonly MatchStrength[]; holds?: readonly Subject[] }): Promise<{ pseudonymised: number; kept: number; keyVersion: number }> {
    this.mustWrite('pseudonymise');
    const key = this.pseudonyms as PseudonymKey;
    const theirs = this.matching(subject, options.match);
    if (!theirs) return { pseudonymised: 0, kept: 0, keyVersion: key.version };
    const held = this.heldCondition(options.holds ?? []);
    const scope = held ? sql<SqlBool>`(${theirs} and not ${held})` : theirs;
    const count = async (where: Expression<SqlBool>): Promise<number> => Number((await this.db.selectFrom(this.definition.table).select(sql<number>`count(*)`.as('n')).where(where).executeTakeFirst())?.n ?? 0);
    const kept = held ? await count(sql<SqlBool>`(${theirs} and ${held})`) : 0;
    const pseudonym = (kind: string, canonical: string): string => `pseud:v${key.version}:${createHmac('sha256', key.key).update(`${kind}:${canonical}`).digest('base64url').slice(0, 22)}`;
    const set: Record<string, Expression<unknown>> = {};
    for (const [column, kind] of Object.entries(this.definition.identifiers)) {
      const cases = this.pseudonymCases(subject, kind).map(({ canonical, values }) => ({ values, value: pseudonym(kind, canonical) }));
      if (cases.length === 0) continue;
      const target = kind === 'phone' || kind === 'userId' ? sql.ref(column) : sql`lower(${sql.ref(column)})`;
      set[column] = sql`case ${sql.join(cases.map((c) => sql`when ${target} in (${sql.join(c.values)}) then ${c.value}`), sql` `)} else ${sql.ref(column)} end`;
    }
    const pseudonymised = await count(scope);
    if (Object.keys(set).length > 0 && pseudonymised > 0) await this.db.updateTable(this.definition.table).set(set).where(scope).executeTakeFirst();
    return this.checkpointed({ pseudonymised, kept, keyVersion: key.version });
  }

  /** Per identifier of the subject of this column's kind: one canonical form (what the pseudonym is made of) and the spellings stored for it. */
  private pseudonymCases(subject: Subject, kind: IdentifierKind): { canonical: string; values: string[] }[] {
    const lower = (values: string[]): string[] => unique(values.map((v) => v.toLowerCase()));
    switch (kind) {
      case 'phone':
        return subjectPhones(subject, this.region).map((e164) => ({ canonical: e164, values: phoneSpellings(e164, this.region) }));
      case 'email':
      case 'sip':
        return unique([...(subject.emails ?? []), ...(subject.sipAddresses ?? [])].map((a) => a.trim().toLowerCase().replace(/^sip:/, ''))).map((bare) => ({ canonical: bare, values: kind === 'sip' ? [bare, `sip:${bare}`] : [bare] }));
      case 'userId':
        return unique((subject.userIds ?? []).map((u) => u.trim())).map((id) => ({ canonical: id.toLowerCase(), values: [id] }));
      case 'name':
        return fullNames(subject).map((name) => ({ canonical: foldName(name), values: lower(nameSpellings(name)) }));
      case 'firstName':
        return subject.firstName?.trim() ? [{ canonical: foldName(subject.firstName), values: lower(nameSpellings(subject.firstName)) }] : [];
      case 'lastName':
        return subject.lastName?.trim() ? [{ canonical: foldName(subject.lastName), values: lower(nameSpellings(subject.lastName)) }] : [];
      case 'street':
        return subject.street?.trim() ? [{ canonical: foldAddress(subject.street), values: lower(addressSpellings(subject.street)) }] : [];
      case 'postcodeCity':
        return subject.street?.trim() && subject.postcodeCity?.trim() ? [{ canonical: foldAddress(subject.postcodeCity), values: lower(addressSpellings(subject.postcodeCity)) }] : [];
    }
  }

  /** Sets the column that holds `item` to the corrected value in the subject's records; a source without such a column changes nothing. */
  async rectify(subject: Subject, change: { item: string; value: string; match: readonly MatchStrength[] }): Promise<{ changed: number; before: string[]; after: string[] }> {
    this.mustWrite('rectify');
    const column = Object.entries(this.definition.items).find(([, item]) => item === change.item)?.[0];
    const theirs = this.matching(subject, change.match);
    if (!column || !theirs) return { changed: 0, before: [], after: [] };
    const before = (await this.db.selectFrom(this.definition.table).select(sql.ref(column).as('v')).distinct().where(theirs).limit(20).execute()).map((r) => String(r.v ?? ''));
    const result = await this.db.updateTable(this.definition.table).set({ [column]: change.value }).where(theirs).executeTakeFirst();
    const changed = Number(result.numUpdatedRows ?? 0);
    return this.checkpointed({ changed, before, after: changed > 0 ? [change.value] : [] });
  }

  /** The subject's records matched the ways given (by identifier, by name or address). */
  private matching(subject: Subject, ways: readonly MatchStrength[]): Expression<SqlBool> | undefined {
    const parts = ways.map((way) => this.condition(subject, way)).filter((c): c is Expression<SqlBool> => c !== undefined);
    return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
  }

  /** Records of anybody under a legal hold, true or false (never unknown). */
  private heldCondition(holds: readonly Subject[]): Expression<SqlBool> | undefined {
    const parts = holds.flatMap((held) => (['identifier', 'name'] as const).flatMap((way) => this.condition(held, way) ?? [])).map(isTrue);
    return parts.length === 0 ? undefined : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
  }

  private mustWrite(operation: 'erase' | 'restrict' | 'pseudonymise' | 'rectify'): void {
    const why = !this.definition.writable ? 'it may not be written' : operation === 'restrict' ? 'it has no restricted column' : 'no PSEUDONYM_KEY is set';
    if (!this.capabilities.has(operation)) throw new PrivacyDeskError('SOURCE.CANNOT', `source ${this.id} cannot ${operation}: ${why}`);
  }

  async purgeBefore(before: Date, options: PurgeOptions): Promise<PurgeResult> {
    const { table, time, key, restricted } = this.definition;
    const result: PurgeResult = { source: this.id, category: this.category, deleted: 0, due: 0, kept: 0, writable: this.definition.writable };
    if (!time) return result;
    // Times as the source keeps them: timestamps on PostgreSQL and SQL Server, ISO text on SQLite (which sorts as time).
    const cutoff = this.dialect === 'sqlite' ? before.toISOString() : before;
    const old = sql<SqlBool>`${sql.ref(time)} < ${cutoff}`;
    // Kept whatever their age: restricted records, and the records of people under a legal hold.
    const keep: Expression<SqlBool>[] = [];
    if (restricted) keep.push(sql<SqlBool>`coalesce(${sql.ref(restricted)}, 0) <> 0`);
    const held = this.heldCondition(options.holds ?? []);
    if (held) keep.push(held);
    const kept = keep.length === 0 ? undefined : keep.length === 1 ? (keep[0] as Expression<SqlBool>) : sql<SqlBool>`(${sql.join(keep, sql` or `)})`;
    const free = kept ? sql<SqlBool>`(${old} and not (${kept}))` : old;
    const count = async (where: Expression<SqlBool>): Promise<number> => Number((await this.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).where(where).executeTakeFirst())?.n ?? 0);
    if (kept) result.kept = await count(sql<SqlBool>`(${old} and ${kept})`);
    if (!this.definition.writable || options.dryRun) {
      result.due = await count(free);
      return result;
    }
    // One batch, one statement, committed on its own: the oldest records first. SQL Server knows no
    // LIMIT: its subquery takes TOP.
    const oldest = this.db.selectFrom(table).select(sql.ref(key).as('k')).where(free).orderBy(sql.ref(time));
    const deleteBatch = (size: number) => this.db.deleteFrom(table).where(sql.ref(key), 'in', this.dialect === 'mssql' ? oldest.top(size) : oldest.limit(size));
    const batchMs = options.batchMs ?? DEFAULT_BATCH_MS;
    if (this.sqliteFile !== undefined) {
      // A SQLite file is written on a thread of its own: the bot goes on answering meanwhile.
      const compiled = deleteBatch(options.batchSize).compile();
      const stop = new Int32Array(new SharedArrayBuffer(4));
      if (this.interrupted) Atomics.store(stop, 0, 1);
      this.stops.add(stop);
      const outcome = await purgeInWorker({ file: this.sqliteFile, sql: compiled.sql, parameters: compiled.parameters, batchSize: options.batchSize, batchMs, stop, ...(options.maxBatches !== undefined ? { maxBatches: options.maxBatches } : {}) }).finally(() => this.stops.delete(stop));
      result.deleted = outcome.deleted;
      // Done, unless it stopped after `maxBatches`: then what is left is counted below.
      if (outcome.finished) return result;
    } else {
      let size = options.batchSize;
      for (let batch = 0; (options.maxBatches === undefined || batch < options.maxBatches) && !this.interrupted; batch++) {
        const started = Date.now();
        const n = Number((await deleteBatch(size).executeTakeFirst()).numDeletedRows ?? 0);
        result.deleted += n;
        if (n < size) return result;
        // A run bounded by its number of batches keeps them at `batchSize`: the bound is on the work too.
        if (options.maxBatches === undefined) size = nextBatchSize(size, Date.now() - started, options.batchSize, batchMs);
        // Between batches the event loop gets its turn (a driver that works synchronously would hold it).
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    result.due = await count(free);
    return result;
  }

  async recordsPerUser(): Promise<Map<string, number>> {
    const column = this.definition.belongsTo;
    const users = new Map<string, number>();
    if (column === undefined) return users;
    // One row per user, from an index on lower(column) where there is one.
    const rows = await this.db
      .selectFrom(this.definition.table)
      .select([sql<string | null>`lower(${sql.ref(column)})`.as('user'), sql<number>`count(*)`.as('n')])
      .groupBy(sql`lower(${sql.ref(column)})`)
      .execute();
    for (const row of rows) {
      const user = (row.user ?? '').trim().replace(/^sip:/, '');
      // A contact that names no user belongs to nobody the directory could have: not counted as anyone's.
      if (user === '') continue;
      users.set(user, (users.get(user) ?? 0) + Number(row.n));
    }
    return users;
  }

  async statistics(): Promise<SourceStatistics> {
    const time = this.definition.time;
    const row = await this.db
      .selectFrom(this.definition.table)
      .select([sql<number>`count(*)`.as('count'), ...(time ? [sql<unknown>`min(${sql.ref(time)})`.as('oldest'), sql<unknown>`max(${sql.ref(time)})`.as('newest')] : [])])
      .executeTakeFirst();
    return { source: this.id, category: this.category, count: Number(row?.count ?? 0), ...dates(row?.oldest, row?.newest) };
  }

  /** Stops a purge under way after the batch it is in (the bot shuts down); what is left stays due. */
  interrupt(): void {
    this.interrupted = true;
    for (const stop of this.stops) Atomics.store(stop, 0, 1);
  }

  async close(): Promise<void> {
    this.interrupt();
    await this.checkpoint?.catch(() => undefined);
    await this.db.destroy();
  }

  /**
   * After a write to a SQLite file in WAL mode: a checkpoint on a worker thread (one at a time; a
   * write during one asks for another after it). One that fails leaves the WAL for the next, or for
   * the communication suite's own connections.
   */
  private checkpointed<T>(result: T): T {
    if (!this.walFile || !this.sqliteFile) return result;
    const file = this.sqliteFile;
    const run = (): Promise<void> =>
      checkpointInWorker(file).catch(() => undefined).then(() => {
        if (!this.checkpointAgain) return;
        this.checkpointAgain = false;
        return run();
      });
    if (this.checkpoint) this.checkpointAgain = true;
    else this.checkpoint = run().finally(() => (this.checkpoint = undefined));
    return result;
  }

  /**
   * The condition that picks the subject's records by one kind of match: any identifier column
   * equal to one of the spellings of the subject's identifiers; or any name column equal (lower
   * case) to a spelling of their name. Undefined when the subject gives nothing to match that way.
   */
  private condition(subject: Subject, match: MatchStrength): Expression<SqlBool> | undefined {
    const parts: Expression<SqlBool>[] = [];
    if (match === 'name') {
      const split = this.splitNameCondition(subject);
      if (split) parts.push(split);
      const address = this.addressCondition(subject);
      if (address) parts.push(address);
    }
    for (const [column, kind] of Object.entries(this.definition.identifiers)) {
      if (strengthOf(kind) !== match || kind === 'firstName' || kind === 'lastName' || kind === 'street' || kind === 'postcodeCity') continue;
      const values = this.valuesFor(subject, kind);
      if (values.length === 0) continue;
      const target = kind === 'email' || kind === 'sip' || NAME_KINDS.has(kind) ? sql`lower(${sql.ref(column)})` : sql.ref(column);
      parts.push(sql<SqlBool>`${target} in (${sql.join(values)})`);
    }
    if (parts.length === 0) return undefined;
    return parts.length === 1 ? parts[0] : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
  }

  private valuesFor(subject: Subject, kind: IdentifierKind): string[] {
    switch (kind) {
      case 'phone':
        return subjectPhones(subject, this.region).flatMap((p) => phoneSpellings(p, this.region));
      case 'email':
        return unique((subject.emails ?? []).map((e) => e.trim().toLowerCase()));
      case 'sip':
        return unique([...(subject.sipAddresses ?? []), ...(subject.emails ?? [])].flatMap((a) => {
          const bare = a.trim().toLowerCase().replace(/^sip:/, '');
          return [bare, `sip:${bare}`];
        }));
      case 'userId':
        return unique((subject.userIds ?? []).map((u) => u.trim()));
      case 'name':
        return unique(fullNames(subject).flatMap(nameSpellings));
      case 'street':
        return subject.street?.trim() ? addressSpellings(subject.street) : [];
      case 'postcodeCity':
        // With a street only: a postcode and city alone would find a whole town.
        return subject.street?.trim() && subject.postcodeCity?.trim() ? addressSpellings(subject.postcodeCity) : [];
      case 'firstName':
      case 'lastName':
        // Matched together, in splitNameCondition.
        return [];
    }
  }

  /**
   * Names kept in two columns (first, last): the last name, and the first name too where both are
   * known — a first name alone identifies nobody. A whole name given is split at its last space.
   */
  /** The street (any spelling), and the postcode and city too where both the source and the search have them. */
  private addressCondition(subject: Subject): Expression<SqlBool> | undefined {
    const columns = Object.entries(this.definition.identifiers);
    const street = columns.find(([, kind]) => kind === 'street')?.[0];
    const place = columns.find(([, kind]) => kind === 'postcodeCity')?.[0];
    const streets = this.valuesFor(subject, 'street');
    if (street === undefined || streets.length === 0) return undefined;
    const onStreet = sql<SqlBool>`lower(${sql.ref(street)}) in (${sql.join(streets)})`;
    const places = this.valuesFor(subject, 'postcodeCity');
    return place !== undefined && places.length > 0 ? sql<SqlBool>`(${onStreet} and lower(${sql.ref(place)}) in (${sql.join(places)}))` : onStreet;
  }

  private splitNameCondition(subject: Subject): Expression<SqlBool> | undefined {
    const columns = Object.entries(this.definition.identifiers);
    const last = columns.find(([, kind]) => kind === 'lastName')?.[0];
    const first = columns.find(([, kind]) => kind === 'firstName')?.[0];
    const whole = subject.name?.trim().replace(/\s+/g, ' ');
    const lastName = subject.lastName?.trim() || (whole?.includes(' ') ? whole.slice(whole.lastIndexOf(' ') + 1) : whole);
    const firstName = subject.firstName?.trim() || (whole?.includes(' ') ? whole.slice(0, whole.lastIndexOf(' ')) : undefined);
    if (!last || !lastName) return undefined;
    const byLast = sql<SqlBool>`lower(${sql.ref(last)}) in (${sql.join(nameSpellings(lastName))})`;
    return first && firstName ? sql<SqlBool>`(${byLast} and lower(${sql.ref(first)}) in (${sql.join(nameSpellings(firstName))}))` : byLast;
  }
}

/** The SQL dialects a source may speak. SQL Server's SQL is generated and checked; no server runs here. */
export type SqlDialectName = 'sqlite' | 'postgres' | 'mssql';

/** Kinds that match as names do: they find somebody only as likely as a name does (an address too). */
const NAME_KINDS: ReadonlySet<IdentifierKind> = new Set(['name', 'firstName', 'lastName', 'street', 'postcodeCity']);
const strengthOf = (kind: IdentifierKind): MatchStrength => (NAME_KINDS.has(kind) ? 'name' : 'identifier');
const unique = (values: string[]): string[] => [...new Set(values.filter(Boolean))];

/** SQLite keeps times as text or numbers, PostgreSQL as timestamps. */
function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value > 1e12 ? value : value * 1000);
  if (typeof value === 'string' && value) {
    const parsed = new Date(/^\d{4}-\d{2}-\d{2} \d/.test(value) ? `${value.replace(' ', 'T')}${/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? '' : 'Z'}` : value);
    return Number.isNaN(parsed.getTime()) ? undefined : parsed;
  }
  return undefined;
}

function dates(oldest: unknown, newest: unknown): { oldest?: Date; newest?: Date } {
  const from = toDate(oldest);
  const to = toDate(newest);
  return { ...(from ? { oldest: from } : {}), ...(to ? { newest: to } : {}) };
}

function plain(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}
