import type { WhatCanSeeAnswer } from '../../domain/lookup/what-can-see';
import type { Level } from '../../domain/levels';
import { type RenderedCard, renderAnswer } from './answer.card';
import { type DescribeContext, fieldLabel, reasonText } from './describe';
import { levelChange } from './level-change';

/** What one colleague or external contact can see of the asker, row by row. */
export function whatCanSeeCard(ctx: DescribeContext, answer: WhatCanSeeAnswer, name: string, personKey: string, ownLevel?: Level): RenderedCard {
  const { t } = ctx;
  const intro = [t.whatLevel(name, answer.effective.level)];
  const cap = answer.effective.cap;
  if (cap) intro.push(t.cappedNote(cap.domain, cap.level, cap.uncapped));
  const facts = answer.rows.map(({ row, allowed }) => {
    const word = row.kind === 'detail' ? (allowed ? t.visible : t.hidden) : allowed ? t.possible : t.prevented;
    return { title: fieldLabel(t, row.id), value: `${allowed ? '✅' : '⛔'} ${word}` };
  });
  const notGoverned = t.list(answer.notGoverned.map((f) => fieldLabel(t, f.id)));
  const notes = answer.notGoverned.length === 0 ? [] : [answer.side === 'internal' ? t.fromDirectory(notGoverned) : t.notForExternals(notGoverned)];
  return renderAnswer({
    title: t.whatTitle(name),
    intro,
    sections: [
      { facts },
      { heading: t.reasonsHeading, lines: answer.effective.reasons.map((r) => reasonText(ctx, r)) },
    ],
    notes,
    actions: [{ title: t.why, data: { verb: 'run', intent: 'whyCanSee', person: personKey } }],
    levelChange: levelChange(t, personKey, ownLevel),
  });
}

/** What the asker can see of a colleague: the same rows, the question turned round. */
export function whatCanISeeCard(ctx: DescribeContext, answer: WhatCanSeeAnswer, name: string): RenderedCard {
  const { t } = ctx;
  const facts = answer.rows.map(({ row, allowed }) => {
    const word = row.kind === 'detail' ? (allowed ? t.visible : t.hidden) : allowed ? t.possible : t.prevented;
    return { title: fieldLabel(t, row.id), value: `${allowed ? '✅' : '⛔'} ${word}` };
  });
  return renderAnswer({
    title: t.whatICanSeeTitle(name),
    intro: [t.whatICanSeeLevel(name, answer.effective.level)],
    sections: [{ facts }, { heading: t.reasonsHeading, lines: answer.effective.reasons.map((r) => reasonText(ctx, r)) }],
  });
}
