/**
 * A separate process that appends audit entries to a database through the grant store, as an
 * instance of the bot would: `node -r ./test/support/ts-register.cjs test/support/audit-appender.ts
 * <database URL or file> <name> <count>`. Prints the number appended.
 */
import { targetOf } from '../../src/ports/store/database-target';
import { openStores } from '../../src/ports/store/sql/stores';

async function main(): Promise<void> {
  const [target, name, count] = process.argv.slice(2) as [string, string, string];
  const stores = await openStores(targetOf(target));
  try {
    const at = new Date('2026-11-26T10:00:00Z');
    let written = 0;
    // Several in flight at once, as a busy instance has them.
    const inFlight = 8;
    const next = async (): Promise<void> => {
      while (written < Number(count)) {
        const i = written++;
        await stores.grants.setUserGrant({ owner: `${name}@example.com`, viewer: { kind: 'user', id: `viewer${i}@example.com` }, level: 'team', actor: `${name}@example.com`, at });
      }
    };
    await Promise.all(Array.from({ length: inFlight }, next));
    process.stdout.write(`${written}\n`);
  } finally {
    await stores.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
