import { toViewer } from '../../app/privacy-desk';
import type { Target } from '../../app/resolution';
import { sameViewer } from '../../domain/grants/scope';
import type { Level } from '../../domain/levels';
import { type Page, missingFromDirectory } from '../../domain/lookup/who-can-see';
import { renderAnswer } from '../cards/answer.card';
import { type DescribeContext, targetKey, targetName } from '../cards/describe';
import { noticeCard } from '../cards/simple.card';
import { whatCanISeeCard, whatCanSeeCard } from '../cards/what-can-see.card';
import { CATALOGUE_ITEMS } from '../../domain/catalogue/catalogue.data';
import { INLINE_PAGE, LIST_PAGE_SIZE, whoCanSeeCard } from '../cards/who-can-see.card';
import { whyCanSeeCard } from '../cards/why-can-see.card';
import { detailChoices } from '../cards/detail-choices';
import { recognise } from '../intents/recognise';
import { resolveTarget } from './resolve-target';
import { type Handler, type HandlerServices, type Turn, describeContext, newcomersOf } from './turn';
import type { Viewer } from '../../domain/grants/permission-index';
import type { RenderedCard } from '../cards/answer.card';

export const whoCanSeeHandler: Handler = async (turn, services) => {
  const ctx = describeContext(turn, services, turn.asker as number);
  // Other people's data is theirs to ask about.
  if (turn.parsed.person) return noticeCard(ctx.t.appTitle, [ctx.t.onlyOwnData]);
  const field = turn.parsed.field;
  const notice = field ? undefined : itemNotice(ctx, services, turn.parsed.item);
  if (notice) return notice;
  if (!field) {
    // Every detail the message's words resemble ("profile pic" → the photo), or the common ones.
    return renderAnswer({ title: ctx.t.detailTitle, intro: [ctx.t.needField], actions: detailChoices(ctx.t, recognise(turn.text ?? '').names) });
  }
  const page: Page = turn.page === undefined ? INLINE_PAGE : { offset: turn.page * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE };
  const answer = services.desk.whoCanSee(ctx.asker, field, page);
  return whoCanSeeCard(ctx, answer, page, turn.page);
};

/**
 * A catalogue item no matrix row governs ("who can see my photo", "why can Priya see my photo"): the
 * answer says so, and whether the directory holds a value for the asker at all.
 */
function itemNotice(ctx: DescribeContext, services: HandlerServices, id: string | undefined): RenderedCard | undefined {
  const item = id ? CATALOGUE_ITEMS.find((i) => i.id === id) : undefined;
  if (!item) return undefined;
  const label = item.group ? item.group[ctx.t.locale] : item[ctx.t.locale];
  const items = item.group ? `${item.id.replace(/\.\d+$/, '')}.x` : item.id;
  const ids = item.group ? CATALOGUE_ITEMS.filter((i) => i.group === item.group).map((i) => i.id) : [item.id];
  const none = missingFromDirectory(services.desk.person(ctx.asker), ids) ? [ctx.t.noDirectoryValue(label, items)] : [];
  return noticeCard(label, [...none, ctx.t.notGovernedAnywhere(label, items)]);
}

/** The colleague or external contact a what/why question is about, or the reply that says why not. */
async function viewerOf(
  ctx: DescribeContext,
  turn: Turn,
  services: HandlerServices,
): Promise<{ ok: true; viewer: Viewer; name: string; key: string; own?: Level } | { ok: false; reply: RenderedCard }> {
  const resolved = await resolveTarget(ctx, turn, { groups: true, ...newcomersOf(services) });
  if (!resolved.ok) return resolved;
  const name = targetName(ctx, resolved.target);
  const viewer = toViewer(resolved.target);
  if (!viewer) return { ok: false, reply: noticeCard(ctx.t.personTitle, [ctx.t.groupNotViewer(name)]) };
  const found: { ok: true; viewer: Viewer; name: string; key: string; own?: Level } = { ok: true, viewer, name, key: targetKey(ctx, resolved.target) };
  const own = ownLevel(ctx, resolved.target);
  if (own) found.own = own;
  return found;
}

export const whatCanSeeHandler: Handler = async (turn, services) => {
  const ctx = describeContext(turn, services, turn.asker as number);
  const found = await viewerOf(ctx, turn, services);
  if (!found.ok) return found.reply;
  return whatCanSeeCard(ctx, services.desk.whatCanSee(ctx.asker, found.viewer), found.name, found.key, found.own);
};

export const whatCanISeeHandler: Handler = async (turn, services) => {
  const ctx = describeContext(turn, services, turn.asker as number);
  const resolved = await resolveTarget(ctx, turn, { groups: false, ...newcomersOf(services) });
  if (!resolved.ok) return resolved.reply;
  const target = resolved.target;
  if (target.kind !== 'person' || target.index === ctx.asker) return noticeCard(ctx.t.appTitle, [ctx.t.onlyOwnData]);
  return whatCanISeeCard(ctx, services.desk.whatCanISee(ctx.asker, target.index), targetName(ctx, target));
};

export const whyCanSeeHandler: Handler = async (turn, services) => {
  const ctx = describeContext(turn, services, turn.asker as number);
  const found = await viewerOf(ctx, turn, services);
  if (!found.ok) return found.reply;
  // "why can Priya see my photo": no level decides that — the answer says who does.
  const notice = turn.parsed.field ? undefined : itemNotice(ctx, services, turn.parsed.item);
  if (notice) return notice;
  return whyCanSeeCard(ctx, services.desk.whyCanSee(ctx.asker, found.viewer, turn.parsed.field), found.name, found.key, found.own);
};

/** The level the asker gave this target themselves, to preselect in the level picker. */
export function ownLevel(ctx: DescribeContext, target: Target): Level | undefined {
  const scope = ctx.desk.scopeOf(target);
  if (!scope) return undefined;
  return ctx.desk.permissions.botGrantsOf(ctx.desk.person(ctx.asker).id).find((g) => sameViewer(g.viewer, scope))?.level;
}
