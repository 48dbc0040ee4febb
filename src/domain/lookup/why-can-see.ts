import { isAtLeast, levelRank } from '../levels';
import { type FieldId, FIELDS, type FieldDefinition } from '../matrix/fields';
import type { MatrixRow, PermissionMatrix, Side } from '../matrix/matrix';
import type { Effective, PermissionIndex, Reason, Viewer } from '../grants/permission-index';
import { sideOf } from './what-can-see';

export interface ExplainedReason {
  reason: Reason;
  /** The owner could change this grant through the bot (their own grant, not the file's). */
  ownerCanChange: boolean;
}

export interface WhyCanSeeAnswer {
  viewer: Viewer;
  side: Side;
  effective: Effective;
  reasons: ExplainedReason[];
  /** The field asked about: its row on the viewer's side (undefined = not governed there). */
  field?: { definition: FieldDefinition; row?: MatrixRow; allowed: boolean };
  /**
   * The owner's own grant to this viewer when it is lower than the effective level: additive
   * rule (seed 4.3.2.2) — a lower tier cannot take away what a higher one grants.
   */
  ownGrantOverruled?: Reason;
}

/** Why a viewer has the level they have toward the owner, and who could change it. */
export function whyCanSee(
  index: PermissionIndex,
  matrix: PermissionMatrix,
  ownerIndex: number,
  viewer: Viewer,
  fieldId?: FieldId,
): WhyCanSeeAnswer {
  const ownerId = index.directory.person(ownerIndex).id;
  const side = sideOf(viewer);
  const effective = index.effective(ownerIndex, viewer);
  const reasons = effective.reasons.map((reason) => ({
    reason,
    ownerCanChange:
      reason.kind === 'grant' &&
      reason.grant.source === 'user' &&
      reason.grant.owner.kind === 'user' &&
      reason.grant.owner.id === ownerId,
  }));
  const answer: WhyCanSeeAnswer = { viewer, side, effective, reasons };
  // The owner's own user-tier setting: the one they made through the bot, else the one
  // administrators made for them.
  const ownGrants = effective.reasons.filter((r) => r.kind === 'grant' && r.tier === 'user' && r.grant.owner.kind === 'user' && r.grant.owner.id === ownerId);
  const own = ownGrants.find((r) => r.kind === 'grant' && r.grant.source === 'user') ?? ownGrants[0];
  if (own && levelRank(own.level) < levelRank(effective.level)) answer.ownGrantOverruled = own;
  if (fieldId) {
    const row = matrix.row(side, fieldId);
    const field: NonNullable<WhyCanSeeAnswer['field']> = {
      definition: FIELDS[fieldId],
      allowed: row !== undefined && row.minLevel !== null && isAtLeast(effective.level, row.minLevel),
    };
    if (row) field.row = row;
    answer.field = field;
  }
  return answer;
}
