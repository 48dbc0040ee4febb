import { randomBytes } from 'node:crypto';
import { type SqlBool, sql } from 'kysely';
import { type Job, isComplete } from '../../../domain/execution/job';
import type { JobStore, StoredJob } from '../job-store.port';
import type { SqlDatabase } from './database';
import type { Tables } from './schema';

/** Execution jobs in a privacy-desk database, SQLite or PostgreSQL: one row per case, its steps as JSON. */
export class SqlJobStore implements JobStore {
  constructor(private readonly database: SqlDatabase) {}

  async createJob(job: Job, at: Date): Promise<StoredJob & { created: boolean }> {
    return this.database.write(async (trx) => {
      const inserted = await trx
        .insertInto('execution_jobs')
        .values({ case_id: job.caseId, version: 1, complete: isComplete(job) ? 1 : 0, data: JSON.stringify(job), updated_at: at.toISOString() })
        .onConflict((oc) => oc.column('case_id').doNothing())
        .executeTakeFirst();
      const row = await trx.selectFrom('execution_jobs').selectAll().where('case_id', '=', job.caseId).executeTakeFirstOrThrow();
      return { ...stored(row), created: Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0 };
    });
  }

  async job(caseId: string): Promise<StoredJob | undefined> {
    const row = await this.database.db.selectFrom('execution_jobs').selectAll().where('case_id', '=', caseId).executeTakeFirst();
    return row ? stored(row) : undefined;
  }

  async saveJob(job: Job, expected: number, at: Date): Promise<boolean> {
    const result = await this.database.db
      .updateTable('execution_jobs')
      .set({ version: expected + 1, complete: isComplete(job) ? 1 : 0, data: JSON.stringify(job), updated_at: at.toISOString() })
      .where('case_id', '=', job.caseId)
      .where('version', '=', expected)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async allJobs(): Promise<StoredJob[]> {
    const rows = await this.database.db.selectFrom('execution_jobs').selectAll().orderBy('updated_at').orderBy('case_id').execute();
    return rows.map(stored);
  }

  async putFile(caseId: string, name: string, content: Buffer, at: Date): Promise<void> {
    const row = { case_id: caseId, name, content: content.toString('base64'), bytes: content.length, created_at: at.toISOString() };
    await this.database.db
      .insertInto('execution_files')
      .values(row)
      .onConflict((oc) => oc.columns(['case_id', 'name']).doUpdateSet({ content: row.content, bytes: row.bytes, created_at: row.created_at }))
      .execute();
  }

  async file(caseId: string, name: string): Promise<Buffer | undefined> {
    const row = await this.database.db.selectFrom('execution_files').select('content').where('case_id', '=', caseId).where('name', '=', name).executeTakeFirst();
    return row ? Buffer.from(row.content, 'base64') : undefined;
  }

  async files(caseId: string): Promise<{ name: string; bytes: number; createdAt: string }[]> {
    const rows = await this.database.db.selectFrom('execution_files').select(['name', 'bytes', 'created_at']).where('case_id', '=', caseId).orderBy('name').execute();
    return rows.map((r) => ({ name: r.name, bytes: Number(r.bytes), createdAt: r.created_at }));
  }

  async deleteFiles(caseId: string, prefix?: string): Promise<number> {
    let query = this.database.db.deleteFrom('execution_files').where('case_id', '=', caseId);
    // substr rather than LIKE: a name's own % or _ means nothing, on either database.
    if (prefix !== undefined) query = query.where(sql<SqlBool>`substr(name, 1, ${prefix.length}) = ${prefix}`);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows ?? 0);
  }

  async linkKey(): Promise<Buffer> {
    const name = 'report-link-key';
    await this.database.db
      .insertInto('settings')
      .values({ key: name, value: randomBytes(32).toString('base64') })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await this.database.db.selectFrom('settings').select('value').where('key', '=', name).executeTakeFirstOrThrow();
    return Buffer.from(row.value, 'base64');
  }

  async unfinishedJobs(): Promise<StoredJob[]> {
    const rows = await this.database.db.selectFrom('execution_jobs').selectAll().where('complete', '=', 0).orderBy('updated_at').execute();
    return rows.map(stored);
  }
}

function stored(row: Tables['execution_jobs']): StoredJob {
  return { job: JSON.parse(row.data) as Job, version: Number(row.version), updatedAt: row.updated_at };
}
