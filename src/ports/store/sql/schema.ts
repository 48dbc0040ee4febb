/**
 * The tables of the privacy-desk database, as the typed query builder sees them. The same columns
 * on SQLite and PostgreSQL: text for ids, timestamps (ISO 8601, UTC) and JSON; integers for numbers.
 */
export interface Tables {
  settings: { key: string; value: string };
  admin_grants: { owner: string; viewer: string; level: string; name: string | null };
  user_grants: { owner: string; viewer: string; level: string; name: string | null; updated_at: string; updated_by: string };
  audit_log: { seq: number; at: string; actor: string; action: string; target: string; details: string; prev_hash: string; hash: string };
  requests: {
    id: string;
    number: string;
    year: number;
    sequence: number;
    source_key: string;
    type: string;
    status: string;
    requester: string;
    due_date: string;
    version: number;
    data: string;
    updated_at: string;
  };
  conversations: { key: string; teams_user_id: string | null; reference: string; updated_at: string };
  card_messages: { request_id: string; audience: string; conversation_id: string; activity_id: string; reference: string; recorded_seq: number | null };
  claims: { subject: string; mark: string; round: string; claimed_at: string; sent_at: string | null; holder: string | null };
  instances: { id: string; heartbeat_at: string };
  execution_jobs: { case_id: string; version: number; complete: number; data: string; updated_at: string };
  execution_files: { case_id: string; name: string; content: string; bytes: number; created_at: string };
}

/** The tables in the order their rows can be copied (a card message names its case). */
export const TABLES = ['settings', 'admin_grants', 'user_grants', 'audit_log', 'requests', 'conversations', 'card_messages', 'claims', 'instances', 'execution_jobs', 'execution_files'] as const satisfies readonly (keyof Tables)[];
