import type { SetLevelOutcome } from '../../app/privacy-desk';
import type { Effective, Reason } from '../../domain/grants/permission-index';
import { type LevelChange, rowsGained } from '../../domain/grants/grant-effect';
import { sameViewer } from '../../domain/grants/scope';
import { type Level, levelRank } from '../../domain/levels';
import { type ActionView, type RenderedCard, type SectionView, renderAnswer } from './answer.card';
import { type DescribeContext, fieldLabel, namesList, personName, reasonText } from './describe';

/** Names shown before the rest are counted ("A, B, C, D, E and 3 more"). */
const NAMES_SHOWN = 5;

/**
 * Confirms a change of the asker's own grant and says what it does in effect: whose level moved,
 * who now sees more despite the asker's block, or that nothing changes and why. Offers an undo.
 */
export function setLevelCard(ctx: DescribeContext, outcome: SetLevelOutcome, name: string, personKey: string): RenderedCard {
  const { t } = ctx;
  const { level, previous, effect } = outcome;
  const stored = previous !== level;
  const intro: string[] = [];
  const sections: SectionView[] = [];
  if (!stored) {
    intro.push(level === null ? t.removed(name, null) : t.setUnchanged(name, level));
    if (outcome.effective && level !== null && levelRank(outcome.effective.level) > levelRank(level)) {
      intro.push(t.stillHigher(name, outcome.effective.level));
      sections.push({ lines: higherReasons(ctx, outcome.effective, level) });
    }
  } else if (effect.changes.length === 0) {
    intro.push(level === null ? t.removed(name, previous) : t.setStored(name, level, previous));
    sections.push(...noEffect(ctx, outcome, name, intro));
  } else {
    intro.push(level === null ? t.removed(name, previous) : t.setDone(name, level, previous));
    intro.push(...inEffect(ctx, outcome, name));
    sections.push(...despiteBlock(ctx, effect.despiteBlock));
  }
  if (outcome.effective?.cap) intro.push(t.cappedNote(outcome.effective.cap.domain, outcome.effective.cap.level, outcome.effective.cap.uncapped));
  const actions: ActionView[] = stored ? [{ title: t.undo, data: { verb: 'run', intent: 'setLevel', person: personKey, level: previous ?? 'remove' } }] : [];
  return renderAnswer({ title: t.setTitle, intro, sections: sections.filter((s) => (s.lines?.length ?? 0) > 0), actions });
}

/** Nothing moved: for one viewer the grants that keep their level, for a group the reasons that keep its members where they are. */
function noEffect(ctx: DescribeContext, outcome: SetLevelOutcome, name: string, intro: string[]): SectionView[] {
  const { t } = ctx;
  const { effective, effect } = outcome;
  if (effective) {
    intro.push(t.noEffect(name, effective.level));
    if (effective.cap) return [];
    intro.push(t.noEffectWhy);
    return [{ lines: effective.reasons.filter((r) => r.level === effective.level && !isTheChangedGrant(ctx, outcome, r)).map((r) => reasonText(ctx, r)) }];
  }
  if (effect.concerned === 0) {
    intro.push(t.groupEmpty(name));
    return [];
  }
  intro.push(t.groupNoEffect(name, effect.concerned));
  return [{ lines: effect.kept.map((r) => reasonText(ctx, r)) }];
}

/** Something moved: for one viewer their level now, for a group how many members see more or less. */
function inEffect(ctx: DescribeContext, outcome: SetLevelOutcome, name: string): string[] {
  const { t } = ctx;
  const { effective, effect, level } = outcome;
  if (effective) {
    const own = level === null ? -1 : levelRank(level);
    return level !== null && levelRank(effective.level) > own ? [t.stillHigher(name, effective.level), ...higherReasons(ctx, effective, level)] : [t.effectiveNow(name, effective.level)];
  }
  const raised = effect.changes.filter((c) => levelRank(c.after) > levelRank(c.before)).length;
  const lowered = effect.changes.length - raised;
  const lines = level === null ? [] : [t.groupSet(name, level)];
  if (raised > 0) lines.push(t.groupRaised(raised, effect.concerned));
  if (lowered > 0) lines.push(t.groupLowered(lowered, effect.concerned));
  return lines;
}

/** People the asker blocked who now see more: named (the first few), counted, with what they now see. */
function despiteBlock(ctx: DescribeContext, changes: LevelChange[]): SectionView[] {
  const { t } = ctx;
  if (changes.length === 0) return [];
  const byMove = new Map<string, { before: Level; after: Level; people: number[] }>();
  for (const change of changes) {
    if (change.viewer.kind !== 'person') continue;
    const key = `${change.before}>${change.after}`;
    const move = byMove.get(key) ?? { before: change.before, after: change.after, people: [] };
    move.people.push(change.viewer.index);
    byMove.set(key, move);
  }
  const moves = [...byMove.values()].sort((a, b) => levelRank(b.after) - levelRank(a.after) || levelRank(b.before) - levelRank(a.before));
  const lines = moves.flatMap((move) => {
    const names = move.people.slice(0, NAMES_SHOWN).map((p) => personName(ctx, p));
    const gained = rowsGained(ctx.desk.matrix, 'internal', move.before, move.after).map((row) => fieldLabel(t, row.id));
    return [t.despiteBlock(namesList(t, names, move.people.length), move.people.length, move.before, move.after), ...(gained.length > 0 ? [t.nowAlsoSee(t.list(gained))] : [])];
  });
  return [{ heading: t.despiteBlockHeading, lines }];
}

/** The grants that give a viewer more than the asker's own level. */
function higherReasons(ctx: DescribeContext, effective: Effective, own: Level): string[] {
  return effective.reasons.filter((r) => levelRank(r.level) > levelRank(own)).map((r) => reasonText(ctx, r));
}

/** The asker's own grant to the target itself: no reason for what the change does not change. */
function isTheChangedGrant(ctx: DescribeContext, outcome: SetLevelOutcome, reason: Reason): boolean {
  const scope = ctx.desk.scopeOf(outcome.target);
  const own = reason.kind === 'grant' && reason.tier === 'user' && reason.grant.owner.kind === 'user' && reason.grant.owner.id === ctx.desk.person(ctx.asker).id;
  return own && scope !== undefined && sameViewer(reason.grant.viewer, scope);
}
