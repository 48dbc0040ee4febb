import type { SetLevelOutcome } from '../../app/privacy-desk';
import { levelRank } from '../../domain/levels';
import { type ActionView, type RenderedCard, renderAnswer } from './answer.card';
import { type DescribeContext, reasonText } from './describe';

/** Confirms a change of the asker's own grant, says what still applies, and offers an undo. */
export function setLevelCard(ctx: DescribeContext, outcome: SetLevelOutcome, name: string, personKey: string): RenderedCard {
  const { t } = ctx;
  const intro: string[] = [];
  const unchanged = outcome.previous === outcome.level;
  if (outcome.level === null) intro.push(t.removed(name, outcome.previous));
  else if (unchanged) intro.push(t.setUnchanged(name, outcome.level));
  else intro.push(t.setDone(name, outcome.level, outcome.previous));
  const lines: string[] = [];
  const effective = outcome.effective;
  if (effective) {
    const own = outcome.level === null ? -1 : levelRank(outcome.level);
    if (levelRank(effective.level) > own && outcome.level !== null) {
      intro.push(t.stillHigher(name, effective.level));
      lines.push(...effective.reasons.filter((r) => levelRank(r.level) > own).map((r) => reasonText(ctx, r)));
    } else {
      intro.push(t.effectiveNow(name, effective.level));
    }
    if (effective.cap) intro.push(t.cappedNote(effective.cap.domain, effective.cap.level, effective.cap.uncapped));
  } else if (outcome.level !== null && outcome.target.kind === 'group') {
    intro.push(t.groupSet(name, outcome.level));
  }
  const actions: ActionView[] = unchanged
    ? []
    : [{ title: t.undo, data: { verb: 'run', intent: 'setLevel', person: personKey, level: outcome.previous ?? 'remove' } }];
  return renderAnswer({ title: t.setTitle, intro, sections: lines.length > 0 ? [{ lines }] : [], actions });
}
