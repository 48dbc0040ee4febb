import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CLOSED_STATUSES, type PrivacyRequest } from '../../../domain/requests/request';
import { caseNumber } from '../../../domain/requests/workflow';
import type { CardMessage, CaseAudit, ConversationStore, RequestFilter, RequestStore, StoredConversation } from '../request-store.port';
import { privacyRequestSchema } from '../request-row.schema';
import { type Queries, type SqlDatabase, appendAudit } from './database';
import { parseJson, parseRow } from './rows';

const dataRow = z.object({ data: z.string() });
const cardRow = z.object({
  request_id: z.string(),
  audience: z.enum(['dpo', 'channel', 'requester']),
  conversation_id: z.string(),
  activity_id: z.string(),
  reference: z.string(),
});
const conversationRow = z.object({ key: z.string(), teams_user_id: z.string().nullable(), reference: z.string() });

/**
 * Privacy-request cases, where their cards were posted, and the conversations the bot may write to,
 * in a privacy-desk database (SQLite or PostgreSQL) that shares its audit trail with the grants.
 */
export class SqlRequestStore implements RequestStore, ConversationStore {
  constructor(private readonly database: SqlDatabase) {}

  async createRequest(
    sourceKey: string,
    year: number,
    build: (ids: { id: string; number: string }) => PrivacyRequest,
    audit: CaseAudit,
  ): Promise<{ request: PrivacyRequest; created: boolean }> {
    // Serialised with every other write: two instances never read the same next number.
    return this.database.write(async (trx) => {
      const existing = await trx.selectFrom('requests').select('data').where('source_key', '=', sourceKey).executeTakeFirst();
      if (existing !== undefined) return { request: decode(existing), created: false };
      const last = await trx
        .selectFrom('requests')
        .select((eb) => eb.fn.max('sequence').as('last'))
        .where('year', '=', year)
        .executeTakeFirst();
      const sequence = Number(last?.last ?? 0) + 1;
      const request = build({ id: randomUUID(), number: caseNumber(year, sequence) });
      await trx
        .insertInto('requests')
        .values({
          id: request.id,
          number: request.number,
          year,
          sequence,
          source_key: sourceKey,
          type: request.type,
          status: request.status,
          requester: request.requester,
          due_date: request.dueDate,
          version: request.version,
          data: JSON.stringify(request),
          updated_at: request.receivedAt,
        })
        .execute();
      await auditCase(trx, request, audit);
      return { request, created: true };
    });
  }

  async getRequest(idOrNumber: string): Promise<PrivacyRequest | undefined> {
    const row = await this.database.db
      .selectFrom('requests')
      .select('data')
      .where((eb) => eb.or([eb('id', '=', idOrNumber), eb('number', '=', idOrNumber.toUpperCase())]))
      .executeTakeFirst();
    return row === undefined ? undefined : decode(row);
  }

  async saveRequest(request: PrivacyRequest, expectedVersion: number, audit: CaseAudit): Promise<boolean> {
    // A change that does not bump the version would slip past every later version check: a bug.
    if (request.version !== expectedVersion + 1) throw new Error(`saveRequest: version ${request.version} does not follow ${expectedVersion}`);
    return this.database.write(async (trx) => {
      const changed = await trx
        .updateTable('requests')
        .set({ status: request.status, due_date: request.dueDate, version: request.version, data: JSON.stringify(request), updated_at: new Date().toISOString() })
        .where('id', '=', request.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) === 0) return false;
      await auditCase(trx, request, audit);
      return true;
    });
  }

  async listRequests(filter: RequestFilter = {}): Promise<PrivacyRequest[]> {
    let select = this.database.db.selectFrom('requests').select('data').orderBy('year').orderBy('sequence');
    if (filter.requester !== undefined) select = select.where('requester', '=', filter.requester);
    if (filter.openOnly) select = select.where('status', 'not in', [...CLOSED_STATUSES]);
    return (await select.execute()).map(decode);
  }

  async recordCardMessage(message: CardMessage): Promise<void> {
    await this.database.write(async (trx) => {
      const last = await trx
        .selectFrom('card_messages')
        .select((eb) => eb.fn.max('recorded_seq').as('last'))
        .executeTakeFirst();
      await trx
        .insertInto('card_messages')
        .values({
          request_id: message.requestId,
          audience: message.audience,
          conversation_id: message.conversationId,
          activity_id: message.activityId,
          reference: message.reference,
          recorded_seq: Number(last?.last ?? 0) + 1,
        })
        .onConflict((oc) =>
          oc.columns(['conversation_id', 'activity_id']).doUpdateSet((eb) => ({
            request_id: eb.ref('excluded.request_id'),
            audience: eb.ref('excluded.audience'),
            reference: eb.ref('excluded.reference'),
          })),
        )
        .execute();
    });
  }

  async cardMessages(requestId: string): Promise<CardMessage[]> {
    const rows = await this.database.db.selectFrom('card_messages').selectAll().where('request_id', '=', requestId).orderBy('recorded_seq').execute();
    return rows.map((raw) => {
      const row = parseRow(cardRow, raw, 'card_messages');
      return { requestId: row.request_id, audience: row.audience, conversationId: row.conversation_id, activityId: row.activity_id, reference: row.reference };
    });
  }

  async saveConversation(conversation: StoredConversation, at: Date): Promise<void> {
    await this.database.write((trx) =>
      trx
        .insertInto('conversations')
        .values({ key: conversation.key, teams_user_id: conversation.teamsUserId ?? null, reference: conversation.reference, updated_at: at.toISOString() })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            teams_user_id: eb.fn.coalesce('excluded.teams_user_id', 'conversations.teams_user_id'),
            reference: eb.ref('excluded.reference'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute(),
    );
  }

  async conversation(key: string): Promise<StoredConversation | undefined> {
    const raw = await this.database.db.selectFrom('conversations').select(['key', 'teams_user_id', 'reference']).where('key', '=', key).executeTakeFirst();
    if (raw === undefined) return undefined;
    const row = parseRow(conversationRow, raw, 'conversations');
    return { key: row.key, reference: row.reference, ...(row.teams_user_id ? { teamsUserId: row.teams_user_id } : {}) };
  }
}

function decode(raw: unknown): PrivacyRequest {
  const row = parseRow(dataRow, raw, 'requests');
  return parseRow(privacyRequestSchema, parseJson(row.data, 'requests'), 'requests');
}

async function auditCase(trx: Queries, request: PrivacyRequest, audit: CaseAudit): Promise<void> {
  await appendAudit(trx, {
    at: request.history.at(-1)?.at ?? new Date().toISOString(),
    actor: audit.actor,
    action: audit.action,
    target: `request:${request.number}`,
    details: { ...audit.details, version: request.version, status: request.status },
  });
}
