import type { MyGrants } from '../../app/privacy-desk';
import { viewerKey } from '../../domain/grants/scope';
import { type RenderedCard, type SectionView, renderAnswer } from './answer.card';
import { type DescribeContext, reasonText, viewerScopeText } from './describe';
import { tierOf } from '../../domain/grants/grant';

/** The asker's own grants (each removable), what administrators set for them, and the defaults. */
export function listGrantsCard(ctx: DescribeContext, grants: MyGrants): RenderedCard {
  const { t } = ctx;
  const own = grants.own.map((grant) => ({
    text: `${viewerScopeText(ctx, grant.viewer, grant.name)} — ${t.level(grant.level)}`,
    action: {
      title: t.remove,
      data: { verb: 'run' as const, intent: 'setLevel' as const, person: viewerKey(grant.viewer), level: 'remove' as const },
    },
  }));
  const sections: SectionView[] = [
    own.length > 0 ? { heading: t.listOwn, rows: own } : { heading: t.listOwn, lines: [t.listNone] },
  ];
  if (grants.groupTier.length > 0) sections.push({ heading: t.listGroupTier, lines: groupTierLines(ctx, grants) });
  sections.push({ heading: t.listDefaults, lines: defaultLines(ctx, grants) });
  return renderAnswer({ title: t.listTitle, sections });
}

/** The administrators' grants that cover the asker's data, in words. */
export function groupTierLines(ctx: DescribeContext, grants: MyGrants): string[] {
  return grants.groupTier.map((grant) => reasonText(ctx, { kind: 'grant', tier: tierOf(grant), level: grant.level, grant }));
}

/** The company defaults: the global level, the external default and the domain caps. */
export function defaultLines(ctx: DescribeContext, grants: MyGrants): string[] {
  const { t } = ctx;
  const defaults = [t.listGlobal(grants.global), t.listExternalDefault(grants.externalDefault)];
  for (const [domain, level] of [...grants.externalDomains].sort(([a], [b]) => a.localeCompare(b))) defaults.push(t.listDomainCap(domain, level));
  return defaults;
}
