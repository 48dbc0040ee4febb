import type { PrivacyRequest, RequestEvent } from '../../domain/requests/request';

/** Reasons a DPO gives that Art. 5(2) and 12 make them prove: a rejection, a question, an extension, a withdrawal recorded from a letter. */
const DPO_REASONS: ReadonlySet<string> = new Set(['reject', 'askInfo', 'extend', 'withdraw']);

/**
 * What the audit trail keeps of a change. The trail cannot be edited or erased, so it keeps the
 * reasons a DPO must prove word for word (when the actor is a deciding DPO), and of any other free
 * text (a requester's answer or words of withdrawal, an answer a DPO transcribed, a completion
 * note, an identity check's note — which may hold personal data) only that there was some; the
 * case keeps the text.
 */
export function auditDetails(event: RequestEvent, after: PrivacyRequest, decidingDpo: boolean): Record<string, string | boolean | null> {
  const details: Record<string, string | boolean | null> = { from: event.from ?? null, to: event.to ?? null, detail: event.detail ?? null };
  if (decidingDpo && DPO_REASONS.has(event.action)) details.reason = event.reason ?? null;
  else details.hasNote = event.reason !== undefined || identityNotedBy(event, after);
  return details;
}

/** Whether this event wrote the note on how an outside person's identity was checked (kept on the case, not in the event). */
function identityNotedBy(event: RequestEvent, after: PrivacyRequest): boolean {
  if (event.action !== 'recordIdentity' && event.action !== 'approve') return false;
  return after.identity?.note !== undefined && after.identity.at === event.at;
}
