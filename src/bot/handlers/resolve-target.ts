import type { Target } from '../../app/resolution';
import type { RenderedCard } from '../cards/answer.card';
import { chooseCard, noticeCard } from '../cards/simple.card';
import { type DescribeContext, plain } from '../cards/describe';
import type { RunAction } from '../cards/card-actions';
import type { Newcomers, Turn } from './turn';

/**
 * Finds the person a question names, or answers for us: nobody found, or a choice between
 * several. `groups` allows a group as the target (setting a level for a whole group).
 */
export async function resolveTarget(
  ctx: DescribeContext,
  turn: Turn,
  options: { groups: boolean; newcomers?: Newcomers },
): Promise<{ ok: true; target: Target } | { ok: false; reply: RenderedCard }> {
  const { t } = ctx;
  const query = turn.parsed.person;
  if (!query) return { ok: false, reply: noticeCard(t.personTitle, [turn.parsed.intent === 'setLevel' ? t.setWhom : t.needPerson]) };
  const groupQuery = /^group:/i.test(query) ? query.slice(6) : undefined;
  let resolution = ctx.desk.resolve(ctx.asker, groupQuery ?? query, { groups: options.groups });
  // Somebody who joined after the last directory read: look them up live, refresh, try again.
  if (resolution.kind === 'none' && !groupQuery && options.newcomers && (await options.newcomers.searchNewcomers(query))) {
    resolution = ctx.desk.resolve(ctx.asker, query, { groups: options.groups });
  }
  switch (resolution.kind) {
    case 'found':
      return { ok: true, target: resolution.target };
    case 'none':
      return { ok: false, reply: noticeCard(t.personTitle, [t.notFound(plain(groupQuery ?? query))]) };
    case 'ambiguous': {
      const again: Omit<RunAction, 'person' | 'verb'> = { intent: turn.parsed.intent };
      if (turn.parsed.field) again.field = turn.parsed.field;
      if (turn.parsed.level) again.level = turn.parsed.level;
      return { ok: false, reply: chooseCard(ctx, plain(groupQuery ?? query), resolution.candidates, again) };
    }
  }
}
