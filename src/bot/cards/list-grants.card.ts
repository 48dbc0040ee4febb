import type { MyGrants } from '../../app/privacy-desk';
import { formatScope } from '../../domain/grants/scope';
import { type RenderedCard, renderAnswer } from './answer.card';
import { type DescribeContext, reasonText, viewerScopeText } from './describe';
import { tierOf } from '../../domain/grants/grant';

/** The asker's own grants (each removable), what administrators set for them, and the defaults. */
export function listGrantsCard(ctx: DescribeContext, grants: MyGrants): RenderedCard {
  const { t } = ctx;
  const own = grants.own.map((grant) => ({
    text: `${viewerScopeText(ctx, grant.viewer)} — ${t.level(grant.level)}`,
    action: {
      title: t.remove,
      data: { verb: 'run' as const, intent: 'setLevel' as const, person: scopeKey(grant.viewer), level: 'remove' as const },
    },
  }));
  const defaults = [t.listGlobal(grants.global), t.listExternalDefault(grants.externalDefault)];
  for (const [domain, level] of [...grants.externalDomains].sort(([a], [b]) => a.localeCompare(b))) defaults.push(t.listDomainCap(domain, level));
  const sections = [
    own.length > 0 ? { heading: t.listOwn, rows: own } : { heading: t.listOwn, lines: [t.listNone] },
  ];
  if (grants.setByAdministrators.length > 0) {
    sections.push({
      heading: t.listAdmins,
      lines: grants.setByAdministrators.map((g) => `${viewerScopeText(ctx, g.viewer)} — ${t.level(g.level)}`),
    });
  }
  if (grants.groupTier.length > 0) {
    sections.push({
      heading: t.listGroupTier,
      lines: grants.groupTier.map((grant) => reasonText(ctx, { kind: 'grant', tier: tierOf(grant), level: grant.level, grant })),
    });
  }
  sections.push({ heading: t.listDefaults, lines: defaults });
  return renderAnswer({ title: t.listTitle, sections });
}

/** How a button names a grant's viewer so that resolution finds exactly it again. */
function scopeKey(scope: Parameters<typeof formatScope>[0]): string {
  switch (scope.kind) {
    case 'user':
      return scope.id;
    case 'external':
      return scope.address;
    default:
      return formatScope(scope);
  }
}
