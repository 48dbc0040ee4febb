import type { RenderedCard } from '../cards/answer.card';
import { type RetentionAction, overdueCasesCard, purgeConfirmCard, retentionNoticeCard, retentionSummaryCard } from '../cards/retention-summary.card';
import { noticeCard } from '../cards/simple.card';
import type { Locale } from '../i18n/locale';
import { messages } from '../i18n/messages';
import { type Handler, type HandlerServices, nameOf, textsFor } from './turn';

const isAdmin = (services: HandlerServices, id: string | undefined): boolean => id !== undefined && services.admins?.includes(id) === true;
const isDpo = (services: HandlerServices, id: string | undefined): boolean => id !== undefined && services.requests?.isDpo(id) === true;

/**
 * A button on a retention card, for whoever pressed it: the summary again (administrators and DPOs),
 * the purge — asked first, then started in the background (administrators), the overdue cases by
 * number, type and due date (DPOs; the card is the presser's own, never redrawn for the channel).
 */
export async function retentionActionHandler(input: { action: RetentionAction; actor: string | undefined; locale: Locale }, services: HandlerServices): Promise<RenderedCard> {
  const t = messages(input.locale);
  const retention = services.retention;
  const admin = isAdmin(services, input.actor);
  const dpo = isDpo(services, input.actor);
  if (!retention || (!admin && !dpo)) return retentionNoticeCard(t, [t.retentionNoSummaryHere], false);
  switch (input.action) {
    case 'summary':
      return retentionSummaryCard(t, await retention.summary(), retention.timeZone, { buttons: true });
    case 'purge': {
      if (!admin) return retentionNoticeCard(t, [t.retentionAdminsOnly]);
      const summary = await retention.summary();
      const due = summary.needsAction.reduce((sum, a) => sum + (a.kind === 'purgeDue' ? a.count : 0), 0);
      return due > 0 ? purgeConfirmCard(t, due) : retentionNoticeCard(t, [t.retentionNothingNeeded]);
    }
    case 'confirmPurge': {
      if (!admin || input.actor === undefined) return retentionNoticeCard(t, [t.retentionAdminsOnly]);
      const started = retention.purgeNow(input.actor);
      return retentionNoticeCard(t, [started === 'started' ? t.retentionPurgeStarted(nameOf(services.desk, input.actor)) : t.retentionPurgeRunning]);
    }
    case 'overdue': {
      const requests = services.requests;
      if (!dpo || !requests) return retentionNoticeCard(t, [t.retentionDposOnly]);
      const overdue = (await requests.openCases())
        .filter((c) => c.status !== 'moreInfoNeeded' && requests.daysLeft(c) < 0)
        .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number.localeCompare(b.number)))
        .map((c) => ({ number: c.number, type: t.requestType(c.type), due: c.dueDate, days: -requests.daysLeft(c) }));
      return overdueCasesCard(t, overdue);
    }
  }
}

/**
 * "post retention summaries here" where it cannot be done: the bot answers it itself in a channel
 * (it needs the channel); anywhere else it says where to say it — or that only administrators may.
 */
export const adminChannelHandler: Handler = async (turn, services) => {
  const t = textsFor(turn);
  const asker = turn.asker === undefined ? undefined : services.desk.person(turn.asker).id;
  if (!isAdmin(services, asker)) return noticeCard(t.adminChannelTitle, [t.adminChannelAdminsOnly]);
  return noticeCard(t.adminChannelTitle, [t.adminChannelOnlyInChannel]);
};
