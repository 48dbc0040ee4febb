import { isAtLeast } from '../levels';
import { FIELD_IDS, FIELDS, type FieldDefinition } from '../matrix/fields';
import type { MatrixRow, PermissionMatrix, Side } from '../matrix/matrix';
import type { Effective, PermissionIndex, Viewer } from '../grants/permission-index';

export interface RowVerdict {
  row: MatrixRow;
  /** Visible (detail) or possible (action) at the viewer's level. */
  allowed: boolean;
}

export interface WhatCanSeeAnswer {
  viewer: Viewer;
  side: Side;
  effective: Effective;
  rows: RowVerdict[];
  /** Details the matrix does not govern on this side (docs/glossary.md, "Not governed by levels": say so, don't invent a rule). */
  notGoverned: FieldDefinition[];
}

export const sideOf = (viewer: Viewer): Side => (viewer.kind === 'person' ? 'internal' : 'external');

/** What a viewer can see of the owner and do on their behalf, row by row. */
export function whatCanSee(
  index: PermissionIndex,
  matrix: PermissionMatrix,
  ownerIndex: number,
  viewer: Viewer,
): WhatCanSeeAnswer {
  const side = sideOf(viewer);
  const effective = index.effective(ownerIndex, viewer);
  const rows = matrix[side].map((row) => ({
    row,
    allowed: row.minLevel !== null && isAtLeast(effective.level, row.minLevel),
  }));
  const notGoverned = FIELD_IDS.filter((id) => !matrix.row(side, id)).map((id) => FIELDS[id]);
  return { viewer, side, effective, rows, notGoverned };
}
