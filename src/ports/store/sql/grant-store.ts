import { z } from 'zod';
import type { AuditEntry, NewAuditEntry } from '../../../domain/audit/audit-entry';
import type { AdminPolicy, Grant, GrantSource } from '../../../domain/grants/grant';
import { formatScope, parseOwnerScope, parseViewerScope } from '../../../domain/grants/scope';
import { type Level, levelSchema } from '../../../domain/levels';
import type { AuditQuery } from '../audit-trail.port';
import type { GrantStore, ImportSummary, UserGrantChange } from '../grant-store.port';
import { SqlAuditTrail } from './audit-trail';
import { type Queries, type SqlDatabase, appendAudit } from './database';
import { CorruptRowError, parseJson, parseRow } from './rows';

const grantRow = z.object({ owner: z.string(), viewer: z.string(), level: levelSchema, name: z.string().nullable() });
const domainsSchema = z.record(z.string(), levelSchema);

type GrantRow = z.infer<typeof grantRow>;

/** Grants (the administrators' file and users' own) in a privacy-desk database, SQLite or PostgreSQL. */
export class SqlGrantStore implements GrantStore {
  private readonly trail: SqlAuditTrail;

  /** Works on an open database (shared with the other stores); `close` closes it. */
  constructor(private readonly database: SqlDatabase) {
    this.trail = new SqlAuditTrail(database);
  }

  async importAdminPolicy(policy: AdminPolicy, actor: string, at: Date): Promise<ImportSummary> {
    return this.database.write(async (trx) => {
      const summary: ImportSummary = { added: 0, removed: 0, changed: 0, settingsChanged: false };
      const current = new Map((await adminRows(trx)).map((row) => [`${row.owner}\u0000${row.viewer}`, row]));
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
          await trx.insertInto('admin_grants').values(row).execute();
          await appendAudit(trx, { at: iso, actor, action: 'grant.file.added', target: `${row.owner}→${row.viewer}`, details: { level: row.level } });
          await applyToUserTier(trx, row, actor, iso);
          summary.added++;
        } else if (old.level !== row.level || old.name !== row.name) {
          await trx.updateTable('admin_grants').set({ level: row.level, name: row.name }).where('owner', '=', row.owner).where('viewer', '=', row.viewer).execute();
          await appendAudit(trx, { at: iso, actor, action: 'grant.file.changed', target: `${row.owner}→${row.viewer}`, details: { from: old.level, to: row.level } });
          await applyToUserTier(trx, row, actor, iso);
          summary.changed++;
        }
      }
      for (const [key, row] of current) {
        if (wanted.has(key)) continue;
        await trx.deleteFrom('admin_grants').where('owner', '=', row.owner).where('viewer', '=', row.viewer).execute();
        await appendAudit(trx, { at: iso, actor, action: 'grant.file.removed', target: `${row.owner}→${row.viewer}`, details: { level: row.level } });
        await withdrawFromUserTier(trx, row, actor, iso);
        summary.removed++;
      }
      const settings: Record<string, string> = {
        global: policy.global,
        externalDefault: policy.externalDefault,
        externalDomains: JSON.stringify(Object.fromEntries([...policy.externalDomains].sort(([a], [b]) => a.localeCompare(b)))),
      };
      for (const [key, value] of Object.entries(settings)) {
        const old = await setting(trx, key);
        if (old === value) continue;
        await trx
          .insertInto('settings')
          .values({ key, value })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: (eb) => eb.ref('excluded.value') }))
          .execute();
        await appendAudit(trx, { at: iso, actor, action: 'grants.setting.changed', target: `setting:${key}`, details: { from: old ?? null, to: value } });
        summary.settingsChanged = true;
      }
      return summary;
    });
  }

  async loadAdminPolicy(): Promise<AdminPolicy | undefined> {
    const db = this.database.db;
    const global = await setting(db, 'global');
    const externalDefault = await setting(db, 'externalDefault');
    if (global === undefined || externalDefault === undefined) return undefined;
    const domains = parseRow(domainsSchema, parseJson((await setting(db, 'externalDomains')) ?? '{}', 'settings'), 'settings');
    return {
      global: levelSchema.parse(global),
      externalDefault: levelSchema.parse(externalDefault),
      externalDomains: new Map(Object.entries(domains)),
      grants: (await adminRows(db)).map((row) => toGrant(row, 'file')),
    };
  }

  async listUserGrants(): Promise<Grant[]> {
    const rows = await this.database.db.selectFrom('user_grants').select(['owner', 'viewer', 'level', 'name']).execute();
    return rows.map((raw) => parseRow(grantRow, raw, 'user_grants')).sort(byScopes).map((row) => toGrant(row, 'user'));
  }

  async setUserGrant(change: UserGrantChange): Promise<{ previous: Level | null }> {
    return this.database.write((trx) => applyUserGrant(trx, change));
  }

  async setUserGrants(changes: readonly UserGrantChange[]): Promise<{ previous: Level | null }[]> {
    return this.database.write(async (trx) => {
      const results: { previous: Level | null }[] = [];
      for (const change of changes) results.push(await applyUserGrant(trx, change));
      return results;
    });
  }

  async auditTrail(options: AuditQuery = {}): Promise<AuditEntry[]> {
    return this.trail.entries(options);
  }

  async close(): Promise<void> {
    await this.database.close();
  }
}

/** One own grant set or removed, and audited (old → new); inside the caller's transaction. */
async function applyUserGrant(trx: Queries, change: UserGrantChange): Promise<{ previous: Level | null }> {
  const owner = `user:${change.owner}`;
  const viewer = formatScope(change.viewer);
  const old = await trx.selectFrom('user_grants').select('level').where('owner', '=', owner).where('viewer', '=', viewer).executeTakeFirst();
  const previous = old === undefined ? null : levelSchema.parse(old.level);
  if (previous === change.level) return { previous };
  const at = change.at.toISOString();
  if (change.level === null) await trx.deleteFrom('user_grants').where('owner', '=', owner).where('viewer', '=', viewer).execute();
  else await upsertUserGrant(trx, { owner, viewer, level: change.level, name: change.name ?? null }, at, change.actor);
  await append(trx, {
    at,
    actor: change.actor,
    action: change.level === null ? 'grant.removed' : 'grant.set',
    target: `${owner}→${viewer}`,
    details: { from: previous, to: change.level },
  });
  return { previous };
}

async function upsertUserGrant(trx: Queries, row: GrantRow, at: string, actor: string): Promise<void> {
  await trx
    .insertInto('user_grants')
    .values({ ...row, updated_at: at, updated_by: actor })
    .onConflict((oc) =>
      oc.columns(['owner', 'viewer']).doUpdateSet((eb) => ({
        level: eb.ref('excluded.level'),
        name: eb.fn.coalesce('excluded.name', 'user_grants.name'),
        updated_at: eb.ref('excluded.updated_at'),
        updated_by: eb.ref('excluded.updated_by'),
      })),
    )
    .execute();
}

/**
 * A grants-file entry whose owner is a user is that user's own grant (user tier): a new or changed
 * entry sets it, as if the user had; the user may change it afterwards through the bot, and an
 * unchanged file never overwrites that.
 */
async function applyToUserTier(trx: Queries, row: GrantRow, actor: string, at: string): Promise<void> {
  if (!row.owner.startsWith('user:')) return;
  const old = await trx.selectFrom('user_grants').select('level').where('owner', '=', row.owner).where('viewer', '=', row.viewer).executeTakeFirst();
  await upsertUserGrant(trx, row, at, actor);
  if (old?.level !== row.level) await append(trx, { at, actor, action: 'grant.set', target: `${row.owner}→${row.viewer}`, details: { from: old?.level ?? null, to: row.level } });
}

/** An entry gone from the file takes the user's grant with it, unless the user changed it since. */
async function withdrawFromUserTier(trx: Queries, row: GrantRow, actor: string, at: string): Promise<void> {
  if (!row.owner.startsWith('user:')) return;
  const deleted = await trx
    .deleteFrom('user_grants')
    .where('owner', '=', row.owner)
    .where('viewer', '=', row.viewer)
    .where('level', '=', row.level)
    .where('updated_by', '=', actor)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) > 0) await append(trx, { at, actor, action: 'grant.removed', target: `${row.owner}→${row.viewer}`, details: { from: row.level, to: null } });
}

const append = (trx: Queries, entry: NewAuditEntry): Promise<void> => appendAudit(trx, entry);

async function setting(db: Queries, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

async function adminRows(db: Queries): Promise<GrantRow[]> {
  const rows = await db.selectFrom('admin_grants').select(['owner', 'viewer', 'level', 'name']).execute();
  return rows.map((raw) => parseRow(grantRow, raw, 'admin_grants')).sort(byScopes);
}

/** Owner, then viewer, compared as plain text: the same order on both databases, whatever their collation. */
const byScopes = (a: GrantRow, b: GrantRow): number => compare(a.owner, b.owner) || compare(a.viewer, b.viewer);
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function toGrant(row: GrantRow, source: GrantSource): Grant {
  const owner = parseOwnerScope(row.owner);
  const viewer = parseViewerScope(row.viewer);
  if (!owner.ok || !viewer.ok) throw new CorruptRowError(source === 'file' ? 'admin_grants' : 'user_grants', row);
  const grant: Grant = { owner: owner.scope, viewer: viewer.scope, level: row.level, source };
  if (row.name !== null) grant.name = row.name;
  return grant;
}
