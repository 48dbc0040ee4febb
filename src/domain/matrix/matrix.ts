import { z } from 'zod';
import { ConfigurationError } from '../shared/errors';
import { LEVELS, type Level, levelAt } from '../levels';
import { FIELDS, FIELD_IDS, type FieldDefinition, type FieldId, type FieldKind } from './fields';

/** The two tables of seed 4.3.2.7. */
export const SIDES = ['internal', 'external'] as const;
export type Side = (typeof SIDES)[number];

const cellSchema = z.enum(['visible', 'hidden', 'possible', 'prevented']);
export type Cell = z.infer<typeof cellSchema>;

const cellsSchema = z
  .object(Object.fromEntries(LEVELS.map((level) => [level, cellSchema])) as Record<Level, typeof cellSchema>)
  .strict();

const rowSchema = z
  .object({
    id: z.enum(FIELD_IDS),
    cells: cellsSchema,
  })
  .strict();

/** Shape of a permission-matrix file (`PERMISSION_MATRIX_FILE`, default `data/permission-matrix.json`). */
export const matrixFileSchema = z
  .object({
    $comment: z.string().optional(),
    internal: z.array(rowSchema),
    external: z.array(rowSchema),
  })
  .strict();
export type MatrixFile = z.infer<typeof matrixFileSchema>;

export interface MatrixRow extends FieldDefinition {
  side: Side;
  /** Cell per level, as in the seed. */
  cells: Readonly<Record<Level, Cell>>;
  /** Lowest level at which the detail is visible / the action possible; null if at none. */
  minLevel: Level | null;
}

/** The permission matrix in force: both tables, validated. */
export interface PermissionMatrix {
  readonly internal: readonly MatrixRow[];
  readonly external: readonly MatrixRow[];
  /** The row for a field on one side; undefined = not governed by levels on that side. */
  row(side: Side, field: FieldId): MatrixRow | undefined;
}

const allowedCell = (kind: FieldKind): Cell => (kind === 'detail' ? 'visible' : 'possible');
const deniedCell = (kind: FieldKind): Cell => (kind === 'detail' ? 'hidden' : 'prevented');

function compileRow(side: Side, raw: MatrixFile['internal'][number]): MatrixRow {
  const def = FIELDS[raw.id];
  const where = `${side} row "${raw.id}"`;
  let minRank: number | null = null;
  LEVELS.forEach((level, rank) => {
    const cell = raw.cells[level];
    if (cell !== allowedCell(def.kind) && cell !== deniedCell(def.kind)) {
      throw new ConfigurationError(
        'MATRIX.CELL_KIND',
        where,
        `"${cell}" at level "${level}" does not fit a ${def.kind} (use "${allowedCell(def.kind)}" or "${deniedCell(def.kind)}")`,
      );
    }
    const allowed = cell === allowedCell(def.kind);
    if (allowed && minRank === null) minRank = rank;
    if (!allowed && minRank !== null) {
      throw new ConfigurationError(
        'MATRIX.NOT_MONOTONE',
        where,
        `not monotone: allowed at "${levelAt(minRank)}" but "${cell}" at the higher level "${level}"`,
      );
    }
  });
  return { ...def, side, cells: raw.cells, minLevel: minRank === null ? null : levelAt(minRank) };
}

function describePath(input: unknown, path: readonly PropertyKey[]): string {
  const [side, index, ...rest] = path;
  if ((side === 'internal' || side === 'external') && typeof index === 'number') {
    const rows = (input as Record<string, unknown>)[side];
    const id = Array.isArray(rows) ? (rows[index] as { id?: unknown } | undefined)?.id : undefined;
    const name = typeof id === 'string' ? `${side} row "${id}"` : `${side} row #${index + 1}`;
    return rest.length > 0 ? `${name}, ${rest.join('.')}` : name;
  }
  return path.length > 0 ? path.join('.') : 'matrix';
}

/**
 * Validates a matrix file: known levels and row ids, cells that fit the row's kind, each row
 * monotone (a higher level never loses what a lower one has — seed 4.3.2.7 is additive), no
 * duplicates. Throws a `ConfigurationError` naming the offending row.
 */
export function compileMatrix(input: unknown): PermissionMatrix {
  const parsed = matrixFileSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigurationError('MATRIX.INVALID', describePath(input, issue?.path ?? []), issue?.message ?? 'invalid');
  }
  const compileSide = (side: Side): MatrixRow[] => {
    const seen = new Set<FieldId>();
    return parsed.data[side].map((raw) => {
      if (seen.has(raw.id)) throw new ConfigurationError('MATRIX.DUPLICATE_ROW', `${side} row "${raw.id}"`, 'listed twice');
      seen.add(raw.id);
      return compileRow(side, raw);
    });
  };
  const internal = compileSide('internal');
  const external = compileSide('external');
  const bySide: Record<Side, Map<FieldId, MatrixRow>> = {
    internal: new Map(internal.map((r) => [r.id, r])),
    external: new Map(external.map((r) => [r.id, r])),
  };
  return { internal, external, row: (side, field) => bySide[side].get(field) };
}
