import { type Level, type Tier, levelRank } from '../levels';
import type { FieldDefinition, FieldId } from '../matrix/fields';
import { FIELDS } from '../matrix/fields';
import type { MatrixRow, PermissionMatrix } from '../matrix/matrix';
import { CATALOGUE_ITEMS } from '../catalogue/catalogue.data';
import type { Person } from '../directory/person';
import type { Grant } from '../grants/grant';
import type { ExternalContact, PermissionIndex, Reason } from '../grants/permission-index';
import { formatScope } from '../grants/scope';

/** A side of the answer where the matrix has no row: the detail is not governed by levels there. */
export interface NotGoverned {
  governed: false;
  field: FieldDefinition;
}

export interface ReasonGroup {
  reason: Reason;
  /** How many viewers this reason gives the level (each viewer counted under its strongest reason). */
  count: number;
  /** Directory indexes of the viewers listed on this page (alphabetical). */
  people: number[];
  /** How many of this reason's viewers come before `people` (on earlier pages of the whole list). */
  skipped: number;
}

export interface ColleaguesAnswer {
  governed: true;
  row: MatrixRow;
  /** Number of colleagues who reach the row's level. */
  total: number;
  /** Set when every colleague reaches it: the reasons that give everyone the level. */
  everyone?: Reason[];
  groups: ReasonGroup[];
}

export interface ExternalEntry {
  contact: ExternalContact;
  level: Level;
  reason: Reason;
  /** The contact's domain caps them below the row's level. */
  cappedBelow?: { domain: string; level: Level };
  /** The contact's domain caps what grants give them (they still reach the row's level). */
  cap?: { domain: string; level: Level; uncapped: Level };
}

export interface ExternalsAnswer {
  governed: true;
  row: MatrixRow;
  /** External contacts without a grant reach the level (`externalDefault`). */
  defaultReaches: boolean;
  defaultLevel: Level;
  /** Federated domains whose cap keeps their contacts below the level. */
  cappedDomains: { domain: string; level: Level }[];
  /** Named contacts who reach the level. */
  reaching: ExternalEntry[];
  /** Named contacts who would reach it but for their domain's cap. */
  capped: ExternalEntry[];
}

export interface WhoCanSeeAnswer {
  field: FieldDefinition;
  colleagues: ColleaguesAnswer | NotGoverned;
  externals: ExternalsAnswer | NotGoverned;
  /** The detail is kept in the directory, and the owner's entry holds none of it. */
  notInDirectory?: true;
}

export interface Page {
  offset: number;
  limit: number;
  /**
   * The limit applies to each reason on its own (an inline answer names people under every
   * reason); otherwise `offset` and `limit` page through the whole list, reason by reason.
   */
  perReason?: boolean;
}

/**
 * Who can see a detail of the owner (or do an action on them): colleagues and external contacts
 * who reach the row's level (seed 4.3.2.7), grouped by the strongest reason.
 */
export function whoCanSee(
  index: PermissionIndex,
  matrix: PermissionMatrix,
  ownerIndex: number,
  fieldId: FieldId,
  page: Page = { offset: 0, limit: 20 },
): WhoCanSeeAnswer {
  const field = FIELDS[fieldId];
  const internalRow = matrix.row('internal', fieldId);
  const externalRow = matrix.row('external', fieldId);
  const answer: WhoCanSeeAnswer = {
    field,
    colleagues: internalRow ? colleagues(index, internalRow, ownerIndex, page) : { governed: false, field },
    externals: externalRow ? externals(index, externalRow, ownerIndex) : { governed: false, field },
  };
  if (ownerIndex >= 0 && missingFromDirectory(index.directory.person(ownerIndex), field.items)) answer.notInDirectory = true;
  return answer;
}

/** Directory attributes that every entry has outside its attribute map: UPN, display name, names, mail. */
const ENTRY_ITEMS: Readonly<Record<string, (person: Person) => boolean>> = {
  'F.0': (p) => Boolean(p.upn),
  'F.1': (p) => p.displayName !== '',
  'F.1.1': (p) => Boolean(p.givenName),
  'F.1.2': (p) => Boolean(p.surname),
  'F.2.1': (p) => Boolean(p.mail),
};

/**
 * Whether these catalogue items are directory attributes (the catalogue names their field) and the
 * person's directory entry holds none of them — so that an answer can say there is nothing to see,
 * instead of only explaining who would see it.
 */
export function missingFromDirectory(person: Person, items: readonly string[]): boolean {
  if (items.length === 0) return false;
  const fromDirectory = items.every((id) => CATALOGUE_ITEMS.some((item) => item.id === id && item.field !== undefined));
  return fromDirectory && !items.some((id) => (person.attributes[id]?.length ?? 0) > 0 || ENTRY_ITEMS[id]?.(person) === true);
}

function colleagues(index: PermissionIndex, row: MatrixRow, ownerIndex: number, page: Page): ColleaguesAnswer {
  const others = index.directory.size - (ownerIndex >= 0 ? 1 : 0);
  if (row.minLevel === null) return { governed: true, row, total: 0, groups: [] };
  const minRank = levelRank(row.minLevel);
  if (index.globalRank >= minRank) {
    return { governed: true, row, total: others, everyone: [{ kind: 'global', level: index.policy.global }], groups: [] };
  }
  // Only the alphabetically first people of each reason can be on the page.
  const keep = page.perReason ? page.limit : page.offset + page.limit;
  const byKey = new Map<string, Collected>();
  const byGrant = new Map<object, Collected>();
  let total = 0;
  // Visits come in runs of the same grant: look the reason up once per run, not once per person.
  let lastCompiled: object | undefined;
  let last: Collected | undefined;
  const { everyone } = index.collectColleagues(ownerIndex, minRank, (person, compiled) => {
    let group = compiled === lastCompiled ? last : byGrant.get(compiled);
    if (!group) {
      const key = reasonKey(compiled.grant, compiled.tier);
      group = byKey.get(key);
      if (!group) {
        group = { reason: { kind: 'grant', tier: compiled.tier, level: compiled.grant.level, grant: compiled.grant }, count: 0, first: [], max: -1 };
        byKey.set(key, group);
      }
      byGrant.set(compiled, group);
    }
    lastCompiled = compiled;
    last = group;
    group.count++;
    total++;
    keepFirst(group, person, keep);
  });
  if (everyone.length > 0) {
    const reasons: Reason[] = everyone.map((c) => ({ kind: 'grant', tier: c.tier, level: c.grant.level, grant: c.grant }));
    return { governed: true, row, total: others, everyone: reasons, groups: [] };
  }
  let before = 0;
  const groups = [...byKey.values()].map(({ reason, count, first }): ReasonGroup => {
    const sorted = first.sort(ascending);
    const from = page.perReason ? 0 : Math.max(0, Math.min(count, page.offset - before));
    const to = page.perReason ? page.limit : Math.max(from, Math.min(count, page.offset + page.limit - before));
    before += count;
    return { reason, count, people: sorted.slice(from, to), skipped: from };
  });
  return { governed: true, row, total, groups };
}

/** A reason while its people are collected: the `keep` alphabetically first are among `first`. */
interface Collected {
  reason: Reason;
  count: number;
  first: number[];
  /** The highest index in `first`. */
  max: number;
}

/**
 * Keeps the alphabetically first `keep` people of a reason (directory indexes are alphabetical)
 * without holding all of them: people past the kept ones are skipped at once, and the list is
 * trimmed when it has grown to twice its size.
 */
function keepFirst(group: Collected, person: number, keep: number): void {
  if (group.first.length < keep) {
    group.first.push(person);
    if (person > group.max) group.max = person;
  } else if (person < group.max) {
    group.first.push(person);
    if (group.first.length >= 2 * keep) {
      group.first = group.first.sort(ascending).slice(0, keep);
      group.max = group.first[keep - 1] as number;
    }
  }
}

const ascending = (a: number, b: number): number => a - b;

/**
 * Grants that read as the same reason are one reason: same tier, level and owner, and the same
 * viewer where the viewer is a group or everyone. Own grants to single people are one reason
 * ("your own grant"), however many people they name.
 */
function reasonKey(grant: Grant, tier: Tier): string {
  const single = grant.viewer.kind === 'user' || grant.viewer.kind === 'external';
  const viewer = tier === 'user' && single ? grant.viewer.kind : formatScope(grant.viewer);
  return `${tier}|${grant.level}|${formatScope(grant.owner)}|${viewer}`;
}

function externals(index: PermissionIndex, row: MatrixRow, ownerIndex: number): ExternalsAnswer {
  const minRank = row.minLevel === null ? Infinity : levelRank(row.minLevel);
  const defaultReaches = index.externalDefaultRank >= minRank;
  const cappedDomains = [...index.domainCapList]
    .filter(([, level]) => levelRank(level) < minRank)
    .map(([domain, level]) => ({ domain, level }))
    .sort((a, b) => a.domain.localeCompare(b.domain));
  const reaching: ExternalEntry[] = [];
  const capped: ExternalEntry[] = [];
  for (const { contact, effective } of index.namedExternals(ownerIndex)) {
    const reason = effective.reasons[0] as Reason;
    if (levelRank(effective.level) >= minRank) {
      const entry: ExternalEntry = { contact, level: effective.level, reason };
      if (effective.cap) entry.cap = effective.cap;
      reaching.push(entry);
    } else if (effective.cap && levelRank(effective.cap.uncapped) >= minRank) {
      capped.push({
        contact,
        level: effective.level,
        reason,
        cappedBelow: { domain: effective.cap.domain, level: effective.cap.level },
      });
    }
  }
  return {
    governed: true,
    row,
    defaultReaches,
    defaultLevel: index.policy.externalDefault,
    cappedDomains: defaultReaches ? cappedDomains : [],
    reaching,
    capped,
  };
}
