import type { MyGrants } from '../../app/privacy-desk';
import type { Grant } from '../../domain/grants/grant';
import { formatScope } from '../../domain/grants/scope';
import { type ActionView, type RenderedCard, type SectionView, renderAnswer } from './answer.card';
import { MAX_RESTORE } from './card-actions';
import { type DescribeContext, viewerScopeText } from './describe';
import { defaultLines, groupTierLines } from './list-grants.card';

/** "Remove all my grants?": what would go (the asker's own grants only), what stays, Yes and No. */
export function removeAllConfirmCard(ctx: DescribeContext, grants: MyGrants): RenderedCard {
  const { t } = ctx;
  if (grants.own.length === 0) return removeAllNoneCard(ctx, grants);
  const n = grants.own.length;
  return renderAnswer({
    title: t.removeAllTitle,
    intro: [t.removeAllConfirm(n)],
    sections: [{ lines: grantLines(ctx, grants.own) }, staying(ctx, grants)],
    actions: [
      { title: t.removeAllYes(n), data: { verb: 'run', intent: 'removeAllGrants', confirmed: true } },
      { title: t.confirmNo, data: { verb: 'run', intent: 'removeAllGrants', cancelled: true } },
    ],
  });
}

/** What was removed, what stays, and an Undo that puts the removed grants back. */
export function removedAllCard(ctx: DescribeContext, removed: readonly Grant[], grants: MyGrants): RenderedCard {
  const { t } = ctx;
  if (removed.length === 0) return removeAllNoneCard(ctx, grants);
  const restore = removed.map((g) => ({ viewer: formatScope(g.viewer), level: g.level, ...(g.name ? { name: g.name } : {}) }));
  const undo: ActionView[] = removed.length <= MAX_RESTORE ? [{ title: t.undo, data: { verb: 'run', intent: 'removeAllGrants', restore } }] : [];
  return renderAnswer({
    title: t.removeAllTitle,
    intro: [t.removeAllDone(removed.length)],
    sections: [{ lines: grantLines(ctx, removed) }, staying(ctx, grants)],
    notes: undo.length === 0 ? [t.removeAllNoUndo(removed.length)] : [],
    actions: undo,
  });
}

function removeAllNoneCard(ctx: DescribeContext, grants: MyGrants): RenderedCard {
  return renderAnswer({ title: ctx.t.removeAllTitle, intro: [ctx.t.removeAllNone], sections: [staying(ctx, grants)] });
}

/** The administrators' grants and the company defaults: never the asker's to remove. */
function staying(ctx: DescribeContext, grants: MyGrants): SectionView {
  return { heading: ctx.t.removeAllAdminsStay, lines: [...groupTierLines(ctx, grants), ...defaultLines(ctx, grants)] };
}

function grantLines(ctx: DescribeContext, grants: readonly Grant[]): string[] {
  return grants.map((grant) => `${viewerScopeText(ctx, grant.viewer, grant.name)} — ${ctx.t.level(grant.level)}`);
}
