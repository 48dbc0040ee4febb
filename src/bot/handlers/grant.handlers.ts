import { renderAnswer } from '../cards/answer.card';
import { targetKey, targetName } from '../cards/describe';
import { levelChange } from '../cards/level-change';
import { listGrantsCard } from '../cards/list-grants.card';
import { removeAllConfirmCard, removedAllCard } from '../cards/remove-all.card';
import { parseViewerScope } from '../../domain/grants/scope';
import { setLevelCard } from '../cards/set-level.card';
import { noticeCard } from '../cards/simple.card';
import { resolveTarget } from './resolve-target';
import { type Handler, describeContext, newcomersOf, textsFor } from './turn';

/** "set Bob to team member", "block Mallory", and the remove / undo buttons. */
export const setLevelHandler: Handler = async (turn, services) => {
  const ctx = describeContext(turn, services, turn.asker as number);
  const { t } = ctx;
  const resolved = await resolveTarget(ctx, turn, { groups: true, ...newcomersOf(services) });
  if (!resolved.ok) return resolved.reply;
  const name = targetName(ctx, resolved.target);
  const key = targetKey(ctx, resolved.target);
  const level = turn.removeGrant ? null : turn.parsed.level;
  if (level === undefined) {
    return renderAnswer({ title: t.setTitle, intro: [t.setWhichLevel(name)], levelChange: levelChange(t, key) });
  }
  if (turn.cancelled) return noticeCard(t.setTitle, [t.setCancelled(name)]);
  if (resolved.target.kind === 'external' && !resolved.target.known && level !== null && !turn.confirmed) {
    return renderAnswer({
      title: t.setTitle,
      intro: [t.confirmNewExternal(name, level)],
      actions: [
        { title: t.confirmSet(level), data: { verb: 'run', intent: 'setLevel', person: key, level, confirmed: true } },
        { title: t.confirmNo, data: { verb: 'run', intent: 'setLevel', person: key, level, cancelled: true } },
      ],
    });
  }
  const result = await services.desk.setLevel(ctx.asker, resolved.target, level);
  if (!result.ok) {
    switch (result.error.code) {
      case 'SELF':
        return noticeCard(t.setTitle, [t.cannotSetSelf]);
      case 'UNKNOWN_GROUP':
        return noticeCard(t.setTitle, [t.unknownGroup]);
    }
  }
  return setLevelCard(ctx, result.value, name, key);
};

export const listGrantsHandler: Handler = async (turn, services) => {
  const ctx = describeContext(turn, services, turn.asker as number);
  return listGrantsCard(ctx, services.desk.listGrants(ctx.asker));
};

/** "unblock Mallory", "remove my grant for Bob": removes the asker's own grant. */
export const removeGrantHandler: Handler = async (turn, services) => {
  if (!turn.parsed.person) return noticeCard(textsFor(turn).setTitle, [textsFor(turn).removeWhom]);
  return setLevelHandler({ ...turn, removeGrant: true }, services);
};

/**
 * "remove all my grants": first a confirmation that lists them (administrators' grants stay), then
 * every own grant removed, each audited; the Undo button puts them back.
 */
export const removeAllGrantsHandler: Handler = async (turn, services) => {
  const ctx = describeContext(turn, services, turn.asker as number);
  const { t } = ctx;
  if (turn.restore) {
    const grants = turn.restore.flatMap((g) => {
      const scope = parseViewerScope(g.viewer);
      return scope.ok ? [{ viewer: scope.scope, level: g.level, ...(g.name ? { name: g.name } : {}) }] : [];
    });
    const restored = await services.desk.restoreGrants(ctx.asker, grants);
    return noticeCard(t.removeAllTitle, [t.restoredAll(restored)]);
  }
  if (turn.cancelled) return noticeCard(t.removeAllTitle, [t.removeAllCancelled]);
  if (!turn.confirmed) return removeAllConfirmCard(ctx, services.desk.listGrants(ctx.asker));
  const removed = await services.desk.removeAllGrants(ctx.asker);
  return removedAllCard(ctx, removed, services.desk.listGrants(ctx.asker));
};
