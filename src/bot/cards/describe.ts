import type { Reason } from '../../domain/grants/permission-index';
import { type OwnerScope, type ViewerScope, viewerKey } from '../../domain/grants/scope';
import { FIELDS, type FieldId } from '../../domain/matrix/fields';
import type { PrivacyDesk } from '../../app/privacy-desk';
import type { Target } from '../../app/resolution';
import type { Messages } from '../i18n/messages';

/** What card builders need to put names and reasons into words. */
export interface DescribeContext {
  t: Messages;
  desk: PrivacyDesk;
  /** Directory index of the asker. */
  asker: number;
}

export function fieldLabel(t: Messages, field: FieldId): string {
  const def = FIELDS[field];
  return t.locale === 'de' ? def.de : def.en;
}

/** The detail as a noun for headings and sentences. */
export function fieldTopic(t: Messages, field: FieldId): string {
  const topic = FIELDS[field].topic;
  return t.locale === 'de' ? topic.de : topic.en;
}

export function personName(ctx: DescribeContext, index: number): string {
  return ctx.desk.person(index).displayName;
}

/** A name for a colleague by id, falling back to the id when the directory no longer has them. */
export function nameOfId(ctx: DescribeContext, id: string): string {
  const index = ctx.desk.directory.indexOf(id);
  return index === undefined ? id : personName(ctx, index);
}

export function targetName(ctx: DescribeContext, target: Target): string {
  switch (target.kind) {
    case 'person':
      return personName(ctx, target.index);
    case 'external':
      return externalName(target.address, target.name);
    case 'group':
      return ctx.t.scopeGroup(ctx.desk.directory.groups[target.index]?.name ?? '?');
  }
}

/** A value that identifies a target unambiguously when a button sends it back. */
export function targetKey(ctx: DescribeContext, target: Target): string {
  const scope = ctx.desk.scopeOf(target);
  return scope ? viewerKey(scope) : '';
}

/** A grant's viewer in words; `name` is the name the grant gives an external contact. */
export function viewerScopeText(ctx: DescribeContext, scope: ViewerScope, name?: string): string {
  switch (scope.kind) {
    case 'all':
      return ctx.t.scopeAll;
    case 'group':
      return ctx.t.scopeGroup(scope.name);
    case 'user':
      return nameOfId(ctx, scope.id);
    case 'external':
      return externalName(scope.address, name);
  }
}

function ownerScopeText(ctx: DescribeContext, scope: OwnerScope): string {
  switch (scope.kind) {
    case 'all':
      return ctx.t.scopeAllData;
    case 'group':
      return ctx.t.scopeGroupData(scope.name);
    case 'user':
      return scope.id === ctx.desk.person(ctx.asker).id ? ctx.t.scopeYourData : nameOfId(ctx, scope.id);
  }
}

/** One reason in words, naming the tier that set it (seed 4.3.2.7). */
export function reasonText(ctx: DescribeContext, reason: Reason): string {
  const { t } = ctx;
  switch (reason.kind) {
    case 'global':
      return t.reasonGlobal(reason.level);
    case 'externalDefault':
      return t.reasonExternalDefault(reason.level);
    case 'grant': {
      const grant = reason.grant;
      switch (reason.tier) {
        case 'global':
          return t.reasonSystemGrant(reason.level);
        case 'group':
          return t.reasonGroupGrant(reason.level, ownerScopeText(ctx, grant.owner), viewerScopeText(ctx, grant.viewer, grant.name));
        case 'user': {
          const ownerId = grant.owner.kind === 'user' ? grant.owner.id : '';
          const mine = ownerId === ctx.desk.person(ctx.asker).id;
          // Name the viewer where it is a group or everyone, so two own grants can be told apart.
          const to = grant.viewer.kind === 'group' || grant.viewer.kind === 'all' ? viewerScopeText(ctx, grant.viewer) : undefined;
          return mine ? t.reasonOwnGrant(reason.level, to) : t.reasonUserGrant(reason.level, nameOfId(ctx, ownerId));
        }
      }
    }
  }
}

/**
 * Text a user typed, made inert for a card: Adaptive Cards render markdown, so a typed
 * "[link](https://…)" or "**" must not become a link or bold. The few markdown characters are
 * replaced by look-alikes, which every client shows as typed.
 */
export function plain(text: string): string {
  const LOOK_ALIKES: Record<string, string> = { '[': '［', ']': '］', '*': '∗', _: '＿', '`': 'ˋ' };
  return text.replace(/[[\]*_`]/g, (c) => LOOK_ALIKES[c] ?? c);
}

/** An external contact in words: "Eve Evans (eve@partner.example)", or the bare address. */
export function externalName(address: string, name?: string): string {
  return name ? `${name} (${address})` : address;
}

/** "A, B and 3 more" */
export function namesList(t: Messages, names: string[], total: number): string {
  const rest = total - names.length;
  return t.list(rest > 0 ? [...names, t.andMore(rest)] : names);
}
