import type { Level } from '../../domain/levels';
import type { RequestType } from './intent';
import type { Concept } from './lexicon';

/** The words for each request type. */
export const REQUEST_CONCEPTS: [Concept, RequestType][] = [
  ['R_ACCESS', 'access'],
  ['R_COPY', 'access'],
  ['R_ERASURE', 'erasure'],
  ['R_RECTIFY', 'rectification'],
  ['R_RESTRICT', 'restriction'],
  ['R_OBJECT', 'objection'],
];

/** The words for each level. */
export const LEVEL_CONCEPTS: [Concept, Level][] = [
  ['L_BLOCKED', 'blocked'],
  ['L_PUBLIC', 'public'],
  ['L_BUSINESS', 'business'],
  ['L_TEAM', 'team'],
  ['L_PERSONAL', 'personal'],
];
