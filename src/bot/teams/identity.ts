import { type Activity, TeamsInfo, type TurnContext } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import type { Identity } from '../../app/privacy-desk';
import type { Logger } from '../../ports/logger/logger.port';

export interface IdentityOptions {
  /** Identify askers from `from.id` outside Teams: only while bot authentication is off. */
  allowLocal: boolean;
  /**
   * The organisation's Entra tenant. When set, Teams activities from any other tenant are refused,
   * and a member's `email` (which a foreign tenant's administrators can set to anything) is trusted
   * as a key; when unset, only the Entra object id and the UPN identify a Teams user.
   */
  homeTenantId?: string | undefined;
}

/** What Teams said of a member: the keys that identify them. */
interface MemberKeys {
  upn?: string;
  email?: string;
  aadObjectId?: string;
}

/**
 * Teams members looked up recently, so that a conversation does not ask Teams for the asker on
 * every message. An entry lasts `ttlMs` (a changed UPN or mail is seen once it expires) and is
 * used only while the activity names the same Entra object id; failed lookups are not kept.
 */
export class MemberCache {
  /** Each entry with the Entra object id the activity itself named when it was looked up. */
  private readonly members: LRUCache<string, { keys: MemberKeys; named: string }>;

  constructor(options: { ttlMs?: number; max?: number } = {}) {
    this.members = new LRUCache<string, { keys: MemberKeys; named: string }>({ max: options.max ?? 20_000, ttl: options.ttlMs ?? 10 * 60_000 });
  }

  get(activity: Partial<Activity>): MemberKeys | undefined {
    const found = this.members.get(memberKey(activity));
    return found && found.named === (activity.from?.aadObjectId ?? '') ? found.keys : undefined;
  }

  set(activity: Partial<Activity>, keys: MemberKeys): void {
    this.members.set(memberKey(activity), { keys, named: activity.from?.aadObjectId ?? '' });
  }
}

const memberKey = (activity: Partial<Activity>): string => `${tenantOf(activity) ?? ''}\u0000${activity.from?.id ?? ''}`;

/** The Entra tenant a Teams activity comes from, when Teams says. */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const data = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const id = typeof data?.tenant?.id === 'string' ? data.tenant.id : activity.conversation?.tenantId;
  return id ? id.toLowerCase() : undefined;
}

/** A Teams activity from another tenant than the organisation's (never true when no tenant is configured). */
export function fromForeignTenant(activity: Partial<Activity>, options: IdentityOptions): boolean {
  if (activity.channelId !== 'msteams' || !options.homeTenantId) return false;
  return tenantOf(activity) !== options.homeTenantId.toLowerCase();
}

/**
 * Who is asking. In Teams the answer comes from Teams itself (Entra object id, UPN, and mail
 * once the tenant is known to be the organisation's); anywhere else only while bot authentication
 * is off (local use), from the activity's `from.id`.
 */
export async function askerIdentity(context: TurnContext, options: IdentityOptions, logger: Logger, cache?: MemberCache): Promise<Identity | undefined> {
  const from = context.activity.from;
  if (!from?.id) return undefined;
  if (context.activity.channelId === 'msteams') {
    if (fromForeignTenant(context.activity, options)) return undefined;
    try {
      let member = cache?.get(context.activity);
      if (!member) {
        const found = await TeamsInfo.getMember(context, from.id);
        member = {
          ...(found.userPrincipalName ? { upn: found.userPrincipalName } : {}),
          ...(found.email ? { email: found.email } : {}),
          ...(found.aadObjectId ? { aadObjectId: found.aadObjectId } : {}),
        };
        cache?.set(context.activity, member);
      }
      const identity: Identity = {};
      if (member.upn) identity.upn = member.upn;
      if (member.email && options.homeTenantId) identity.mail = member.email;
      const aad = member.aadObjectId ?? from.aadObjectId;
      if (aad) identity.aadObjectId = aad;
      return identity;
    } catch (error) {
      logger.warn({ err: errorCode(error), activityId: context.activity.id }, 'teams member lookup failed');
      return from.aadObjectId ? { aadObjectId: from.aadObjectId } : undefined;
    }
  }
  if (!options.allowLocal) return undefined;
  const identity: Identity = { mail: from.id, upn: from.id };
  if (from.aadObjectId) identity.aadObjectId = from.aadObjectId;
  return identity;
}

function errorCode(error: unknown): string {
  const e = error as { statusCode?: number; code?: string; name?: string };
  return String(e.statusCode ?? e.code ?? e.name ?? 'unknown');
}
