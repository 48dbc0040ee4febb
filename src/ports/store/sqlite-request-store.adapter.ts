import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { CLOSED_STATUSES, type PrivacyRequest } from '../../domain/requests/request';
import { caseNumber } from '../../domain/requests/workflow';
import { CLAIM_LEASE_MS, INSTANCE_GONE_MS, type CardMessage, type CaseAudit, type DeadlineMark, type ConversationStore, type RequestFilter, type RequestStore, type StoredConversation } from './request-store.port';
import { privacyRequestSchema } from './request-row.schema';
import { appendAudit, parseJson, parseRow } from './sqlite-database';

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
 * Privacy-request cases in the embedded SQLite database, sharing the grant store's file and audit
 * trail. The database handle is owned (and closed) by whoever opened it.
 */
export class SqliteRequestStore implements RequestStore, ConversationStore {
  constructor(private readonly db: Database.Database) {}

  async createRequest(
    sourceKey: string,
    year: number,
    build: (ids: { id: string; number: string }) => PrivacyRequest,
    audit: CaseAudit,
  ): Promise<{ request: PrivacyRequest; created: boolean }> {
    // IMMEDIATE: the write lock is taken before the next number is read, so two instances on one
    // file wait for each other instead of failing on the same number.
    return this.db.transaction(() => {
      const existing = this.db.prepare('SELECT data FROM requests WHERE source_key = ?').get(sourceKey);
      if (existing !== undefined) return { request: this.decode(existing), created: false };
      const last = this.db.prepare('SELECT MAX(sequence) AS last FROM requests WHERE year = ?').get(year) as { last: number | null };
      const sequence = (last.last ?? 0) + 1;
      const request = build({ id: randomUUID(), number: caseNumber(year, sequence) });
      this.db
        .prepare(
          `INSERT INTO requests (id, number, year, sequence, source_key, type, status, requester, due_date, version, data, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(request.id, request.number, year, sequence, sourceKey, request.type, request.status, request.requester, request.dueDate, request.version, JSON.stringify(request), request.receivedAt);
      this.audit(request, audit);
      return { request, created: true };
    }).immediate();
  }

  async getRequest(idOrNumber: string): Promise<PrivacyRequest | undefined> {
    const row = this.db.prepare('SELECT data FROM requests WHERE id = ? OR number = ?').get(idOrNumber, idOrNumber.toUpperCase());
    return row === undefined ? undefined : this.decode(row);
  }

  async saveRequest(request: PrivacyRequest, expectedVersion: number, audit: CaseAudit): Promise<boolean> {
    // A change that does not bump the version would slip past every later version check: a bug.
    if (request.version !== expectedVersion + 1) throw new Error(`saveRequest: version ${request.version} does not follow ${expectedVersion}`);
    return this.db.transaction(() => {
      const changed = this.db
        .prepare('UPDATE requests SET status = ?, due_date = ?, version = ?, data = ?, updated_at = ? WHERE id = ? AND version = ?')
        .run(request.status, request.dueDate, request.version, JSON.stringify(request), new Date().toISOString(), request.id, expectedVersion);
      if (changed.changes === 0) return false;
      this.audit(request, audit);
      return true;
    }).immediate();
  }

  async listRequests(filter: RequestFilter = {}): Promise<PrivacyRequest[]> {
    const closed = [...CLOSED_STATUSES].map((status) => `'${status}'`).join(', ');
    const where: string[] = [];
    const values: string[] = [];
    if (filter.requester !== undefined) {
      where.push('requester = ?');
      values.push(filter.requester);
    }
    if (filter.openOnly) where.push(`status NOT IN (${closed})`);
    const sql = `SELECT data FROM requests ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY year, sequence`;
    return this.db
      .prepare(sql)
      .all(...values)
      .map((row) => this.decode(row));
  }

  async recordCardMessage(message: CardMessage): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO card_messages (request_id, audience, conversation_id, activity_id, reference) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (conversation_id, activity_id) DO UPDATE SET request_id = excluded.request_id, audience = excluded.audience, reference = excluded.reference`,
      )
      .run(message.requestId, message.audience, message.conversationId, message.activityId, message.reference);
  }

  async cardMessages(requestId: string): Promise<CardMessage[]> {
    return this.db
      .prepare('SELECT * FROM card_messages WHERE request_id = ? ORDER BY rowid')
      .all(requestId)
      .map((raw) => {
        const row = parseRow(cardRow, raw, 'card_messages');
        return { requestId: row.request_id, audience: row.audience, conversationId: row.conversation_id, activityId: row.activity_id, reference: row.reference };
      });
  }

  async claimReminder(requestId: string, reminder: DeadlineMark, round: string, at: Date, holder: string): Promise<boolean> {
    const stamp = at.toISOString();
    return this.db.transaction(() => {
      this.beatNow(holder, stamp);
      // A claim left unconfirmed by an instance that is gone (retired, or silent since it crashed
      // while sending) is taken over; so is any claim past its lease. Claims from before holders
      // were recorded (holder NULL) wait out their lease.
      const claimed = this.db
        .prepare(
          `INSERT INTO reminders (request_id, kind, due_date, claimed_at, holder) VALUES (@requestId, @reminder, @round, @stamp, @holder)
           ON CONFLICT (request_id, kind, due_date) DO UPDATE SET claimed_at = excluded.claimed_at, holder = excluded.holder
           WHERE reminders.sent_at IS NULL AND (
             reminders.claimed_at <= @leaseCut
             OR (reminders.holder IS NOT NULL AND reminders.holder <> @holder
                 AND NOT EXISTS (SELECT 1 FROM instances WHERE instances.id = reminders.holder AND instances.heartbeat_at > @goneCut)))`,
        )
        .run({
          requestId,
          reminder,
          round,
          stamp,
          holder,
          leaseCut: new Date(at.getTime() - CLAIM_LEASE_MS).toISOString(),
          goneCut: new Date(at.getTime() - INSTANCE_GONE_MS).toISOString(),
        });
      return claimed.changes > 0;
    }).immediate();
  }

  async confirmReminder(requestId: string, reminder: DeadlineMark, round: string, claimedAt: Date, sentAt: Date, holder: string): Promise<boolean> {
    const confirmed = this.db
      .prepare('UPDATE reminders SET sent_at = ? WHERE request_id = ? AND kind = ? AND due_date = ? AND claimed_at = ? AND holder = ? AND sent_at IS NULL')
      .run(sentAt.toISOString(), requestId, reminder, round, claimedAt.toISOString(), holder);
    return confirmed.changes > 0;
  }

  async releaseReminder(requestId: string, reminder: DeadlineMark, round: string, claimedAt: Date, holder: string): Promise<void> {
    this.db.prepare('DELETE FROM reminders WHERE request_id = ? AND kind = ? AND due_date = ? AND claimed_at = ? AND holder = ? AND sent_at IS NULL').run(requestId, reminder, round, claimedAt.toISOString(), holder);
  }

  async beat(instance: string, at: Date): Promise<void> {
    this.beatNow(instance, at.toISOString());
  }

  async retire(instance: string): Promise<void> {
    this.db.prepare('DELETE FROM instances WHERE id = ?').run(instance);
  }

  async claimsHeldElsewhere(instance: string): Promise<number> {
    const row = this.db.prepare('SELECT COUNT(*) AS held FROM reminders WHERE sent_at IS NULL AND (holder IS NULL OR holder <> ?)').get(instance) as { held: number };
    return row.held;
  }

  /** A heartbeat never goes back in time (two calls may arrive out of order). */
  private beatNow(instance: string, stamp: string): void {
    this.db
      .prepare('INSERT INTO instances (id, heartbeat_at) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET heartbeat_at = MAX(instances.heartbeat_at, excluded.heartbeat_at)')
      .run(instance, stamp);
  }

  async saveConversation(conversation: StoredConversation, at: Date): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO conversations (key, teams_user_id, reference, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET teams_user_id = COALESCE(excluded.teams_user_id, conversations.teams_user_id),
           reference = excluded.reference, updated_at = excluded.updated_at`,
      )
      .run(conversation.key, conversation.teamsUserId ?? null, conversation.reference, at.toISOString());
  }

  async conversation(key: string): Promise<StoredConversation | undefined> {
    const raw = this.db.prepare('SELECT key, teams_user_id, reference FROM conversations WHERE key = ?').get(key);
    if (raw === undefined) return undefined;
    const row = parseRow(conversationRow, raw, 'conversations');
    return { key: row.key, reference: row.reference, ...(row.teams_user_id ? { teamsUserId: row.teams_user_id } : {}) };
  }

  private decode(raw: unknown): PrivacyRequest {
    const row = parseRow(dataRow, raw, 'requests');
    return parseRow(privacyRequestSchema, parseJson(row.data, 'requests'), 'requests');
  }

  private audit(request: PrivacyRequest, audit: CaseAudit): void {
    appendAudit(this.db, {
      at: request.history.at(-1)?.at ?? new Date().toISOString(),
      actor: audit.actor,
      action: audit.action,
      target: `request:${request.number}`,
      details: { ...audit.details, version: request.version, status: request.status },
    });
  }
}
