import { renderAnswer } from '../cards/answer.card';
import { targetKey, targetName } from '../cards/describe';
import { levelChange } from '../cards/level-change';
import { listGrantsCard } from '../cards/list-grants.card';
import { setLevelCard } from '../cards/set-level.card';
import { noticeCard } from '../cards/simple.card';
import { resolveTarget } from './resolve-target';
import { type Handler, describeContext } from './turn';

/** "set Bob to team member", "block Mallory", and the remove / undo buttons. */
export const setLevelHandler: Handler = async (turn, services) => {
  const ctx = describeContext(turn, services, turn.asker as number);
  const { t } = ctx;
  const resolved = resolveTarget(ctx, turn, { groups: true });
  if (!resolved.ok) return resolved.reply;
  const name = targetName(ctx, resolved.target);
  const key = targetKey(ctx, resolved.target);
  const level = turn.removeGrant ? null : turn.parsed.level;
  if (level === undefined) {
    return renderAnswer({ title: t.setTitle, intro: [t.setWhichLevel(name)], levelChange: levelChange(t, key) });
  }
  const result = await services.desk.setLevel(ctx.asker, resolved.target, level);
  if (!result.ok) {
    switch (result.error) {
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
