import type { RequestDesk } from '../../app/requests/request-desk';
import type { PrivacyRequest } from '../../domain/requests/request';
import type { RenderedCard } from './answer.card';
import { type CaseCardOptions, type CaseViewer, caseCard } from './request.card';
import type { RequestTextContext } from './request-view';

/** How long a card waits for the personal-data sources before it is drawn without their findings. */
const FINDINGS_WAIT_MS = 1500;

/** What `promise` gives within `ms`, else undefined (the promise goes on). */
async function within<T>(ms: number, promise: Promise<T | undefined>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** How one person sees a case: which buttons, and to whom it may be assigned. */
export function viewerOf(requests: RequestDesk, request: PrivacyRequest, id: string | undefined): CaseViewer {
  if (id === undefined) return { may: () => false, assignees: [] };
  const dpo = requests.isDpo(id);
  return { id, dpo, may: (action) => requests.may(request, action, id), assignees: dpo ? requests.assigneesFor(request).filter(() => requests.may(request, 'assign', id)) : [] };
}

/** What a place that draws a case adds: titles, notices, the Teams ids whose clients refresh it. */
export type Presentation = Omit<CaseCardOptions, 'daysLeft' | 'duplicates'> & {
  /** Duplicates already found (the decision card's); otherwise looked up for a DPO. */
  duplicates?: PrivacyRequest[];
};

/**
 * The one place a case is drawn for a viewer — answers, decision cards, reminders, redraws: the
 * viewer's buttons, the days left, and for a DPO the possible duplicates (every DPO card lists
 * them, a redrawn one too) and where the subject's data is in the personal-data sources.
 */
export async function presentCase(ctx: RequestTextContext, requests: RequestDesk, request: PrivacyRequest, viewerId: string | undefined, presentation: Presentation = {}): Promise<RenderedCard> {
  const viewer = viewerOf(requests, request, viewerId);
  const duplicates = presentation.duplicates ?? (viewer.dpo ? await requests.duplicatesOf(request) : []);
  // Where the subject's data is: the DPO's to see, never the requester's (nor a relayer's). A card
  // waits for the sources a moment only — Teams waits for a button's answer not much longer — and is
  // drawn without them otherwise; the lookup goes on, and the next drawing of the case shows it.
  const findings = viewer.dpo ? await within(FINDINGS_WAIT_MS, requests.findingsOf(request)) : undefined;
  // Carrying it out, step by step: the DPO's to follow (the requester is told the outcome).
  const job = viewer.dpo && (request.status === 'inProgress' || request.status === 'completed') ? await requests.jobOf(request.id) : undefined;
  const rectified = job && request.type === 'rectification' ? await requests.rectificationsOf(request.id) : [];
  const pseudonymise = viewer.dpo && request.type === 'erasure' && request.status === 'approved' && requests.canPseudonymise();
  return caseCard(ctx, request, viewer, { ...presentation, daysLeft: requests.daysLeft(request), duplicates, ...(findings ? { findings } : {}), ...(job ? { job } : {}), ...(pseudonymise ? { pseudonymise } : {}), ...(rectified.length > 0 ? { rectified } : {}) });
}
