import { randomUUID } from 'node:crypto';
import type { RequestDesk } from '../../app/requests/request-desk';
import { type PrivacyRequest, type RequestSubject, isOpen } from '../../domain/requests/request';
import type { NewRequest } from '../../domain/requests/workflow';
import type { RenderedCard } from '../cards/answer.card';
import { noticeCard } from '../cards/simple.card';
import { renderAnswer } from '../cards/answer.card';
import { intakeFormCard } from '../cards/intake-form.card';
import { checkIntakeForm } from '../cards/request-form';
import type { RequestTextContext } from '../cards/request-view';
import { myRequestsCard, openCasesCard } from '../cards/request.card';
import { presentCase } from '../cards/case-presenter';
import { showDate } from '../cards/request-view';
import { startOfDay } from '../../domain/requests/deadlines';
import { fieldTopic } from '../cards/describe';
import { CATALOGUE_ITEMS } from '../../domain/catalogue/catalogue.data';
import { type Handler, type HandlerServices, type Turn, requestContext, textsFor } from './turn';
import type { Person } from '../../domain/directory/person';
import type { ParsedMessage } from '../intents/intent';

/** A reply about a case: the card, and the case it shows so that the bot can update it later. */
export type CaseReply = RenderedCard & { caseId?: string };

const unavailable = (turn: Turn): RenderedCard => noticeCard(textsFor(turn).requestsTitle, [textsFor(turn).requestStatusNotYet]);

/**
 * "Please delete my data", "start access request for Erika Musterfrau": a request about the asker
 * is taken in at once; one about somebody else (or a rectification) opens the intake form.
 */
export const startRequestHandler: Handler = async (turn, services) => {
  const requests = services.requests;
  if (!requests) return unavailable(turn);
  const asker = askerId(turn, services);
  if (asker === undefined) return noticeCard(textsFor(turn).requestsTitle, [turn.unidentified === 'directory' ? textsFor(turn).notInDirectory : textsFor(turn).unidentified]);
  const ctx = requestContext(turn.locale, services.desk, requests);
  const type = turn.parsed.requestType ?? 'access';
  // Only a request that says whose it is ("my data", "for me") is the asker's own; "a customer wants
  // information" is somebody else's, and a bare "Auskunft beantragen" is asked about. A mail address
  // or phone number that is not the asker's names somebody else too.
  const contact = turn.parsed.contact ?? {};
  const self = turn.parsed.subject === 'me' && turn.parsed.relayed !== true && isOwnContact(services.desk.person(turn.asker as number), contact);
  if (!self || type === 'rectification') {
    const item = itemLabel(turn);
    const subject = turn.parsed.subject === 'me' && !self ? undefined : turn.parsed.subject;
    const criteria = self ? {} : { ...(subject === undefined ? {} : guessCriteria(subject, services)), ...contact };
    const newValue = turn.parsed.newValue;
    const whoseUnsaid = subject === undefined && turn.parsed.relayed !== true && turn.parsed.subject !== 'me';
    const values = {
      type,
      self,
      criteria,
      ...(item ? { item } : {}),
      ...(newValue ? { newValue } : {}),
      ...(turn.parsed.via ? { channel: turn.parsed.via } : {}),
      // The message as typed goes with the case, where the DPO sees it (and can tell a misreading).
      ...(turn.text && !self ? { note: turn.text } : {}),
      ...(whoseUnsaid ? { askWhose: true } : {}),
    };
    return intakeFormCard(ctx, values, randomUUID(), requests.today());
  }
  // Asked again while the same request is open: the open case is the answer, not a second one.
  const open = (await requests.mine(asker)).find((c) => isOpen(c.status) && c.type === type && c.subject.kind === 'employee' && c.subject.id === asker);
  if (open) {
    const card = await presentCase(ctx, requests, open, asker, { notices: [ctx.rt.alreadyOpen(ctx.t.requestType(type), open.number)] });
    return { ...card, caseId: open.id };
  }
  // Erasing cannot be undone once carried out: asked once more before it is filed.
  if (type === 'erasure') {
    if (turn.cancelled) return noticeCard(ctx.rt.erasureConfirmTitle, [ctx.rt.erasureCancelled]);
    if (!turn.confirmed) return erasureConfirmCard(ctx, turn.text);
  }
  const person = services.desk.person(turn.asker as number);
  const input: NewRequest = {
    type,
    subject: { kind: 'employee', id: person.id, name: person.displayName },
    requester: asker,
    channel: 'teams',
    receivedAt: requests.now().toISOString(),
    // What the asker wrote, so that the DPO sees the request as it was made, not only as it was read.
    ...(turn.text ? { note: turn.text } : {}),
  };
  // A confirmation is keyed by its own id and the asker: pressed twice, or copied to somebody else, it files one case of the presser's.
  const sourceKey = turn.confirmToken ? `confirm:${asker}:${turn.confirmToken}` : (turn.sourceKey ?? `chat:${randomUUID()}`);
  return intake(ctx, requests, input, sourceKey, asker, false);
};

/** "Delete your data?" — what erasure means, with Yes (filing it) and No. */
function erasureConfirmCard(ctx: RequestTextContext, words: string | undefined): RenderedCard {
  const request = { verb: 'run', intent: 'startRequest', requestType: 'erasure', subject: 'me', ...(words ? { words: words.slice(0, 500) } : {}) } as const;
  return renderAnswer({
    title: ctx.rt.erasureConfirmTitle,
    intro: [ctx.rt.erasureConfirmWhat, ctx.rt.erasureConfirmFinal, ctx.rt.erasureConfirmAsk],
    actions: [
      { title: ctx.rt.erasureConfirmYes, data: { ...request, confirmed: true, token: randomUUID() } },
      { title: ctx.rt.erasureConfirmNo, data: { ...request, cancelled: true } },
    ],
  });
}

/** A submitted intake form: checked, and either taken in or shown again with what is wrong. */
export const submitFormHandler: Handler = async (turn, services) => {
  const requests = services.requests;
  const form = turn.form;
  if (!requests || !form) return unavailable(turn);
  const asker = askerId(turn, services);
  if (asker === undefined) return noticeCard(textsFor(turn).requestsTitle, [textsFor(turn).unidentified]);
  const ctx = requestContext(turn.locale, services.desk, requests);
  const today = requests.today();
  const checked = checkIntakeForm(form, today, ctx.rt);
  if (!checked.ok) return intakeFormCard(ctx, checked.values, form.token, today, checked.problems);
  const person = services.desk.person(turn.asker as number);
  const subject: RequestSubject = checked.values.self ? { kind: 'employee', id: person.id, name: person.displayName } : { kind: 'outside', criteria: checked.criteria };
  const values = checked.values;
  const input: NewRequest = {
    type: values.type,
    subject,
    requester: asker,
    channel: values.self ? 'teams' : (form.channel ?? 'letter'),
    // Art. 12(3): the clock starts on receipt; a letter received earlier keeps its date.
    // (Counted from the start of that day in the organisation's zone: the day is what counts.)
    receivedAt: values.self || values.receivedOn === today ? requests.now().toISOString() : startOfDay(values.receivedOn as string, requests.timeZone).toISOString(),
  };
  if (values.type === 'rectification' && values.item) input.rectification = { item: values.item, ...(values.newValue ? { newValue: values.newValue } : {}) };
  if (values.note) input.note = values.note;
  // The token is the form's, the asker is Teams': a form copied to somebody else makes a case of theirs.
  return intake(ctx, requests, input, `form:${asker}:${form.token}`, asker, !values.self);
};

async function intake(ctx: RequestTextContext, requests: RequestDesk, input: NewRequest, sourceKey: string, asker: string, relayed: boolean): Promise<CaseReply> {
  const { request, created, duplicates } = await requests.submit(input, sourceKey);
  const due = showDate(ctx, request.dueDate);
  const type = ctx.t.requestType(request.type);
  const notices = created ? [] : [ctx.rt.sameAgain(request.number)];
  const intro = [relayed ? ctx.rt.relayed(type, due) : ctx.rt.acknowledged(type, due)];
  if (requests.roster.dpos.length === 0 && requests.roster.deputy === undefined) intro.push(ctx.rt.noDpo);
  // A DPO's own request when no other DPO or deputy is configured: nobody may decide it (Art. 38(6)).
  else if (requests.assigneesFor(request).length === 0) intro.push(ctx.rt.noOtherDpo);
  // Only cases the asker may see anyway: nobody learns from a relayed form who else has asked.
  const visible = duplicates.filter((d) => requests.maySee(d, asker));
  if (visible.length > 0) intro.push(ctx.rt.duplicateNote(visible.map((d) => d.number).join(', ')));
  const card = await presentCase(ctx, requests, request, asker, { title: ctx.rt.intakeTitle(request.number), notices, intro });
  return { ...card, caseId: request.id };
}

/**
 * "What is the status of my request?": the asker's own cases; for a DPO every open case (their
 * worklist). "Show DSR-2026-0042": that case's card, to whom may see it — to anybody else it does
 * not exist, so that nobody learns which numbers are taken.
 */
export const requestStatusHandler: Handler = async (turn, services) => {
  const requests = services.requests;
  if (!requests) return unavailable(turn);
  const asker = askerId(turn, services);
  if (asker === undefined) return noticeCard(textsFor(turn).requestsTitle, [textsFor(turn).unidentified]);
  const ctx = requestContext(turn.locale, services.desk, requests);
  if (turn.parsed.caseNumber !== undefined) {
    const request = await requests.get(turn.parsed.caseNumber);
    if (!request || !requests.maySee(request, asker)) return noticeCard(textsFor(turn).requestsTitle, [ctx.rt.notFound]);
    return { ...(await presentCase(ctx, requests, request, asker)), caseId: request.id };
  }
  const own = await requests.mine(asker);
  if (requests.isDpo(asker)) return openCasesCard(ctx, await requests.openCases(), own, (c) => requests.daysLeft(c));
  return myRequestsCard(ctx, own, (c) => requests.may(c, 'withdraw', asker));
};

const askerId = (turn: Turn, services: HandlerServices): string | undefined => (turn.asker === undefined ? undefined : services.desk.person(turn.asker).id);

/**
 * Prefills the form from a name as written: a colleague's directory entry gives the name's
 * spelling; otherwise the last word is taken as the last name.
 */
function guessCriteria(name: string, services: HandlerServices): Record<string, string> {
  const found = services.desk.directory.searchPeople(name);
  if (found.kind === 'unique') {
    // Only the name as the directory spells it: an outside namesake must not get a colleague's mail.
    const person = services.desk.person(found.index);
    return { ...(person.givenName ? { firstName: person.givenName } : {}), ...(person.surname ? { lastName: person.surname } : { lastName: person.displayName }) };
  }
  const words = name.trim().split(/\s+/);
  const lastName = words.pop() ?? '';
  return { ...(words.length > 0 ? { firstName: words.join(' ') } : {}), ...(lastName ? { lastName } : {}) };
}

/**
 * Whether the mail address and phone number a message gives (if any) are the asker's own, as the
 * directory knows them: "delete my data, hans.meier@web.example" is somebody else's.
 */
function isOwnContact(person: Person, contact: NonNullable<ParsedMessage['contact']>): boolean {
  if (contact.email !== undefined) {
    const own = [person.mail, person.upn, ...(person.attributes['F.2.1'] ?? []), ...(person.attributes['F.2.2'] ?? []), ...(person.attributes['F.2.3'] ?? [])];
    if (!own.some((mail) => mail?.toLowerCase() === contact.email?.toLowerCase())) return false;
  }
  if (contact.phone !== undefined) {
    // The last nine digits: "0171 2222222" and "+49 171 2222222" are one number.
    const tail = (phone: string): string => phone.replace(/\D/g, '').slice(-9);
    const phones = Object.entries(person.attributes).filter(([item]) => item.startsWith('F.13.')).flatMap(([, values]) => values);
    if (!phones.some((phone) => tail(phone) === tail(contact.phone as string))) return false;
  }
  return true;
}

/** "Correct my mobile number": the detail named, as the reader calls it, to prefill the form. */
function itemLabel(turn: Turn): string | undefined {
  if (turn.parsed.field) return fieldTopic(textsFor(turn), turn.parsed.field);
  const item = turn.parsed.item ? CATALOGUE_ITEMS.find((i) => i.id === turn.parsed.item) : undefined;
  return item ? `${item[turn.locale]} (${item.id})` : undefined;
}

/**
 * A message the bot did not understand from somebody whose request waits for their answer: most
 * likely the answer, typed. It is not taken as one (a typo would restart the clock on nothing), but
 * the question comes back with its answer button. Undefined when nothing waits.
 */
export async function waitingQuestion(turn: Turn, services: HandlerServices): Promise<RenderedCard | undefined> {
  const requests = services.requests;
  const asker = askerId(turn, services);
  if (!requests || asker === undefined || turn.shared) return undefined;
  const mine = await requests.mine(asker);
  const waiting = mine.filter((c) => c.status === 'moreInfoNeeded' && c.requester === asker);
  if (waiting.length === 0) return undefined;
  const ctx = requestContext(turn.locale, services.desk, requests);
  return myRequestsCard(ctx, mine, (c) => requests.may(c, 'withdraw', asker), [ctx.rt.answerWithButton((waiting[0] as PrivacyRequest).number)]);
}
