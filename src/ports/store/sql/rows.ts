import type { z } from 'zod';
import { PrivacyDeskError } from '../../../domain/shared/errors';

/** Thrown when a row read back from the database does not have the shape the code expects. */
export class CorruptRowError extends PrivacyDeskError {
  override name = 'CorruptRowError';
  constructor(table: string, cause: unknown) {
    super('STORE.CORRUPT_ROW', `a row of ${table} is not valid`, { cause });
  }
}

/** Validates a row read back from the database (zod at every edge). */
export function parseRow<T>(schema: z.ZodType<T>, raw: unknown, table: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new CorruptRowError(table, parsed.error);
  return parsed.data;
}

/** Parses a JSON column; text that is no JSON is a corrupt row like any other. */
export function parseJson(text: string, table: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CorruptRowError(table, error);
  }
}

/** A count as a number: PostgreSQL returns `COUNT(*)` as a string (bigint), SQLite as a number. */
export const countOf = (value: string | number | bigint | undefined): number => Number(value ?? 0);
