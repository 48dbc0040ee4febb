import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Identity } from '../app/privacy-desk';
import type { Logger } from '../ports/logger/logger.port';

/**
 * Who is asking. In Teams the answer comes from Teams itself (UPN, mail, Entra object id);
 * anywhere else only while bot authentication is off (local use), from the activity's `from.id`.
 */
export async function askerIdentity(context: TurnContext, allowLocal: boolean, logger: Logger): Promise<Identity | undefined> {
  const from = context.activity.from;
  if (!from?.id) return undefined;
  if (context.activity.channelId === 'msteams') {
    try {
      const member = await TeamsInfo.getMember(context, from.id);
      const identity: Identity = {};
      if (member.userPrincipalName) identity.upn = member.userPrincipalName;
      if (member.email) identity.mail = member.email;
      const aad = member.aadObjectId ?? from.aadObjectId;
      if (aad) identity.aadObjectId = aad;
      return identity;
    } catch (error) {
      logger.warn({ err: errorCode(error), activityId: context.activity.id }, 'teams member lookup failed');
      return from.aadObjectId ? { aadObjectId: from.aadObjectId } : undefined;
    }
  }
  if (!allowLocal) return undefined;
  const identity: Identity = { mail: from.id, upn: from.id };
  if (from.aadObjectId) identity.aadObjectId = from.aadObjectId;
  return identity;
}

function errorCode(error: unknown): string {
  const e = error as { statusCode?: number; code?: string; name?: string };
  return String(e.statusCode ?? e.code ?? e.name ?? 'unknown');
}
