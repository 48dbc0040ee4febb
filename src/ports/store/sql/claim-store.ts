import { type ExpressionBuilder, sql } from 'kysely';
import { CLAIM_LEASE_MS, type ClaimKey, type ClaimStore, INSTANCE_GONE_MS } from '../claim-store.port';
import type { Queries, SqlDatabase } from './database';
import { countOf } from './rows';
import type { Tables } from './schema';

/** Once-only claims in a privacy-desk database, SQLite or PostgreSQL. */
export class SqlClaimStore implements ClaimStore {
  constructor(private readonly database: SqlDatabase) {}

  async claim(key: ClaimKey, at: Date, holder: string): Promise<boolean> {
    const stamp = at.toISOString();
    const leaseCut = new Date(at.getTime() - CLAIM_LEASE_MS).toISOString();
    const goneCut = new Date(at.getTime() - INSTANCE_GONE_MS).toISOString();
    return this.database.write(async (trx) => {
      await this.beatWith(trx, holder, stamp);
      // A claim left unconfirmed by an instance that is gone (retired, or silent since it crashed
      // while sending) is taken over; so is any claim past its lease. Claims from before holders
      // were recorded (holder NULL) wait out their lease.
      const result = await trx
        .insertInto('claims')
        .values({ subject: key.subject, mark: key.mark, round: key.round, claimed_at: stamp, holder })
        .onConflict((oc) =>
          oc
            .columns(['subject', 'mark', 'round'])
            .doUpdateSet((eb) => ({ claimed_at: eb.ref('excluded.claimed_at'), holder: eb.ref('excluded.holder') }))
            .where((eb) =>
              eb.and([
                eb('claims.sent_at', 'is', null),
                eb.or([
                  eb('claims.claimed_at', '<=', leaseCut),
                  eb.and([
                    eb('claims.holder', 'is not', null),
                    eb('claims.holder', '<>', holder),
                    eb.not(eb.exists(eb.selectFrom('instances').select('instances.id').whereRef('instances.id', '=', 'claims.holder').where('instances.heartbeat_at', '>', goneCut))),
                  ]),
                ]),
              ]),
            ),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    });
  }

  async confirm(key: ClaimKey, claimedAt: Date, sentAt: Date, holder: string): Promise<boolean> {
    return this.database.write(async (trx) => {
      const result = await trx.updateTable('claims').set({ sent_at: sentAt.toISOString() }).where(heldBy(key, claimedAt, holder)).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  async release(key: ClaimKey, claimedAt: Date, holder: string): Promise<void> {
    await this.database.write((trx) => trx.deleteFrom('claims').where(heldBy(key, claimedAt, holder)).execute());
  }

  async sent(key: ClaimKey): Promise<boolean> {
    const row = await this.database.db
      .selectFrom('claims')
      .select('sent_at')
      .where('subject', '=', key.subject)
      .where('mark', '=', key.mark)
      .where('round', '=', key.round)
      .executeTakeFirst();
    return row?.sent_at !== undefined && row.sent_at !== null;
  }

  async beat(instance: string, at: Date): Promise<void> {
    await this.database.write((trx) => this.beatWith(trx, instance, at.toISOString()));
  }

  async retire(instance: string): Promise<void> {
    await this.database.write((trx) => trx.deleteFrom('instances').where('id', '=', instance).execute());
  }

  async heldElsewhere(instance: string): Promise<number> {
    const row = await this.database.db
      .selectFrom('claims')
      .select((eb) => eb.fn.countAll<string | number>().as('held'))
      .where('sent_at', 'is', null)
      .where((eb) => eb.or([eb('holder', 'is', null), eb('holder', '<>', instance)]))
      .executeTakeFirst();
    return countOf(row?.held);
  }

  /** A heartbeat never goes back in time (two calls may arrive out of order). */
  private async beatWith(trx: Queries, instance: string, stamp: string): Promise<void> {
    const latest = this.database.dialect === 'postgres' ? sql<string>`GREATEST(instances.heartbeat_at, excluded.heartbeat_at)` : sql<string>`MAX(instances.heartbeat_at, excluded.heartbeat_at)`;
    await trx
      .insertInto('instances')
      .values({ id: instance, heartbeat_at: stamp })
      .onConflict((oc) => oc.column('id').doUpdateSet({ heartbeat_at: latest }))
      .execute();
  }
}

/** The claim `holder` made at `claimedAt`, unconfirmed, and no other. */
const heldBy =
  (key: ClaimKey, claimedAt: Date, holder: string) =>
  (eb: ExpressionBuilder<Tables, 'claims'>) =>
    eb.and([
      eb('subject', '=', key.subject),
      eb('mark', '=', key.mark),
      eb('round', '=', key.round),
      eb('claimed_at', '=', claimedAt.toISOString()),
      eb('holder', '=', holder),
      eb('sent_at', 'is', null),
    ]);
