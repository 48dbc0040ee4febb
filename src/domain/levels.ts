import { z } from 'zod';

/** Permission levels of seed 4.3.2.7, lowest first (docs/glossary.md ids). */
export const LEVELS = ['blocked', 'public', 'business', 'team', 'personal'] as const;
export type Level = (typeof LEVELS)[number];

export const levelSchema = z.enum(LEVELS);

/** Rank of a level: 0 for `blocked` … 4 for `personal`. */
export function levelRank(level: Level): number {
  switch (level) {
    case 'blocked':
      return 0;
    case 'public':
      return 1;
    case 'business':
      return 2;
    case 'team':
      return 3;
    case 'personal':
      return 4;
  }
}

export function levelAt(rank: number): Level {
  const level = LEVELS[rank];
  if (level === undefined) throw new RangeError(`no level at rank ${rank}`);
  return level;
}

/** The higher of two levels — the permission system is additive (seed 4.3.2.2, 4.3.2.7). */
export function maxLevel(a: Level, b: Level): Level {
  return levelRank(a) >= levelRank(b) ? a : b;
}

export function minLevel(a: Level, b: Level): Level {
  return levelRank(a) <= levelRank(b) ? a : b;
}

export function isAtLeast(level: Level, threshold: Level): boolean {
  return levelRank(level) >= levelRank(threshold);
}

/** Tiers at which levels are granted (seed 4.3.2.7), highest first. */
export const TIERS = ['global', 'group', 'user'] as const;
export type Tier = (typeof TIERS)[number];
