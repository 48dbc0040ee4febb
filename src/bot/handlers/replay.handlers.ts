import { renderRequestCard } from '../cards/request-render';
import type { RenderedCard } from '../cards/answer.card';
import { showDate } from '../cards/request-view';
import { type Handler, requestContext } from './turn';

/**
 * "replay since 2026-12-01", "seit 01.12. erneut anwenden" — after a backup was restored (seed
 * 5.3.2): a DPO sees every rectification, erasure, restriction and objection completed since that
 * day with the steps that changed the sources, and applies them again on a button (asked first; the
 * bot's steps run again, people's are listed to redo by hand; audited per step).
 */
export const replayHandler: Handler = async (turn, services) => {
  const requests = services.requests;
  const asker = turn.asker === undefined ? undefined : services.desk.person(turn.asker).id;
  const locale = turn.locale;
  if (!requests) return renderRequestCard({ title: '', intro: [] });
  const ctx = requestContext(locale, services.desk, requests);
  const x = ctx.rt.execution;
  const card = (intro: string[], extra: Partial<Parameters<typeof renderRequestCard>[0]> = {}): RenderedCard => renderRequestCard({ title: x.replayTitle, intro, ...extra });
  if (asker === undefined || !requests.isDpo(asker)) return card([x.replayDposOnly]);
  const day = turn.parsed.since;
  if (!day) return card([x.replayNeedsDay]);
  const shown = showDate(ctx, day);
  const items = await requests.replayable(new Date(`${day}T00:00:00Z`));
  if (items.length === 0) return card([x.replayNone(shown)]);
  if (!turn.confirmed) {
    return card([x.replayIntro(shown, items.length)], {
      sections: [{ heading: '', lines: items.map((i) => x.replayCase(i.caseNumber, ctx.t.requestType(i.type), i.steps.map((s) => (s.by === 'person' ? `${s.id} (${x.replayByHand})` : s.id)).join(', '))) }],
      buttons: [{ title: x.replayApply, execute: false, data: { verb: 'run', intent: 'replay', since: day, confirmed: true } }],
    });
  }
  const lines: string[] = [];
  let applied = 0;
  let manual = 0;
  let failed = 0;
  for (const item of items) {
    for (const result of await requests.reapply(item.caseId, asker)) {
      if (result.outcome === 'reapplied') applied++;
      if (result.outcome === 'manual') {
        manual++;
        lines.push(x.replayManualLine(item.caseNumber, result.step));
      }
      if (result.outcome === 'failed') {
        failed++;
        lines.push(x.replayFailedLine(item.caseNumber, result.step, result.error ?? ''));
      }
    }
  }
  return card([x.replayDone(applied, manual, failed)], { sections: lines.length > 0 ? [{ heading: '', lines }] : [] });
};
