import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { AuditEntry, NewAuditEntry } from '../../domain/audit/audit-entry';
import type { AdminPolicy, Grant, GrantSource } from '../../domain/grants/grant';
import { formatScope, parseOwnerScope, parseViewerScope } from '../../domain/grants/scope';
import { type Level, levelSchema } from '../../domain/levels';
import type { GrantStore, ImportSummary, UserGrantChange } from './grant-store.port';
import { CorruptRowError, appendAudit, openSqlite, parseJson, parseRow } from './sqlite-database';

const grantRow = z.object({ owner: z.string(), viewer: z.string(), level: levelSchema, name: z.string().nullable() });
const auditRow = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  details: z.string(),
  prev_hash: z.string(),
  hash: z.string(),
});
const detailsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const domainsSchema = z.record(z.string(), levelSchema);

type GrantRow = z.infer<typeof grantRow>;

/** The embedded default store: one SQLite file, migrated on open. */
export class SqliteGrantStore implements GrantStore {
  /** Works on an open database (shared with the request store); `close` closes it. */
  constructor(private readonly db: Database.Database) {}

  /** Opens (and creates, and migrates) the database file; `:memory:` for a throwaway store. */
  static open(file: string): SqliteGrantStore {
    return new SqliteGrantStore(openSqlite(file));
  }

  async importAdminPolicy(policy: AdminPolicy, actor: string, at: Date): Promise<ImportSummary> {
    return this.db.transaction(() => {
      const summary: ImportSummary = { added: 0, removed: 0, changed: 0, settingsChanged: false };
      const current = new Map(this.adminRows().map((row) => [`${row.owner}\u0000${row.viewer}`, row]));
      const wanted = new Map(
        policy.grants.map((g) => {
          const row: GrantRow = { owner: formatScope(g.owner), viewer: formatScope(g.viewer), level: g.level, name: g.name ?? null };
          return [`${row.owner}\u0000${row.viewer}`, row];
        }),
      );
      const iso = at.toISOString();
      for (const [key, row] of wanted) {
        const old = current.get(key);
        if (!old) {
          this.db.prepare('INSERT INTO admin_grants (owner, viewer, level, name) VALUES (?, ?, ?, ?)').run(row.owner, row.viewer, row.level, row.name);
          this.append({ at: iso, actor, action: 'grant.file.added', target: `${row.owner}→${row.viewer}`, details: { level: row.level } });
          this.applyToUserTier(row, actor, iso);
          summary.added++;
        } else if (old.level !== row.level || old.name !== row.name) {
          this.db.prepare('UPDATE admin_grants SET level = ?, name = ? WHERE owner = ? AND viewer = ?').run(row.level, row.name, row.owner, row.viewer);
          this.append({ at: iso, actor, action: 'grant.file.changed', target: `${row.owner}→${row.viewer}`, details: { from: old.level, to: row.level } });
          this.applyToUserTier(row, actor, iso);
          summary.changed++;
        }
      }
      for (const [key, row] of current) {
        if (wanted.has(key)) continue;
        this.db.prepare('DELETE FROM admin_grants WHERE owner = ? AND viewer = ?').run(row.owner, row.viewer);
        this.append({ at: iso, actor, action: 'grant.file.removed', target: `${row.owner}→${row.viewer}`, details: { level: row.level } });
        this.withdrawFromUserTier(row, actor, iso);
        summary.removed++;
      }
      const settings: Record<string, string> = {
        global: policy.global,
        externalDefault: policy.externalDefault,
        externalDomains: JSON.stringify(Object.fromEntries([...policy.externalDomains].sort(([a], [b]) => a.localeCompare(b)))),
      };
      for (const [key, value] of Object.entries(settings)) {
        const old = this.setting(key);
        if (old === value) continue;
        this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
        this.append({ at: iso, actor, action: 'grants.setting.changed', target: `setting:${key}`, details: { from: old ?? null, to: value } });
        summary.settingsChanged = true;
      }
      return summary;
    }).immediate();
  }

  async loadAdminPolicy(): Promise<AdminPolicy | undefined> {
    const global = this.setting('global');
    const externalDefault = this.setting('externalDefault');
    if (global === undefined || externalDefault === undefined) return undefined;
    const domains = parseRow(domainsSchema, parseJson(this.setting('externalDomains') ?? '{}', 'settings'), 'settings');
    return {
      global: levelSchema.parse(global),
      externalDefault: levelSchema.parse(externalDefault),
      externalDomains: new Map(Object.entries(domains)),
      grants: this.adminRows().map((row) => toGrant(row, 'file')),
    };
  }

  async listUserGrants(): Promise<Grant[]> {
    return this.rows('user_grants', 'SELECT owner, viewer, level, name FROM user_grants ORDER BY owner, viewer').map((row) => toGrant(row, 'user'));
  }

  async setUserGrant(change: UserGrantChange): Promise<{ previous: Level | null }> {
    return this.db.transaction(() => this.applyUserGrant(change)).immediate();
  }

  async setUserGrants(changes: readonly UserGrantChange[]): Promise<{ previous: Level | null }[]> {
    return this.db.transaction(() => changes.map((change) => this.applyUserGrant(change))).immediate();
  }

  async auditTrail(options: { targetPrefix?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const limit = options.limit ?? -1;
    const rows =
      options.targetPrefix === undefined
        ? this.db.prepare('SELECT * FROM audit_log ORDER BY seq LIMIT ?').all(limit)
        : this.db.prepare("SELECT * FROM audit_log WHERE target LIKE ? ESCAPE '\\' ORDER BY seq LIMIT ?").all(`${escapeLike(options.targetPrefix)}%`, limit);
    return rows.map((raw) => {
      const row = parseRow(auditRow, raw, 'audit_log');
      return {
        seq: row.seq,
        at: row.at,
        actor: row.actor,
        action: row.action,
        target: row.target,
        details: parseRow(detailsSchema, parseJson(row.details, 'audit_log'), 'audit_log'),
        prevHash: row.prev_hash,
        hash: row.hash,
      };
    });
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** One own grant set or removed, and audited (old → new); inside the caller's transaction. */
  private applyUserGrant(change: UserGrantChange): { previous: Level | null } {
    const owner = `user:${change.owner}`;
    const viewer = formatScope(change.viewer);
    const old = this.db.prepare('SELECT level FROM user_grants WHERE owner = ? AND viewer = ?').get(owner, viewer) as { level?: string } | undefined;
    const previous = old?.level === undefined ? null : levelSchema.parse(old.level);
    if (previous === change.level) return { previous };
    const at = change.at.toISOString();
    if (change.level === null) {
      this.db.prepare('DELETE FROM user_grants WHERE owner = ? AND viewer = ?').run(owner, viewer);
    } else {
      this.db
        .prepare(
          `INSERT INTO user_grants (owner, viewer, level, name, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (owner, viewer) DO UPDATE SET level = excluded.level, name = COALESCE(excluded.name, user_grants.name),
             updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        )
        .run(owner, viewer, change.level, change.name ?? null, at, change.actor);
    }
    this.append({
      at,
      actor: change.actor,
      action: change.level === null ? 'grant.removed' : 'grant.set',
      target: `${owner}→${viewer}`,
      details: { from: previous, to: change.level },
    });
    return { previous };
  }

  /**
   * A grants-file entry whose owner is a user is that user's own grant (user tier): a new or
   * changed entry sets it, as if the user had; the user may change it afterwards through the bot,
   * and an unchanged file never overwrites that.
   */
  private applyToUserTier(row: GrantRow, actor: string, at: string): void {
    if (!row.owner.startsWith('user:')) return;
    const old = this.db.prepare('SELECT level FROM user_grants WHERE owner = ? AND viewer = ?').get(row.owner, row.viewer) as { level: string } | undefined;
    this.db
      .prepare(
        `INSERT INTO user_grants (owner, viewer, level, name, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (owner, viewer) DO UPDATE SET level = excluded.level, name = COALESCE(excluded.name, user_grants.name),
           updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
      )
      .run(row.owner, row.viewer, row.level, row.name, at, actor);
    if (old?.level !== row.level) this.append({ at, actor, action: 'grant.set', target: `${row.owner}→${row.viewer}`, details: { from: old?.level ?? null, to: row.level } });
  }

  /** An entry gone from the file takes the user's grant with it, unless the user changed it since. */
  private withdrawFromUserTier(row: GrantRow, actor: string, at: string): void {
    if (!row.owner.startsWith('user:')) return;
    const deleted = this.db
      .prepare('DELETE FROM user_grants WHERE owner = ? AND viewer = ? AND level = ? AND updated_by = ?')
      .run(row.owner, row.viewer, row.level, actor);
    if (deleted.changes > 0) this.append({ at, actor, action: 'grant.removed', target: `${row.owner}→${row.viewer}`, details: { from: row.level, to: null } });
  }

  private append(entry: NewAuditEntry): void {
    appendAudit(this.db, entry);
  }

  private setting(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  private adminRows(): GrantRow[] {
    return this.rows('admin_grants', 'SELECT owner, viewer, level, name FROM admin_grants ORDER BY owner, viewer');
  }

  private rows(table: string, sql: string): GrantRow[] {
    return this.db
      .prepare(sql)
      .all()
      .map((raw) => parseRow(grantRow, raw, table));
  }
}

function toGrant(row: GrantRow, source: GrantSource): Grant {
  const owner = parseOwnerScope(row.owner);
  const viewer = parseViewerScope(row.viewer);
  if (!owner.ok || !viewer.ok) throw new CorruptRowError(source === 'file' ? 'admin_grants' : 'user_grants', row);
  const grant: Grant = { owner: owner.scope, viewer: viewer.scope, level: row.level, source };
  if (row.name !== null) grant.name = row.name;
  return grant;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export { CorruptRowError };
