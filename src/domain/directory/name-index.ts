import { editDistance, tolerance, words } from '../shared/text';

export type NameMatch =
  | { kind: 'unique'; index: number }
  | { kind: 'ambiguous'; indexes: number[] }
  | { kind: 'none' };

export interface NameEntry {
  /** Names the entry is known by (display name, given + surname, …). */
  names: readonly string[];
  /** Addresses (mail, UPN) matched exactly, case-insensitively. */
  addresses: readonly string[];
}

/**
 * Finds entries by address, full name, whole words, word prefixes or — failing those — words within a small
 * edit distance, so "Erika", "erika musterfrau", "Musterfr" and "Eirka" all find Erika Musterfrau.
 */
export class NameIndex {
  private readonly byAddress = new Map<string, number>();
  private readonly byFullName = new Map<string, number[]>();
  private readonly tokens: string[];
  private readonly postings = new Map<string, number[]>();

  constructor(entries: readonly NameEntry[]) {
    entries.forEach((entry, index) => {
      for (const address of entry.addresses) this.byAddress.set(address.toLowerCase(), index);
      for (const name of entry.names) {
        const full = words(name).join(' ');
        if (full === '') continue;
        pushUnique(this.byFullName, full, index);
        for (const token of words(name)) pushUnique(this.postings, token, index);
      }
    });
    this.tokens = [...this.postings.keys()].sort();
  }

  search(query: string, limit = 10): NameMatch {
    const trimmed = query.trim();
    if (trimmed.includes('@')) {
      const hit = this.byAddress.get(trimmed.toLowerCase());
      return hit === undefined ? { kind: 'none' } : { kind: 'unique', index: hit };
    }
    const queryWords = words(trimmed);
    if (queryWords.length === 0) return { kind: 'none' };
    const exact = this.byFullName.get(queryWords.join(' '));
    if (exact) return toMatch(exact, limit);
    // Whole words before word beginnings: "Wei" is Wei Zhang, not also Jürgen Weiß.
    const byWord = this.intersect(queryWords.map((w) => new Set(this.postings.get(w) ?? [])));
    if (byWord.length > 0) return toMatch(byWord, limit);
    const byPrefix = this.intersect(queryWords.map((w) => this.prefixHits(w)));
    if (byPrefix.length > 0) return toMatch(byPrefix, limit);
    const byFuzzy = this.intersect(queryWords.map((w) => this.fuzzyHits(w)));
    return toMatch(byFuzzy, limit);
  }

  private prefixHits(word: string): Set<number> {
    const hits = new Set<number>();
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.tokens[mid] as string) < word) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.tokens.length; i++) {
      const token = this.tokens[i] as string;
      if (!token.startsWith(word)) break;
      for (const index of this.postings.get(token) ?? []) hits.add(index);
    }
    return hits;
  }

  private fuzzyHits(word: string): Set<number> {
    const hits = new Set<number>();
    const allowed = tolerance(word.length);
    if (allowed === 0) return hits;
    for (const token of this.tokens) {
      if (Math.abs(token.length - word.length) > allowed) continue;
      if (editDistance(token, word, allowed) <= allowed) for (const index of this.postings.get(token) ?? []) hits.add(index);
    }
    return hits;
  }

  private intersect(sets: Set<number>[]): number[] {
    const [first, ...rest] = sets;
    if (!first) return [];
    return [...first].filter((index) => rest.every((s) => s.has(index))).sort((a, b) => a - b);
  }
}

function pushUnique(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [index]);
  else if (list[list.length - 1] !== index) list.push(index);
}

function toMatch(indexes: readonly number[], limit: number): NameMatch {
  if (indexes.length === 0) return { kind: 'none' };
  if (indexes.length === 1) return { kind: 'unique', index: indexes[0] as number };
  return { kind: 'ambiguous', indexes: indexes.slice(0, limit) };
}

