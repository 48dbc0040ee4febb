import { describeTarget } from '../ports/store/database-target';
import { CopyRefused, copyDatabase } from '../ports/store/sql/copy';
import { SqlDatabase } from '../ports/store/sql/database';
import { NO_DATABASE, databaseTarget } from './audit.command';

/**
 * `privacy-desk db migrate`: brings the database (`--database`, else DATABASE_URL or DATABASE_FILE)
 * to this version's schema and prints what it applied. The bot does the same when it starts; this
 * lets an administrator do it ahead of a rollout.
 */
export async function dbMigrateCommand(options: { database?: string; json?: boolean }): Promise<void> {
  const target = databaseTarget(options.database);
  let database: SqlDatabase;
  try {
    database = await SqlDatabase.open(target, { migrate: false });
  } catch (error) {
    process.stderr.write(`privacy-desk: cannot open ${describeTarget(target)}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = NO_DATABASE;
    return;
  }
  try {
    const applied = (await database.migrate()).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    const report = { database: describeTarget(target), applied, upToDate: (await database.pendingMigrations()).length === 0 };
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : applied.length > 0 ? `${report.database}: applied ${applied.join(', ')}\n` : `${report.database}: up to date\n`);
  } catch (error) {
    process.stderr.write(`privacy-desk: ${error instanceof Error ? error.message : String(error)}${error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : ''}\n`);
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}

/**
 * `privacy-desk db copy --from <sqlite file> --to <postgres url>`: moves an installation to another
 * database with everything in it, and verifies the audit chain at the target. Refuses a target that
 * holds data unless `--replace` is given. Exit code 0 when copied, 1 when refused or failed, 2 when a
 * database cannot be opened.
 */
export async function dbCopyCommand(options: { from: string; to: string; replace?: boolean; json?: boolean }): Promise<void> {
  const [from, to] = [databaseTarget(options.from), databaseTarget(options.to)];
  if (describeTarget(from) === describeTarget(to)) {
    process.stderr.write('privacy-desk: --from and --to name the same database\n');
    process.exitCode = 1;
    return;
  }
  let source: SqlDatabase | undefined;
  let target: SqlDatabase | undefined;
  try {
    source = await SqlDatabase.open(from, { migrate: false, readOnly: true });
    if (!(await source.hasTable('audit_log'))) throw new CopyRefused('sourceNotMigrated', `${describeTarget(from)} is not a privacy-desk database`);
    target = await SqlDatabase.open(to, { migrate: false });
  } catch (error) {
    await source?.close();
    process.stderr.write(`privacy-desk: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = error instanceof CopyRefused ? 1 : NO_DATABASE;
    return;
  }
  try {
    const report = await copyDatabase(source, target, { replace: options.replace === true });
    const summary = { from: describeTarget(from), to: describeTarget(to), ...report };
    process.stdout.write(
      options.json
        ? `${JSON.stringify(summary, null, 2)}\n`
        : `copied ${Object.entries(report.rows)
            .map(([table, n]) => `${n} ${table}`)
            .join(', ')} from ${summary.from} to ${summary.to}; audit trail intact (${report.audit.entries} entries)\n`,
    );
  } catch (error) {
    process.stderr.write(`privacy-desk: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  } finally {
    await source.close();
    await target.close();
  }
}
