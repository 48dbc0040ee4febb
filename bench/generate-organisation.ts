import type { DirectoryData, Group, Person } from '../src/domain/directory/person';
import type { AdminPolicy, Grant } from '../src/domain/grants/grant';
import type { Level } from '../src/domain/levels';

/**
 * A deterministic, synthetic organisation for benchmarks: people in a four-level group
 * hierarchy, user-tier grants (to colleagues, groups and external contacts) and an
 * administrators' policy. Pure: the same sizes and seed always give the same organisation,
 * and nothing is read or written.
 */

export interface OrganisationSizes {
  /** Colleagues in the directory. */
  people: number;
  /** Groups, split over four levels (0.1 % roots, 0.9 %, 9 %, the rest leaves: 5 → 45 → 450 → 4,500). */
  groups: number;
  /** User-tier grants (`source: 'user'`). */
  userGrants: number;
  /** Distinct external contacts named as viewers (as far as the user grants leave room). */
  externals: number;
  /** Federated domains the external contacts are spread over. */
  externalDomains: number;
  /** Domains the administrators cap (`externalDomains` of the policy). */
  cappedDomains: number;
  /** Group-tier grants of the administrators (owner `group:` or `all`, viewer `group:`). */
  groupGrants: number;
}

/** The sizes of the lookup-benchmark issue. */
export const ISSUE_SIZES: Readonly<OrganisationSizes> = {
  people: 100_000,
  groups: 5_000,
  userGrants: 1_000_000,
  externals: 100_000,
  externalDomains: 200,
  cappedDomains: 50,
  groupGrants: 200,
};

export interface ExternalContactData {
  address: string;
  name: string;
}

export interface Organisation {
  directory: DirectoryData;
  policy: AdminPolicy;
  userGrants: Grant[];
  /** Every external contact the generator made (addresses lower-case), in generation order. */
  externals: ExternalContactData[];
  /** Group ids by level of the hierarchy: roots first, leaves last. */
  groupLevels: [string[], string[], string[], string[]];
  /** What was actually generated (externals: distinct external viewers in the user grants). */
  counts: {
    people: number;
    groups: number;
    groupLevels: [number, number, number, number];
    userGrants: number;
    userGrantViewers: { user: number; group: number; external: number };
    externals: number;
    externalDomains: number;
    cappedDomains: number;
    groupGrants: number;
  };
}

export { mulberry32 } from '../src/domain/shared/random';
import { mulberry32 } from '../src/domain/shared/random';

const GIVEN_NAMES = [
  'Anna', 'Ben', 'Clara', 'David', 'Elif', 'Felix', 'Greta', 'Hannah', 'Ilse', 'Jürgen', 'Karin', 'Lukas',
  'Maria', 'Niklas', 'Olga', 'Paul', 'Quirin', 'Renée', 'Sophie', 'Tobias', 'Ute', 'Volker', 'Wiebke', 'Xaver',
  'Yasemin', 'Zoë', 'Łukasz', 'Ömer', 'Björn', 'Chloé', 'Dörte', 'Emil', 'Frieda', 'Gökhan', 'Heike', 'Ingo',
  'Jana', 'Konstantin', 'Lea', 'Mads', 'Nele', 'Oskar', 'Petra', 'Rüdiger', 'Sven', 'Tereza', 'Uwe', 'Valérie',
  'Wolfgang', 'Yusuf', 'Amélie', 'Bernd', 'Carla', 'Dominik', 'Erika', 'Finn', 'Gabriele', 'Henrik', 'Ida', 'Jonas',
];

const SURNAMES = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann',
  'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Schmitz', 'Krause', 'Meier',
  'Lehmann', 'Schmid', 'Schulze', 'Maier', 'Köhler', 'Herrmann', 'König', 'Walter', 'Mayer', 'Huber',
  'Kaiser', 'Fuchs', 'Peters', 'Lang', 'Scholz', 'Möller', 'Weiß', 'Jung', 'Hahn', 'Schubert',
  'Vogel', 'Friedrich', 'Keller', 'Günther', 'Frank', 'Berger', 'Winkler', 'Roth', 'Beck', 'Lorenz',
  'Baumann', 'Franke', 'Albrecht', 'Schuster', 'Simon', 'Ludwig', 'Böhm', 'Winter', 'Kraus', 'Martin',
  'Schumacher', 'Krämer', 'Vogt', 'Stein', 'Jäger', 'Otto', 'Sommer', 'Groß', 'Seidel', 'Heinrich',
  'Brandt', 'Haas', 'Schreiber', 'Graf', 'Schulte', 'Dietrich', 'Ziegler', 'Kuhn', 'Kühn', 'Pohl',
  'Engel', 'Horn', 'Busch', 'Bergmann', 'Thomas', 'Voigt', 'Sauer', 'Arnold', 'Wolff', 'Pfeiffer',
  'Öztürk', 'Yılmaz', 'Kowalski', 'Nowak', 'Dubois', 'García', 'Rossi', 'Novák', 'Jensen', 'Andersson',
];

const JOB_TITLES = ['Engineer', 'Senior Engineer', 'Consultant', 'Team Lead', 'Accountant', 'Sales Manager', 'Designer', 'Analyst', 'Assistant', 'Architect'];
const OFFICES = ['Berlin HQ', 'München', 'Hamburg', 'Köln', 'Frankfurt', 'Leipzig', 'Remote'];
const PARTNER_WORDS = ['fabrikam', 'northwind', 'adatum', 'litware', 'tailspin', 'woodgrove', 'wingtip', 'proseware', 'lucerne', 'fourthcoffee'];
const CAP_LEVELS: readonly Level[] = ['blocked', 'public', 'business', 'team'];

/** ASCII local part for a mail address: "Jürgen" → "juergen", "Łukasz" → "lukasz". */
function mailPart(text: string): string {
  return text
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ß/g, 'ss')
    .replace(/[Łł]/g, (c) => (c === 'Ł' ? 'L' : 'l'))
    .replace(/ı/g, 'i')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9]/g, '');
}

/** Splits `total` groups over four levels: 5,000 → 5, 45, 450, 4,500. */
export function levelSizes(total: number): [number, number, number, number] {
  if (!Number.isInteger(total) || total < 4) throw new RangeError(`need at least 4 groups for four levels, got ${total}`);
  const l1 = Math.max(1, Math.round(total / 1000));
  const l2 = Math.max(1, Math.round((total * 9) / 1000));
  const l3 = Math.max(1, Math.round((total * 90) / 1000));
  return [l1, l2, l3, total - l1 - l2 - l3];
}

function checkSizes(sizes: OrganisationSizes): void {
  for (const [key, value] of Object.entries(sizes)) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${key} must be a whole number ≥ 0, got ${value}`);
  }
  if (sizes.people < 2) throw new RangeError('need at least 2 people');
  if (sizes.externals > 0 && sizes.externalDomains < 1) throw new RangeError('external contacts need at least one domain');
}

/** Generates an organisation of the given sizes; deterministic in `seed`. */
export function generateOrganisation(sizes: OrganisationSizes, seed = 1): Organisation {
  checkSizes(sizes);
  const rng = mulberry32(seed);
  const int = (n: number): number => Math.floor(rng() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const n = sizes.people;

  // --- people ---------------------------------------------------------------------------------
  const people: Person[] = [];
  const mailCounts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const givenName = pick(GIVEN_NAMES);
    const surname = pick(SURNAMES);
    const base = `${mailPart(givenName)}.${mailPart(surname)}`;
    const seen = (mailCounts.get(base) ?? 0) + 1;
    mailCounts.set(base, seen);
    const mail = `${base}${seen > 1 ? seen : ''}@contoso.example`;
    const hex = (): string => int(0x10000).toString(16).padStart(4, '0');
    people.push({
      id: mail.toLowerCase(),
      displayName: `${givenName} ${surname}`,
      mail,
      aadObjectId: `${hex()}${hex()}-${hex()}-${hex()}-${hex()}-${hex()}${hex()}${hex()}`,
      givenName,
      surname,
      preferredLanguage: rng() < 0.7 ? 'de' : 'en',
      attributes: {
        'F.3': [pick(JOB_TITLES)],
        'F.6': [pick(OFFICES)],
        'F.13.1': [`+49 30 ${1000000 + i}`],
        'F.13.3.1': [`+49 151 ${String(10000000 + int(90000000))}`],
      },
    });
  }
  mailCounts.clear();

  // --- groups: four levels, each group nested in one parent (a few leaves in two) ---------------
  const sizesByLevel = levelSizes(sizes.groups);
  const prefixes = ['div', 'dept', 'unit', 'team'];
  const groupLevels: [string[], string[], string[], string[]] = [[], [], [], []];
  const names: string[][] = [[], [], [], []];
  const memberGroups: string[][][] = [[], [], [], []];
  const memberPeople: number[][][] = [[], [], [], []];
  sizesByLevel.forEach((count, level) => {
    for (let i = 0; i < count; i++) {
      const name = `${prefixes[level]}-${String(i + 1).padStart(String(count).length, '0')}`;
      names[level]?.push(name);
      groupLevels[level as 0 | 1 | 2 | 3].push(`cn=${name},ou=groups,dc=contoso,dc=example`);
      memberGroups[level]?.push([]);
      memberPeople[level]?.push([]);
    }
  });
  for (let level = 1; level < 4; level++) {
    const count = sizesByLevel[level] as number;
    const parents = sizesByLevel[level - 1] as number;
    const ids = groupLevels[level] as string[];
    for (let i = 0; i < count; i++) {
      const parent = Math.floor((i * parents) / count);
      memberGroups[level - 1]?.[parent]?.push(ids[i] as string);
      // About 1 % of leaves also sit in a second unit: membership is a DAG, not just a tree.
      if (level === 3 && parents > 1 && rng() < 0.01) {
        let other = int(parents);
        if (other === parent) other = (other + 1) % parents;
        memberGroups[2]?.[other]?.push(ids[i] as string);
      }
    }
  }
  const leaves = sizesByLevel[3];
  const leafOf = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const leaf = Math.floor((p * leaves) / n);
    leafOf[p] = leaf;
    memberPeople[3]?.[leaf]?.push(p);
    if (leaves > 1 && rng() < 0.5) {
      let second = int(leaves);
      if (second === leaf) second = (second + 1) % leaves;
      memberPeople[3]?.[second]?.push(p);
    }
  }
  // Every group above the leaves has a head who is a direct member.
  for (let level = 0; level < 3; level++) for (const list of memberPeople[level] ?? []) list.push(int(n));
  const groups: Group[] = [];
  for (let level = 0; level < 4; level++) {
    (groupLevels[level] as string[]).forEach((id, i) => {
      groups.push({
        id,
        name: names[level]?.[i] as string,
        memberPeople: (memberPeople[level]?.[i] ?? []).map((p) => (people[p] as Person).id),
        memberGroups: memberGroups[level]?.[i] ?? [],
      });
    });
  }

  // --- external contacts -----------------------------------------------------------------------
  const domains: string[] = [];
  for (let d = 0; d < sizes.externalDomains; d++) domains.push(`${PARTNER_WORDS[d % PARTNER_WORDS.length]}-${d + 1}.example`);
  const externals: ExternalContactData[] = [];
  for (let e = 0; e < sizes.externals; e++) {
    const givenName = pick(GIVEN_NAMES);
    const surname = pick(SURNAMES);
    externals.push({
      address: `${mailPart(givenName)}.${mailPart(surname)}.${e + 1}@${pick(domains)}`.toLowerCase(),
      name: `${givenName} ${surname}`,
    });
  }

  // --- user-tier grants --------------------------------------------------------------------------
  // Owners drawn uniformly; each owner's viewers are distinct and never the owner. Viewers: 80 %
  // colleagues (60 % of them in the owner's own team), 5 % groups (mostly teams), 15 % external
  // contacts — taken in order first, so every generated contact appears in some grant.
  const perOwner = new Int32Array(n);
  for (let k = 0; k < sizes.userGrants; k++) {
    const o = int(n);
    perOwner[o] = (perOwner[o] as number) + 1;
  }
  const leafMembers = memberPeople[3] as number[][];
  const groupNames = names;
  const userGrants: Grant[] = [];
  const viewerCounts = { user: 0, group: 0, external: 0 };
  let nextExternal = 0;
  const usedExternals = new Uint8Array(sizes.externals);
  let distinctExternals = 0;
  const chosen: number[] = [];
  const groupKey = n;
  const externalKey = n + sizes.groups;
  const levelOfUserGrant = (): Level => {
    const r = rng();
    return r < 0.4 ? 'business' : r < 0.75 ? 'team' : 'personal';
  };
  for (let o = 0; o < n; o++) {
    const count = perOwner[o] as number;
    if (count === 0) continue;
    const owner = people[o] as Person;
    const team = leafMembers[leafOf[o] as number] as number[];
    chosen.length = 0;
    for (let k = 0; k < count; k++) {
      const r = rng();
      let key = -1;
      if (r < 0.15 && sizes.externals > 0) {
        let e = nextExternal < sizes.externals ? nextExternal++ : int(sizes.externals);
        for (let tries = 0; chosen.includes(externalKey + e) && tries < 20; tries++) e = int(sizes.externals);
        if (!chosen.includes(externalKey + e)) key = externalKey + e;
      } else if (r < 0.2) {
        const g = rng();
        const level = g < 0.85 ? 3 : g < 0.98 ? 2 : 1;
        const offset = sizesByLevel.slice(0, level).reduce((a, b) => a + b, 0);
        const candidate = groupKey + offset + int(sizesByLevel[level] as number);
        if (!chosen.includes(candidate)) key = candidate;
      }
      while (key < 0) {
        const candidate = rng() < 0.6 && team.length > 1 ? (team[int(team.length)] as number) : int(n);
        if (candidate !== o && !chosen.includes(candidate)) key = candidate;
      }
      chosen.push(key);
      const grant: Grant =
        key < groupKey
          ? { owner: { kind: 'user', id: owner.id }, viewer: { kind: 'user', id: (people[key] as Person).id }, level: levelOfUserGrant(), source: 'user' }
          : key < externalKey
            ? { owner: { kind: 'user', id: owner.id }, viewer: { kind: 'group', name: (groups[key - groupKey] as Group).name }, level: levelOfUserGrant(), source: 'user' }
            : {
                owner: { kind: 'user', id: owner.id },
                viewer: { kind: 'external', address: (externals[key - externalKey] as ExternalContactData).address },
                level: levelOfUserGrant(),
                source: 'user',
                name: (externals[key - externalKey] as ExternalContactData).name,
              };
      if (key < groupKey) viewerCounts.user++;
      else if (key < externalKey) viewerCounts.group++;
      else {
        viewerCounts.external++;
        if (usedExternals[key - externalKey] === 0) {
          usedExternals[key - externalKey] = 1;
          distinctExternals++;
        }
      }
      userGrants.push(grant);
    }
  }

  // --- administrators' policy ----------------------------------------------------------------------
  const externalDomains = new Map<string, Level>();
  const cappable = [...domains];
  for (let c = 0; c < sizes.cappedDomains && cappable.length > 0; c++) {
    const [domain] = cappable.splice(int(cappable.length), 1);
    externalDomains.set(domain as string, pick(CAP_LEVELS));
  }
  const fileGrants: Grant[] = [];
  const seenPairs = new Set<string>();
  const addFileGrant = (owner: string | null, viewer: string, level: Level): void => {
    const key = `${owner ?? 'all'}→${viewer}`;
    if (seenPairs.has(key) || fileGrants.length >= sizes.groupGrants) return;
    seenPairs.add(key);
    fileGrants.push({
      owner: owner === null ? { kind: 'all' } : { kind: 'group', name: owner },
      viewer: { kind: 'group', name: viewer },
      level,
      source: 'file',
    });
  };
  const roots = groupNames[0] as string[];
  // A few divisions see each other's business details: lookups on their members walk the whole root.
  for (let r = 0; r < Math.min(3, roots.length); r++) addFileGrant(roots[r] as string, roots[r] as string, 'business');
  // A helpdesk and a reception unit see everyone.
  addFileGrant(null, pick(groupNames[2] as string[]), 'business');
  addFileGrant(null, pick(groupNames[2] as string[]), 'team');
  const levelOfGroupGrant = (): Level => {
    const r = rng();
    return r < 0.3 ? 'business' : r < 0.8 ? 'team' : 'personal';
  };
  for (let tries = 0; fileGrants.length < sizes.groupGrants && tries < sizes.groupGrants * 20; tries++) {
    const ownerLevel = 1 + int(3);
    const owner = pick(groupNames[ownerLevel] as string[]);
    const viewer = rng() < 0.5 ? owner : pick(groupNames[2 + int(2)] as string[]);
    addFileGrant(owner, viewer, levelOfGroupGrant());
  }
  const policy: AdminPolicy = { global: 'public', externalDefault: 'blocked', externalDomains, grants: fileGrants };

  return {
    directory: { people, groups },
    policy,
    userGrants,
    externals,
    groupLevels,
    counts: {
      people: people.length,
      groups: groups.length,
      groupLevels: sizesByLevel,
      userGrants: userGrants.length,
      userGrantViewers: viewerCounts,
      externals: distinctExternals,
      externalDomains: domains.length,
      cappedDomains: externalDomains.size,
      groupGrants: fileGrants.length,
    },
  };
}
