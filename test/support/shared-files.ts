import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { requireService } from './services';

/**
 * The workspace's shared folder, checked out next to the repository (`../shared`): reference
 * material the tests compare with but the project does not ship — the product's GDPR guide (the
 * seed) and the official Adaptive Cards schema.
 */
export const SHARED_ROOT = resolve(__dirname, '..', '..', '..', 'shared');

/** A file of the shared folder, by its path inside it (`seed/…`, `schemas/…`). */
export const sharedFile = (path: string): string => join(SHARED_ROOT, path);

/** The seed: the product's GDPR guide (German), source of the matrix and the catalogue. */
export const SEED_FILE = sharedFile('seed/000_2dd9cb07f132d5b3.txt');

/** The official Adaptive Cards 1.5 schema. */
export const CARD_SCHEMA_FILE = sharedFile('schemas/adaptive-card-1.5.json');

/** Whether a shared file is there: missing, its tests skip loudly — or fail under CI=true. */
export function requireSharedFile(what: string, path: string, ci: string | undefined = process.env.CI): boolean {
  return requireService(what, existsSync(path), `expected at ${path} (the shared folder next to the repository)`, ci);
}
