import type { Page, WhoCanSeeAnswer, ColleaguesAnswer, ExternalsAnswer, NotGoverned } from '../../domain/lookup/who-can-see';
import type { ActionView, RenderedCard, SectionView } from './answer.card';
import { renderAnswer } from './answer.card';
import { type DescribeContext, externalName, fieldTopic, namesList, personName, reasonText } from './describe';

/** Inline answers list up to 20 names under each reason; "show all" pages through 50 at a time. */
export const INLINE_PAGE: Page = { offset: 0, limit: 20, perReason: true };
export const LIST_PAGE_SIZE = 50;

export function whoCanSeeCard(ctx: DescribeContext, answer: WhoCanSeeAnswer, page: Page, listPage?: number): RenderedCard {
  const { t } = ctx;
  const label = fieldTopic(t, answer.field.id);
  const isAction = answer.field.kind === 'action';
  const actions: ActionView[] = [];
  const colleagues = colleaguesSection(ctx, answer.colleagues, label, isAction, page);
  const notes: string[] = [];
  if (answer.colleagues.governed && !answer.colleagues.everyone) {
    const { total, groups } = answer.colleagues;
    if (page.perReason) {
      if (groups.some((g) => g.people.length < g.count)) actions.push({ title: t.showAll, data: { verb: 'run', intent: 'whoCanSee', field: answer.field.id, page: 0 } });
    } else {
      const shown = Math.min(total, page.offset + page.limit);
      if (total > 0) notes.push(t.pageOf(Math.min(total, page.offset + 1), shown, total));
      if (shown < total) actions.push({ title: t.nextPage, data: { verb: 'run', intent: 'whoCanSee', field: answer.field.id, page: (listPage ?? 0) + 1 } });
    }
  }
  return renderAnswer({
    title: t.whoTitle(label, isAction),
    intro: answer.notInDirectory ? [t.noDirectoryValue(label, answer.field.items.join(', '))] : [],
    sections: [colleagues, externalsSection(ctx, answer.externals, label, isAction)],
    notes,
    actions,
  });
}

function colleaguesSection(
  ctx: DescribeContext,
  answer: ColleaguesAnswer | NotGoverned,
  label: string,
  isAction: boolean,
  page: Page,
): SectionView {
  const { t } = ctx;
  const heading = t.colleaguesHeading;
  if (!answer.governed) return { heading, lines: [t.notGovernedColleagues(label, answer.field.items.join(', '))] };
  if (answer.row.minLevel === null) return { heading, lines: [t.whoNobody] };
  const needs = t.whoNeeds(answer.row.minLevel, isAction);
  if (answer.everyone) {
    return { heading, lines: [needs, t.everyone(answer.total)], groups: answer.everyone.map((r) => ({ label: reasonText(ctx, r) })) };
  }
  if (answer.total === 0) return { heading, lines: [needs, t.noColleague] };
  // An inline answer names people under every reason; a page of the whole list shows the reasons it has names of.
  const groups = answer.groups
    .filter((group) => page.perReason || group.people.length > 0)
    .map((group) => {
      const names = group.people.map((p) => personName(ctx, p));
      const after = group.count - group.skipped - names.length;
      return { label: t.groupLine(reasonText(ctx, group.reason), group.count), names: names.length === 0 ? '' : namesList(t, names, names.length + after) };
    });
  return { heading, lines: [needs, t.reachCount(answer.total)], groups };
}

function externalsSection(ctx: DescribeContext, answer: ExternalsAnswer | NotGoverned, label: string, isAction: boolean): SectionView {
  const { t } = ctx;
  const heading = t.externalsHeading;
  if (!answer.governed) return { heading, lines: [t.notGovernedExternals(label)] };
  if (answer.row.minLevel === null) return { heading, lines: [t.whoNobody] };
  const lines = [t.whoNeeds(answer.row.minLevel, isAction)];
  lines.push(answer.defaultReaches ? t.externalDefaultReaches(answer.defaultLevel) : t.externalDefaultDoesNot(answer.defaultLevel));
  if (answer.cappedDomains.length > 0) lines.push(t.cappedDomains(t.list(answer.cappedDomains.map((d) => `${d.domain} (${t.level(d.level)})`))));
  const groups = answer.reaching.map((entry) => ({
    label: `${externalName(entry.contact.address, entry.contact.name)} — ${t.level(entry.level)}`,
    names: reasonText(ctx, entry.reason) + (entry.cap ? `. ${t.cappedNote(entry.cap.domain, entry.cap.level, entry.cap.uncapped)}` : ''),
  }));
  if (groups.length === 0 && !answer.defaultReaches) lines.push(t.noNamedExternal);
  for (const entry of answer.capped) {
    if (entry.cappedBelow) lines.push(t.cappedContact(externalName(entry.contact.address, entry.contact.name), entry.cappedBelow.domain, entry.cappedBelow.level));
  }
  return { heading, lines, groups };
}
