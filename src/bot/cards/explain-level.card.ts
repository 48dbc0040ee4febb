import { LEVELS, type Level } from '../../domain/levels';
import type { MatrixRow, PermissionMatrix } from '../../domain/matrix/matrix';
import type { Messages } from '../i18n/messages';
import { type RenderedCard, renderAnswer } from './answer.card';

const rank = (level: Level): number => LEVELS.indexOf(level);
const label = (t: Messages, row: MatrixRow): string => (t.locale === 'de' ? row.de : row.en);
const reaches = (row: MatrixRow, level: Level): boolean => row.minLevel !== null && rank(row.minLevel) <= rank(level);

/** What one side's table lets a viewer with `level` see and do, and what is new against the level below. */
function sideFacts(t: Messages, rows: readonly MatrixRow[], level: Level): { title: string; value: string }[] {
  const list = (items: MatrixRow[]): string => (items.length > 0 ? t.list(items.map((row) => label(t, row))) : t.explainNothing);
  const allowed = rows.filter((row) => reaches(row, level));
  const facts = [
    { title: t.explainSees, value: list(allowed.filter((row) => row.kind === 'detail')) },
    { title: t.explainCan, value: list(allowed.filter((row) => row.kind === 'action')) },
  ];
  const below = LEVELS[rank(level) - 1];
  if (below !== undefined) facts.push({ title: t.explainNew(below), value: list(rows.filter((row) => row.minLevel === level)) });
  return facts;
}

/**
 * "What does Business mean?": what a viewer with that level sees and may do, for colleagues and for
 * external contacts, read from the matrix in force (so an administrator's own matrix is explained).
 */
export function explainLevelCard(t: Messages, matrix: PermissionMatrix, level: Level): RenderedCard {
  return renderAnswer({
    title: t.explainTitle(level),
    intro: [t.explainIntro(level)],
    sections: [
      { heading: t.explainColleagues, facts: sideFacts(t, matrix.internal, level) },
      { heading: t.explainExternal, facts: sideFacts(t, matrix.external, level) },
    ],
    notes: [t.helpLevels],
    actions: LEVELS.filter((other) => other !== level).map((other) => ({ title: t.level(other), data: { verb: 'run', intent: 'explainLevel', level: other } })),
  });
}

/** "Which levels are there?": each level with what it adds for colleagues. */
export function explainLevelsCard(t: Messages, matrix: PermissionMatrix): RenderedCard {
  const lines = LEVELS.map((level) => {
    const added = matrix.internal.filter((row) => row.minLevel === level).map((row) => label(t, row));
    return t.explainAllLine(level, added.length > 0 ? t.list(added) : t.explainNothing);
  });
  return renderAnswer({
    title: t.explainAllTitle,
    intro: [t.explainAllIntro],
    sections: [{ lines }],
    notes: [t.helpLevels],
    actions: LEVELS.map((level) => ({ title: t.level(level), data: { verb: 'run', intent: 'explainLevel', level } })),
  });
}
