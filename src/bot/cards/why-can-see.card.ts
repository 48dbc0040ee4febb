import type { WhyCanSeeAnswer } from '../../domain/lookup/why-can-see';
import type { Level } from '../../domain/levels';
import { type RenderedCard, renderAnswer } from './answer.card';
import { type DescribeContext, fieldTopic, reasonText } from './describe';
import { levelChange } from './level-change';

/** The grants behind a viewer's level, which tier set each, and whether the asker could change it. */
export function whyCanSeeCard(ctx: DescribeContext, answer: WhyCanSeeAnswer, name: string, personKey: string, ownLevel?: Level): RenderedCard {
  const { t } = ctx;
  const level = answer.effective.level;
  const intro = [t.whatLevel(name, level)];
  if (answer.field) {
    const label = fieldTopic(t, answer.field.definition.id);
    intro.push(
      answer.field.row
        ? t.whyField(name, label, level, answer.field.row.minLevel, answer.field.allowed)
        : t.whyNotGoverned(label, answer.side === 'external'),
    );
  }
  const cap = answer.effective.cap;
  if (cap) intro.push(t.cappedNote(cap.domain, cap.level, cap.uncapped));
  const lines = answer.reasons.map(({ reason, ownerCanChange }) => `${reasonText(ctx, reason)}. ${ownerCanChange ? t.youCanChange : t.onlyAdmins}`);
  const notes = answer.ownGrantOverruled ? [t.additive(answer.ownGrantOverruled.level, level)] : [];
  return renderAnswer({
    title: t.whyTitle(name, answer.field ? fieldTopic(t, answer.field.definition.id) : undefined, answer.field?.definition.kind === 'action'),
    intro,
    sections: [{ heading: t.reasonsHeading, lines }],
    notes,
    levelChange: levelChange(t, personKey, ownLevel),
  });
}
