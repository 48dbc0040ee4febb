import { existsSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import type { RenderedCard } from '../../../../src/bot/cards/answer.card';
import { inputDefaults } from '../../../../src/bot/cards/card-text';
import { plain } from '../../../../src/bot/cards/describe';
import { type IntakeFormValues, intakeFormCard } from '../../../../src/bot/cards/intake-form.card';
import { type CaseCardOptions, type CaseViewer, caseCard, myRequestsCard, openCasesCard } from '../../../../src/bot/cards/request.card';
import { intakeFormSchema } from '../../../../src/bot/cards/request-form';
import { type RequestTextContext, showDate, showInstant } from '../../../../src/bot/cards/request-view';
import { caseActionSchema } from '../../../../src/bot/handlers/case.handlers';
import { LOCALES, type Locale } from '../../../../src/bot/i18n/locale';
import { messages, requestTexts } from '../../../../src/bot/i18n/messages';
import { daysLeft } from '../../../../src/domain/requests/deadlines';
import { FIELDS } from '../../../../src/domain/matrix/fields';
import { CATALOGUE_ITEMS } from '../../../../src/domain/catalogue/catalogue.data';
import {
  CRITERIA_KEYS,
  IDENTITY_METHODS,
  type PrivacyRequest,
  REQUEST_STATUSES,
  type RequestStatus,
  type RequestSubject,
  isOpen,
} from '../../../../src/domain/requests/request';
import { type Actor, type CommandAction, type NewRequest, type RequestCommand, applyCommand, mayAct, openRequest } from '../../../../src/domain/requests/workflow';
import { serviceGate } from '../../../support/services';
import { CARD_SCHEMA_FILE as SCHEMA_FILE } from '../../../support/shared-files';
import { compileCardSchema } from '../../../support/card-schema';

// ---------------------------------------------------------------------------------------------
// Schema gate (as in card-schema.spec.ts): skip loudly without the schema file, fail under CI=true.

const gate = serviceGate(existsSync(SCHEMA_FILE), process.env.CI);

const compileSchema = compileCardSchema;

if (gate === 'skip') {
  console.warn(
    [
      '',
      '**********************************************************************',
      `* SKIPPED: request cards' Adaptive Card schema validation — ${SCHEMA_FILE} not found.`,
      '* Request cards were NOT checked against the Adaptive Cards 1.5 schema.',
      '* (Under CI=true this is a failure.)',
      '**********************************************************************',
      '',
    ].join('\n'),
  );
}

let validator: ValidateFunction | undefined;
/** Schema errors of `card` ([] when valid, or when the gate skips); under a failing gate, throws. */
function schemaErrors(card: unknown): unknown[] {
  if (gate === 'fail') throw new Error(`${SCHEMA_FILE} is missing: under CI=true the cards must be validated against the Adaptive Cards 1.5 schema.`);
  if (gate === 'skip') return [];
  validator ??= compileSchema();
  return validator(card) ? [] : [...(validator.errors ?? [])];
}

// ---------------------------------------------------------------------------------------------
// Card walking

type Json = Record<string, unknown>;
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/** `path = value` for every string that still holds a `${…}` expression of the card template. */
function unexpanded(node: unknown, path = ''): string[] {
  if (typeof node === 'string') return /\$\{/.test(node) ? [`${path} = ${JSON.stringify(node)}`] : [];
  if (Array.isArray(node)) return node.flatMap((item, i) => unexpanded(item, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => unexpanded(value, path ? `${path}.${key}` : key));
}

/** Every object of the card with `type` among `types`, wherever it stands (refresh excluded unless asked). */
function elements(node: unknown, types: string[], withRefresh = false): Json[] {
  if (Array.isArray(node)) return node.flatMap((n) => elements(n, types, withRefresh));
  if (node === null || typeof node !== 'object') return [];
  const element = node as Json;
  const own = typeof element.type === 'string' && types.includes(element.type) ? [element] : [];
  return [...own, ...Object.entries(element).flatMap(([key, value]) => (key === 'refresh' && !withRefresh ? [] : elements(value, types, withRefresh)))];
}

/** Texts a client renders as markdown: TextBlocks and facts (not input values or choice titles). */
function markdownTexts(card: Json): string[] {
  return [
    ...elements(card.body, ['TextBlock']).map((e) => String(e.text)),
    ...elements(card.body, ['FactSet']).flatMap((e) => list(e.facts).flatMap((f) => [String(f.title), String(f.value)])),
  ];
}

/** The TextBlocks shown in the warning colour. */
const warningTexts = (card: Json): string[] =>
  list(card.body)
    .filter((e) => e.type === 'TextBlock' && e.color === 'Attention')
    .map((e) => String(e.text));

const factValue = (card: Json, title: string): string | undefined =>
  elements(card.body, ['FactSet'])
    .flatMap((e) => list(e.facts))
    .find((f) => f.title === title)?.value as string | undefined;

/** What one input can send: every choice of a choice set; typed text where the field must be filled; the start value otherwise. */
function inputVariants(input: Json): string[] {
  const start = String(input.value ?? '');
  if (input.type === 'Input.ChoiceSet') {
    const choices = list(input.choices).map((c) => String(c.value));
    return input.isRequired === true ? choices : [start, ...choices];
  }
  if (input.isRequired === true) return start === '' ? ['typed text'] : [start, 'typed text'];
  return [start, 'typed text'];
}

function combinations(inputs: Json[]): Record<string, string>[] {
  return inputs.reduce<Record<string, string>[]>(
    (acc, input) => acc.flatMap((partial) => inputVariants(input).map((value) => ({ ...partial, [String(input.id)]: value }))),
    [{}],
  );
}

interface Payload {
  /** Title of the card button that leads to it. */
  button: string;
  type: string;
  verb?: string;
  /** What a client sends: the action's data, the card's inputs merged over it (inputs win, as in Teams). */
  data: Json;
}

/**
 * Every payload the card's buttons can send: top-level submits and executes with the card's
 * inputs at their start values (as Teams sends an untouched form), and every show-card's submit
 * with each combination of its inputs' possible values.
 */
function payloads(card: Json): Payload[] {
  const top = inputDefaults(card);
  return list(card.actions).flatMap((action): Payload[] => {
    if (action.type === 'Action.ShowCard') {
      const inner = action.card as Json;
      const inputs = elements(inner.body, ['Input.Text', 'Input.ChoiceSet', 'Input.Date']);
      return list(inner.actions).flatMap((submit) =>
        combinations(inputs).map((values) => ({
          button: String(action.title),
          type: String(submit.type),
          verb: submit.verb as string | undefined,
          data: { ...top, ...(submit.data as Json), ...values },
        })),
      );
    }
    return [{ button: String(action.title), type: String(action.type), verb: action.verb as string | undefined, data: { ...(action.data as Json), ...top } }];
  });
}

/** What the card lets its viewer do: case actions of its buttons, with the choices of a link/merge form. */
function offeredActions(card: Json): string[] {
  return [...new Set(payloads(card).map((p) => String(p.data.action)))].sort();
}

/** Checks every card must pass, whoever looks. */
function expectWellFormed(rendered: RenderedCard): void {
  const card = rendered.card as Json;
  expect(card.type).toBe('AdaptiveCard');
  expect(card.version).toBe('1.5');
  expect(schemaErrors(card)).toEqual([]);
  expect(unexpanded(card)).toEqual([]);
  // Teams shows at most six top-level buttons (the rest in the overflow menu) and refuses messages over about 28 KB.
  expect(list(card.actions).filter((a) => a.mode !== 'secondary').length).toBeLessThanOrEqual(6);
  expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(28 * 1024);
  for (const execute of elements(card, ['Action.Execute'])) {
    expect(typeof execute.verb).toBe('string');
    expect(String(execute.verb)).not.toBe('');
    expect(execute.fallback).toEqual({ type: 'Action.Submit', title: execute.title, data: execute.data });
  }
  for (const action of elements(card, ['Action.Execute', 'Action.Submit', 'Action.ShowCard'])) expect(String(action.title ?? '').trim()).not.toBe('');
  expect(rendered.text.trim()).not.toBe('');
  expect(card.fallbackText).toBe(rendered.text);
}

/** A case card's buttons all send case actions the handler accepts, naming this case at this version. */
function expectCaseButtons(rendered: RenderedCard, request: PrivacyRequest): void {
  const card = rendered.card as Json;
  for (const payload of payloads(card)) {
    const parsed = caseActionSchema.safeParse(payload.data);
    expect({ payload, ok: parsed.success }).toEqual({ payload, ok: true });
    if (!parsed.success) continue;
    expect(parsed.data.caseId).toBe(request.id);
    expect(parsed.data.version).toBe(request.version);
    if (payload.type === 'Action.Execute' && parsed.data.action !== 'merge') expect(payload.verb).toBe(parsed.data.action);
  }
  const refresh = card.refresh as Json | undefined;
  if (refresh) {
    const action = refresh.action as Json;
    expect(action.type).toBe('Action.Execute');
    expect(action.verb).toBe('refresh');
    const parsed = caseActionSchema.safeParse(action.data);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ action: 'refresh', caseId: request.id, version: request.version });
    expect(list(refresh.userIds).length).toBeGreaterThan(0);
    expect(list(refresh.userIds).length).toBeLessThanOrEqual(60);
  }
}

// ---------------------------------------------------------------------------------------------
// Fixtures: cases built through the workflow

const TZ = 'Europe/Berlin';
const DPO: Actor = { id: 'dora.dpo@corp.example', isDpo: true };
const SECOND_DPO = 'dieter.dpo@corp.example';
const DPOS = [DPO.id, SECOND_DPO];
const REQUESTER = 'anna.requester@corp.example';
const REQUESTER_ACTOR: Actor = { id: REQUESTER, isDpo: false };
const SYSTEM: Actor = { id: 'system', isDpo: false, system: true };

const SUBJECT_ID = 'bob.subject@corp.example';
const EMPLOYEE: RequestSubject = { kind: 'employee', id: SUBJECT_ID, name: 'Bob Subject' };
const OUTSIDE: RequestSubject = { kind: 'outside', criteria: { firstName: 'Erika', lastName: 'Musterfrau', postcodeCity: '80331 München', email: 'erika@mail.example' } };

/** Received on a Saturday morning; due one month later, 2026-02-10. */
const RECEIVED_AT = '2026-01-10T09:00:00Z';
const DUE = '2026-02-10';
/** When the cards are looked at, unless a fixture says otherwise: 21 days left. */
const VIEWED_AT = '2026-01-20T10:00:00Z';
const ASKED_AT = '2026-01-12T10:00:00Z';
const USER_MARKDOWN = '**bold** [x](http://evil) _it_ `code`';

type Step = { command: RequestCommand; by: Actor; at: string };
const step = (command: RequestCommand, by: Actor, at: string): Step => ({ command, by, at });

const ROUTE = step({ action: 'route' }, SYSTEM, '2026-01-10T09:01:00Z');
const ASK = step({ action: 'askInfo', reason: 'Which customer number?' }, DPO, ASKED_AT);
const IDENTIFY = step({ action: 'recordIdentity', method: 'callback', note: 'Called back' }, DPO, '2026-01-11T10:00:00Z');
const APPROVE = step({ action: 'approve' }, DPO, '2026-01-13T10:00:00Z');
const START = step({ action: 'start' }, DPO, '2026-01-14T10:00:00Z');
const COMPLETE = step({ action: 'complete', note: 'Sent the data by letter' }, DPO, '2026-01-15T10:00:00Z');
const REJECT = step({ action: 'reject', reason: 'Manifestly unfounded (Art. 12(5) GDPR)' }, DPO, '2026-01-13T10:00:00Z');
const WITHDRAW = step({ action: 'withdraw', reason: 'Sorted out by phone' }, REQUESTER_ACTOR, '2026-01-13T10:00:00Z');
const MERGE = step({ action: 'merge', into: 'DSR-2026-0099' }, DPO, '2026-01-13T10:00:00Z');

/** The steps that bring a new case into each state. */
const PATH: Record<RequestStatus, Step[]> = {
  received: [],
  awaitingDecision: [ROUTE],
  moreInfoNeeded: [ROUTE, ASK],
  approved: [ROUTE, APPROVE],
  inProgress: [ROUTE, APPROVE, START],
  completed: [ROUTE, APPROVE, START, COMPLETE],
  rejected: [ROUTE, REJECT],
  withdrawn: [ROUTE, WITHDRAW],
  merged: [ROUTE, MERGE],
};

let sequence = 0;

function open(subject: RequestSubject, extra: Partial<NewRequest> = {}): PrivacyRequest {
  sequence += 1;
  const input: NewRequest = { type: 'access', subject, requester: REQUESTER, channel: subject.kind === 'employee' ? 'teams' : 'letter', receivedAt: RECEIVED_AT, ...extra };
  const number = `DSR-2026-${String(sequence).padStart(4, '0')}`;
  return openRequest(input, { id: `00000000-0000-4000-8000-${String(sequence).padStart(12, "0")}`, number }, { now: new Date(RECEIVED_AT), timeZone: TZ });
}

function run(request: PrivacyRequest, steps: Step[]): PrivacyRequest {
  return steps.reduce((current, { command, by, at }) => {
    const result = applyCommand(current, command, by, { now: new Date(at), timeZone: TZ });
    if (!result.ok) throw new Error(`${command.action} on ${current.status}: ${JSON.stringify(result.error)}`);
    return result.value;
  }, request);
}

type SubjectVariant = 'employee' | 'outside, identity checked' | 'outside, identity not checked';

/** A case of `status` about `variant`; outside subjects get their identity checked right after routing (approval requires it). */
function caseIn(status: RequestStatus, variant: SubjectVariant, extra: Partial<NewRequest> = {}): PrivacyRequest {
  const subject = variant === 'employee' ? EMPLOYEE : OUTSIDE;
  const path = PATH[status];
  const steps = variant === 'outside, identity checked' && path.length > 0 ? [path[0] as Step, IDENTIFY, ...path.slice(1)] : path;
  return run(open(subject, extra), steps);
}

interface Fixture {
  name: string;
  request: PrivacyRequest;
  viewedAt: string;
  options?: Omit<CaseCardOptions, 'daysLeft'>;
}

/** Statuses in which a case's outside subject can still be without an identity check (approval needs one). */
const WITHOUT_IDENTITY_POSSIBLE: ReadonlySet<RequestStatus> = new Set(['received', 'awaitingDecision', 'moreInfoNeeded', 'rejected', 'withdrawn', 'merged']);

const SUBJECT_VARIANTS: SubjectVariant[] = ['employee', 'outside, identity checked', 'outside, identity not checked'];

const STATUS_FIXTURES: Fixture[] = REQUEST_STATUSES.flatMap((status) =>
  SUBJECT_VARIANTS.filter((v) => v !== 'outside, identity not checked' || WITHOUT_IDENTITY_POSSIBLE.has(status)).map((variant) => ({
    name: `${status}, ${variant}`,
    request: caseIn(status, variant),
    viewedAt: VIEWED_AT,
  })),
);

const duplicateOf = caseIn('awaitingDecision', 'employee');
const EXTRA_FIXTURES: Fixture[] = [
  {
    name: 'rectification with item and new value',
    request: caseIn('awaitingDecision', 'employee', { type: 'rectification', rectification: { item: 'Office phone', newValue: '+49 89 1234567' }, note: 'My number changed' }),
    viewedAt: VIEWED_AT,
  },
  {
    name: 'extended by two months',
    request: run(caseIn('approved', 'employee'), [step({ action: 'extend', months: 2, reason: 'Many systems to search' }, DPO, '2026-01-16T10:00:00Z')]),
    viewedAt: VIEWED_AT,
  },
  {
    name: 'linked to two other cases',
    request: run(caseIn('awaitingDecision', 'outside, identity checked'), [
      step({ action: 'link', other: 'DSR-2026-0007' }, DPO, '2026-01-12T10:00:00Z'),
      step({ action: 'link', other: 'DSR-2026-0008' }, DPO, '2026-01-12T10:05:00Z'),
    ]),
    viewedAt: VIEWED_AT,
  },
  {
    name: 'with an open duplicate',
    request: caseIn('awaitingDecision', 'employee'),
    viewedAt: VIEWED_AT,
    options: { duplicates: [duplicateOf] },
  },
  {
    name: 'assigned to the second DPO',
    request: run(caseIn('inProgress', 'employee'), [step({ action: 'assign', assignee: SECOND_DPO }, DPO, '2026-01-16T10:00:00Z')]),
    viewedAt: VIEWED_AT,
  },
  { name: 'overdue, awaiting decision', request: caseIn('awaitingDecision', 'employee'), viewedAt: '2026-02-13T10:00:00Z' },
  { name: 'overdue, in progress, outside', request: caseIn('inProgress', 'outside, identity checked'), viewedAt: '2026-02-13T10:00:00Z' },
  { name: 'overdue but waiting for information', request: caseIn('moreInfoNeeded', 'outside, identity not checked'), viewedAt: '2026-02-13T10:00:00Z' },
  { name: 'past due date but completed', request: caseIn('completed', 'employee'), viewedAt: '2026-02-13T10:00:00Z' },
  { name: 'due today', request: caseIn('approved', 'employee'), viewedAt: '2026-02-10T10:00:00Z' },
  { name: 'with a title, notices and intro', request: caseIn('awaitingDecision', 'employee'), viewedAt: VIEWED_AT, options: { title: 'Request received: X', notices: ['Done: Approved.'], intro: ['Intro line'] } },
  { name: 'full history', request: caseIn('completed', 'outside, identity checked'), viewedAt: VIEWED_AT, options: { fullHistory: true } },
];

const FIXTURES: Fixture[] = [...STATUS_FIXTURES, ...EXTRA_FIXTURES];

const daysLeftOf = (fixture: Fixture): number => daysLeft(new Date(fixture.viewedAt), fixture.request.dueDate, TZ);

// ---------------------------------------------------------------------------------------------
// Viewers and texts

const mayBy =
  (request: PrivacyRequest, actor: Actor) =>
  (action: CommandAction): boolean =>
    mayAct(request, action, actor);

/** A DPO who may act, as the request desk draws it (assignees: the DPOs who are no party). */
function dpoViewer(request: PrivacyRequest, actor: Actor = DPO): CaseViewer {
  const may = mayBy(request, actor);
  return { id: actor.id, dpo: actor.isDpo, may, assignees: may('assign') ? DPOS.filter((id) => id !== request.requester) : [] };
}
const requesterViewer = (request: PrivacyRequest): CaseViewer => ({ id: REQUESTER, may: mayBy(request, REQUESTER_ACTOR), assignees: [] });
const everyoneViewer: CaseViewer = { may: () => false, assignees: [] };

type ViewerKind = 'dpo' | 'requester' | 'everyone';
const VIEWERS: ViewerKind[] = ['dpo', 'requester', 'everyone'];
const viewerFor = (kind: ViewerKind, request: PrivacyRequest): CaseViewer =>
  kind === 'dpo' ? dpoViewer(request) : kind === 'requester' ? requesterViewer(request) : everyoneViewer;

function textContext(locale: Locale, nameOf: (id: string) => string = (id) => id): RequestTextContext {
  return { t: messages(locale), rt: requestTexts(locale), timeZone: TZ, nameOf };
}

const REFRESH_IDS = ['29:dora', '29:dieter', '29:deputy'];

/** What a DPO who is no party may do in each state, through this card (merge is offered in the link form). */
const DPO_OFFERS: Record<RequestStatus, string[]> = {
  received: ['assign', 'link', 'merge'],
  awaitingDecision: ['approve', 'askInfo', 'assign', 'extend', 'link', 'merge', 'reject'],
  moreInfoNeeded: ['approve', 'assign', 'extend', 'link', 'merge', 'provideInfo', 'reject'],
  approved: ['assign', 'extend', 'link', 'start'],
  inProgress: ['assign', 'complete', 'extend', 'link'],
  completed: [],
  rejected: [],
  withdrawn: [],
  merged: [],
};

/**
 * What the requester may do: withdraw while the case is open. The workflow also lets the
 * requester report the missing information given (`provideInfo`) while the case waits for it.
 */
function requesterOffers(status: RequestStatus): string[] {
  if (!isOpen(status)) return [];
  return status === 'moreInfoNeeded' ? ['provideInfo', 'withdraw'] : ['withdraw'];
}

function expectedDpoOffers(fixture: Fixture, viewer: CaseViewer): string[] {
  const { request } = fixture;
  const offers = DPO_OFFERS[request.status]
    .filter((a) => a !== 'extend' || request.extension === undefined)
    .filter((a) => a !== 'assign' || viewer.assignees.some((id) => id !== request.assignee));
  // Recording a withdrawal by letter is offered in the overflow menu.
  if (mayAct(request, 'withdraw', DPO)) offers.push('withdraw');
  // So is correcting whom the case is about.
  if (mayAct(request, 'correctSubject', DPO)) offers.push('correctSubject');
  return offers.sort();
}

// ---------------------------------------------------------------------------------------------
// Tests

describe('schema gate', () => {
  it('runs the validation when the schema is there, skips without it, fails without it on CI', () => {
    expect(serviceGate(true, undefined)).toBe('run');
    expect(serviceGate(true, 'true')).toBe('run');
    expect(serviceGate(false, undefined)).toBe('skip');
    expect(serviceGate(false, 'true')).toBe('fail');
  });

  it('is available (required under CI=true)', () => {
    if (gate === 'fail') throw new Error(`${SCHEMA_FILE} is missing: under CI=true the cards must be validated against the Adaptive Cards 1.5 schema.`);
    expect(gate).not.toBe('fail');
  });
});

describe('fixtures', () => {
  it('cover every status, both kinds of subject and an outside subject with and without identity check', () => {
    const statuses = new Set(FIXTURES.map((f) => f.request.status));
    expect([...statuses].sort()).toEqual([...REQUEST_STATUSES].sort());
    expect(FIXTURES.some((f) => f.request.subject.kind === 'employee')).toBe(true);
    expect(FIXTURES.some((f) => f.request.subject.kind === 'outside' && f.request.identity)).toBe(true);
    expect(FIXTURES.some((f) => f.request.subject.kind === 'outside' && !f.request.identity)).toBe(true);
    expect(FIXTURES.some((f) => daysLeftOf(f) < 0 && isOpen(f.request.status))).toBe(true);
    expect(FIXTURES.some((f) => daysLeftOf(f) === 0)).toBe(true);
  });

  it('are built by the workflow as expected', () => {
    const waiting = caseIn('moreInfoNeeded', 'employee');
    expect(waiting.pausedSince).toBe(new Date(ASKED_AT).toISOString());
    expect(caseIn('rejected', 'employee').decision?.reason).toBe('Manifestly unfounded (Art. 12(5) GDPR)');
    expect(caseIn('merged', 'employee').mergedInto).toBe('DSR-2026-0099');
    expect(caseIn('awaitingDecision', 'employee').dueDate).toBe(DUE);
    expect(daysLeft(new Date(VIEWED_AT), DUE, TZ)).toBe(21);
  });
});

describe('the checks themselves', () => {
  const request = caseIn('awaitingDecision', 'employee');
  const good = (): RenderedCard => caseCard(textContext('en'), request, dpoViewer(request), { daysLeft: 21 });
  const withCard = (change: (card: Json) => Json): RenderedCard => {
    const rendered = good();
    return { ...rendered, card: change(JSON.parse(JSON.stringify(rendered.card)) as Json) };
  };
  const firstShowCardSubmit = (card: Json): Json => list(((list(card.actions).find((a) => a.type === 'Action.ShowCard') as Json).card as Json).actions)[0] as Json;

  it('pass a good card', () => {
    expect(() => expectWellFormed(good())).not.toThrow();
    expect(() => expectCaseButtons(good(), request)).not.toThrow();
  });

  (gate === 'run' ? it : it.skip)('reject a card the schema does not allow', () => {
    expect(schemaErrors(withCard((c) => ({ ...c, body: [...list(c.body), { type: 'TextBlock' }] })).card)).not.toEqual([]);
    expect(schemaErrors(withCard((c) => ({ ...c, body: [...list(c.body), { type: 'TextBlock', text: 'x', color: 'Red' }] })).card)).not.toEqual([]);
  });

  it('reject a leftover ${…}, a missing fallback, a different fallback, a seventh action', () => {
    expect(() => expectWellFormed(withCard((c) => ({ ...c, body: [...list(c.body), { type: 'TextBlock', text: '${title}' }] })))).toThrow();
    expect(() =>
      expectWellFormed(
        withCard((c) => {
          delete firstShowCardSubmit(c).fallback;
          return c;
        }),
      ),
    ).toThrow();
    expect(() =>
      expectWellFormed(
        withCard((c) => {
          (firstShowCardSubmit(c).fallback as Json).data = { verb: 'case', action: 'reject', caseId: 'other', version: 1 };
          return c;
        }),
      ),
    ).toThrow();
    expect(() => expectWellFormed(withCard((c) => ({ ...c, actions: [...list(c.actions), ...list(c.actions).slice(0, 1)] })))).toThrow();
  });

  it('reject data the handler does not accept, or naming another case or version', () => {
    expect(() =>
      expectCaseButtons(
        withCard((c) => {
          firstShowCardSubmit(c).data = { verb: 'case', action: 'bogus', caseId: request.id, version: request.version };
          return c;
        }),
        request,
      ),
    ).toThrow();
    expect(() => expectCaseButtons(good(), { ...request, version: request.version + 1 })).toThrow();
  });

  it('merge every choice of a show-card into what its submit sends', () => {
    const sent = payloads(good().card as Json);
    expect(sent.filter((p) => p.data.action === 'extend').map((p) => p.data.months)).toEqual(['1', '2']);
    expect(sent.filter((p) => p.data.action === 'extend').every((p) => p.data.reason === 'typed text')).toBe(true);
    expect(offeredActions(good().card as Json)).toEqual(['approve', 'askInfo', 'assign', 'correctSubject', 'extend', 'link', 'merge', 'reject', 'withdraw']);
  });
});

describe.each(LOCALES)('case cards (%s)', (locale) => {
  const ctx = textContext(locale);
  const { rt } = ctx;

  describe.each(FIXTURES.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const { request } = fixture;
    const left = daysLeftOf(fixture);
    const render = (kind: ViewerKind, refreshFor?: string[]): RenderedCard =>
      caseCard(ctx, request, viewerFor(kind, request), { ...fixture.options, daysLeft: left, ...(refreshFor ? { refreshFor } : {}) });

    it.each(VIEWERS)('%s view is a valid card whose buttons the bot accepts, with and without refresh', (kind) => {
      for (const refreshFor of [undefined, [], REFRESH_IDS]) {
        const rendered = render(kind, refreshFor);
        expectWellFormed(rendered);
        expectCaseButtons(rendered, request);
        const card = rendered.card as Json;
        if (refreshFor && refreshFor.length > 0) expect((card.refresh as Json).userIds).toEqual(REFRESH_IDS);
        else expect(card).not.toHaveProperty('refresh');
      }
    });

    it('a DPO who may act sees exactly the actions of the state', () => {
      const viewer = dpoViewer(request);
      const offered = offeredActions(render('dpo').card as Json);
      expect(offered).toEqual(expectedDpoOffers(fixture, viewer));
      for (const action of offered) expect(mayAct(request, action as CommandAction, DPO)).toBe(true);
    });

    it('the requester sees only withdraw while the case is open (and may report information given)', () => {
      const offered = offeredActions(render('requester').card as Json);
      expect(offered).toEqual(requesterOffers(request.status));
      for (const action of offered) expect(mayAct(request, action as CommandAction, REQUESTER_ACTOR)).toBe(true);
    });

    it('the everyone view has no buttons', () => {
      const card = render('everyone').card as Json;
      expect(list(card.actions)).toEqual([]);
      expect(elements(card, ['Action.Execute', 'Action.Submit', 'Action.ShowCard'])).toEqual([]);
    });

    it('shows status, due date and deadline warnings', () => {
      const card = render('everyone').card as Json;
      expect(factValue(card, rt.factStatus)).toBe(rt.status(request.status));
      // The clock runs while the case is open, except while it waits for information.
      const clockRuns = isOpen(request.status) && request.status !== 'moreInfoNeeded';
      expect(factValue(card, rt.factDue)).toBe(clockRuns ? rt.dueIn(showDate(ctx, request.dueDate), left) : showDate(ctx, request.dueDate));
      const warnings = warningTexts(card);
      if (isOpen(request.status) && request.status !== 'moreInfoNeeded' && left < 0) expect(warnings).toContain(rt.overdue(left));
      else expect(warnings).not.toContain(rt.overdue(left));
      if (isOpen(request.status) && request.status !== 'moreInfoNeeded' && left === 0) expect(warnings).toContain(rt.dueTodayWarning);
      else expect(warnings).not.toContain(rt.dueTodayWarning);
      if (request.status === 'moreInfoNeeded') expect(warnings).toContain(rt.pausedRule(showInstant(ctx, request.pausedSince as string)));
      else expect(warnings.join('\n')).not.toContain(rt.pausedRule('').slice(0, 12));
      if (request.status === 'merged') expect(warnings).toContain(rt.mergedInto(request.mergedInto as string));
    });

    it('shows the identity check of an outside subject; without one the approve button asks for it', () => {
      const card = render('dpo').card as Json;
      if (request.subject.kind === 'employee') {
        expect(factValue(card, rt.factIdentity)).toBeUndefined();
        return;
      }
      const identity = request.identity;
      expect(factValue(card, rt.factIdentity)).toBe(identity ? `${rt.identityMethod(identity.method)}${identity.note ? ` — ${identity.note}` : ''}` : rt.identityMissing);
      // The note is the DPOs' record: the employee who relayed the request sees only the method.
      if (identity) expect(factValue(render('requester').card as Json, rt.factIdentity)).toBe(rt.identityMethod(identity.method));
      const approve = list(card.actions).find((a) => a.title === rt.button('approve'));
      if (!mayAct(request, 'approve', DPO)) {
        expect(approve).toBeUndefined();
        return;
      }
      if (request.identity) {
        expect(approve?.type).toBe('Action.Execute');
        return;
      }
      expect(approve?.type).toBe('Action.ShowCard');
      const inputs = elements((approve?.card as Json).body, ['Input.ChoiceSet', 'Input.Text']);
      expect(inputs.map((i) => [i.type, i.id, i.isRequired])).toEqual([
        ['Input.ChoiceSet', 'identityMethod', true],
        ['Input.Text', 'identityNote', false],
      ]);
      expect(list(inputs[0]?.choices).map((c) => c.value)).toEqual([...IDENTITY_METHODS]);
      expect(list(inputs[0]?.choices).map((c) => c.title)).toEqual(IDENTITY_METHODS.map((m) => rt.identityMethod(m)));
    });
  });

  describe('details', () => {
    const render = (request: PrivacyRequest, options: Partial<CaseCardOptions> = {}, viewer: CaseViewer = dpoViewer(request)): Json =>
      caseCard(ctx, request, viewer, { daysLeft: 21, ...options }).card as Json;

    it('cuts the refresh list to 60 users', () => {
      const request = caseIn('awaitingDecision', 'employee');
      const ids = Array.from({ length: 75 }, (_, i) => `29:user-${i}`);
      const rendered = caseCard(ctx, request, dpoViewer(request), { daysLeft: 21, refreshFor: ids });
      expectWellFormed(rendered);
      expect((rendered.card.refresh as Json).userIds).toEqual(ids.slice(0, 60));
      const exactly = Array.from({ length: 60 }, (_, i) => `29:user-${i}`);
      expect(((caseCard(ctx, request, dpoViewer(request), { daysLeft: 21, refreshFor: exactly }).card as Json).refresh as Json).userIds).toEqual(exactly);
    });

    it('shows rectification, extension and links as facts', () => {
      const rectification = (FIXTURES.find((f) => f.name.startsWith('rectification')) as Fixture).request;
      const card = render(rectification);
      expect(factValue(card, rt.factItem)).toBe('Office phone');
      expect(factValue(card, rt.factNewValue)).toBe('+49 89 1234567');
      expect(factValue(card, rt.factNote)).toBe('My number changed');
      // The requester's words are for the DPOs and the requester only: never on the everyone view.
      expect(factValue(render(rectification, {}, requesterViewer(rectification)), rt.factNote)).toBe('My number changed');
      expect(factValue(render(rectification, {}, everyoneViewer), rt.factNote)).toBeUndefined();
      expect(factValue(render(rectification, {}, { id: 'colleague@corp.example', may: () => false, assignees: [] }), rt.factNote)).toBeUndefined();
      const extended = (FIXTURES.find((f) => f.name.startsWith('extended')) as Fixture).request;
      expect(factValue(render(extended), rt.factExtension)).toBe(rt.extensionLine(2, 'Many systems to search'));
      expect(offeredActions(render(extended))).not.toContain('extend');
      const linked = (FIXTURES.find((f) => f.name.startsWith('linked')) as Fixture).request;
      expect(factValue(render(linked), rt.factLinked)).toBe('DSR-2026-0007, DSR-2026-0008');
    });

    it('lists open duplicates and offers the first as the case to link or merge', () => {
      const request = caseIn('awaitingDecision', 'employee');
      const duplicate = caseIn('received', 'employee');
      const card = render(request, { duplicates: [duplicate] });
      const texts = markdownTexts(card);
      expect(texts).toContain(rt.duplicatesHeading);
      expect(texts).toContain(rt.duplicateLine(duplicate.number, rt.status('received'), showInstant(ctx, duplicate.receivedAt)));
      const linkForm = list(card.actions).find((a) => (a.card as Json | undefined)?.actions !== undefined && list((a.card as Json).actions)[0]?.verb === 'link') as Json;
      const other = elements((linkForm.card as Json).body, ['Input.Text']).find((i) => i.id === 'other');
      expect(other?.value).toBe(duplicate.number);
      const choice = elements((linkForm.card as Json).body, ['Input.ChoiceSet']).find((i) => i.id === 'action');
      expect(list(choice?.choices).map((c) => c.value)).toEqual(['link', 'merge']);
    });

    it('offers link without merge once the case is decided', () => {
      const request = caseIn('approved', 'employee');
      const card = render(request);
      expect(offeredActions(card)).toContain('link');
      expect(offeredActions(card)).not.toContain('merge');
    });

    it('offers to assign to the DPOs other than the assignee', () => {
      const request = (FIXTURES.find((f) => f.name.startsWith('assigned')) as Fixture).request;
      const card = render(request);
      expect(factValue(card, rt.factAssignee)).toBe(SECOND_DPO);
      const payloadsOfAssign = payloads(card).filter((p) => p.data.action === 'assign');
      expect(payloadsOfAssign.map((p) => p.data.assignee)).toEqual([DPO.id]);
      expect(factValue(render(caseIn('inProgress', 'employee')), rt.factAssignee)).toBe(rt.unassigned);
    });

    it('offers both extension lengths, sent as months the handler reads as 1 and 2', () => {
      const request = caseIn('approved', 'employee');
      const months = payloads(render(request))
        .filter((p) => p.data.action === 'extend')
        .map((p) => caseActionSchema.parse(p.data).months);
      expect([...new Set(months)].sort()).toEqual([1, 2]);
    });

    it('gives a DPO who filed the request nothing to decide (Art. 38(6)), only withdraw', () => {
      const request = run(open(EMPLOYEE, { requester: DPO.id }), [ROUTE]);
      const card = render(request, {}, dpoViewer(request));
      expect(offeredActions(card)).toEqual(['withdraw']);
    });

    it('lets the employee the case is about (who did not file it) withdraw it and answer questions, as a party', () => {
      const subjectViewer = (request: PrivacyRequest): CaseViewer => ({ id: SUBJECT_ID, may: mayBy(request, { id: SUBJECT_ID, isDpo: false }), assignees: [] });
      const waiting = caseIn('awaitingDecision', 'employee');
      expect(offeredActions(render(waiting, {}, subjectViewer(waiting)))).toEqual(['withdraw']);
      // As a party the subject may report the information given, like the requester.
      const paused = caseIn('moreInfoNeeded', 'employee');
      expect(offeredActions(render(paused, {}, subjectViewer(paused)))).toEqual(['provideInfo', 'withdraw']);
    });

    it('shows user-typed text inertly: no bold, no links, no code', () => {
      const subject: RequestSubject = { kind: 'employee', id: 'mal@corp.example', name: `Mal ${USER_MARKDOWN}` };
      const typed = run(open(subject, { type: 'rectification', rectification: { item: USER_MARKDOWN, newValue: USER_MARKDOWN }, note: USER_MARKDOWN }), [
        ROUTE,
        step({ action: 'askInfo', reason: USER_MARKDOWN }, DPO, ASKED_AT),
        step({ action: 'provideInfo', note: USER_MARKDOWN }, DPO, '2026-01-13T10:00:00Z'),
        step({ action: 'extend', months: 1, reason: USER_MARKDOWN }, DPO, '2026-01-13T11:00:00Z'),
        step({ action: 'reject', reason: USER_MARKDOWN }, DPO, '2026-01-14T10:00:00Z'),
      ]);
      const outside = run(
        open({ kind: 'outside', criteria: { firstName: '**Eve**', lastName: 'O_Neil [x](http://evil)', phone: '`0891234567`', email: 'eve_x@mail.example' } }, { note: USER_MARKDOWN }),
        [ROUTE, step({ action: 'withdraw', reason: USER_MARKDOWN }, DPO, '2026-01-13T10:00:00Z')],
      );
      const markdownName = (id: string): string => `${id} **boss** [x](http://evil)`;
      for (const request of [typed, outside]) {
        for (const nameOf of [(id: string) => id, markdownName]) {
          const rendered = caseCard(textContext(locale, nameOf), request, dpoViewer(request), { daysLeft: 21, fullHistory: true });
          expectWellFormed(rendered);
          const texts = markdownTexts(rendered.card as Json);
          const leaks = texts.filter((text) => /\*\*|\[x\]|\]\(|`|_it_/.test(text));
          expect(leaks).toEqual([]);
          expect(rendered.text).toContain(plain(USER_MARKDOWN));
        }
      }
      const texts = markdownTexts(caseCard(textContext(locale, markdownName), typed, dpoViewer(typed), { daysLeft: 21, fullHistory: true }).card as Json);
      expect(texts.some((t) => t.includes(plain(markdownName(DPO.id))))).toBe(true);
      expect(texts.some((t) => t.includes(plain(`Mal ${USER_MARKDOWN}`)))).toBe(true);
    });

    it('does not evaluate template expressions a user typed', () => {
      const request = run(open({ kind: 'employee', id: 'x@corp.example', name: '${title}' }, { note: '${$root.title} ${refresh.verb}' }), [ROUTE]);
      const card = render(request);
      expect(factValue(card, rt.factSubject)).toBe('${title}');
      expect(factValue(card, rt.factNote)).toBe('${$root.title} ${refresh.verb}');
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Intake form and the list of one's own cases

const TOKEN = '0b5e4a3c-8f1d-4c2a-9e7b-3d6f5a1c2b4e';
const TODAY = '2026-01-20';

describe.each(LOCALES)('intake form (%s)', (locale) => {
  const ctx = textContext(locale);
  const { rt } = ctx;

  const outsideValues: IntakeFormValues = {
    type: 'access',
    self: false,
    criteria: { firstName: 'Erika', lastName: 'Musterfrau', email: 'erika@mail.example' },
  };
  const selfValues: IntakeFormValues = { type: 'rectification', self: true, item: 'Office phone' };
  const typedValues: IntakeFormValues = {
    type: 'erasure',
    self: false,
    criteria: { lastName: USER_MARKDOWN, firstName: 'Zoë', street: 'Hauptstr. 1', postcodeCity: '80331 München', phone: '12', email: 'not-a-mail' },
    channel: 'phone',
    receivedOn: '2026-02-30',
    item: USER_MARKDOWN,
    newValue: 'new',
    note: 'Please **hurry**',
  };

  const forms: [string, IntakeFormValues, string[]][] = [
    ['outside person', outsideValues, []],
    ['self', selfValues, []],
    ['outside person with problems', typedValues, [rt.formPhoneInvalid, rt.formEmailInvalid, rt.formBadDate]],
    ['self with a problem', selfValues, [rt.formNeedsCriteria]],
  ];

  it.each(forms)('%s: a valid card whose submit, filled in as shown, is a valid intake form', (_name, values, problems) => {
    const rendered = intakeFormCard(ctx, values, TOKEN, TODAY, problems);
    expectWellFormed(rendered);
    const card = rendered.card as Json;
    const sent = payloads(card);
    expect(sent).toHaveLength(1);
    const submit = sent[0] as Payload;
    expect(submit.type).toBe('Action.Submit');
    const parsed = intakeFormSchema.safeParse(submit.data);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ verb: 'request', token: TOKEN, self: values.self, type: values.type });
    expect(warningTexts(card)).toEqual(problems);
    expect(list(card.actions)).toHaveLength(1);
  });

  it('asks an outside person for the search criteria, channel and date of receipt (not in the future)', () => {
    const card = intakeFormCard(ctx, outsideValues, TOKEN, TODAY).card as Json;
    const inputs = elements(card.body, ['Input.Text', 'Input.ChoiceSet', 'Input.Date']);
    expect(inputs.map((i) => i.id)).toEqual(['type', ...CRITERIA_KEYS, 'channel', 'receivedOn', 'item', 'newValue', 'note']);
    const date = inputs.find((i) => i.id === 'receivedOn') as Json;
    expect(date).toMatchObject({ type: 'Input.Date', value: TODAY, max: TODAY, isRequired: true, errorMessage: rt.formBadDate });
    expect(inputs.find((i) => i.id === 'channel')?.value).toBe('letter');
    expect(inputs.find((i) => i.id === 'lastName')?.value).toBe('Musterfrau');
  });

  it('asks somebody about their own data only for the correction', () => {
    const card = intakeFormCard(ctx, selfValues, TOKEN, TODAY).card as Json;
    const inputs = elements(card.body, ['Input.Text', 'Input.ChoiceSet', 'Input.Date']);
    expect(inputs.map((i) => i.id)).toEqual(['type', 'item', 'newValue', 'note']);
    expect(inputs.find((i) => i.id === 'item')?.value).toBe('Office phone');
    expect(markdownTexts(card)).toContain(rt.formSelfIntro);
  });

  it('fills in again exactly what was typed (inputs are not markdown, so nothing is altered)', () => {
    const card = intakeFormCard(ctx, typedValues, TOKEN, TODAY, [rt.formPhoneInvalid]).card as Json;
    const defaults = inputDefaults(card);
    expect(defaults).toMatchObject({ ...typedValues.criteria, type: 'erasure', channel: 'phone', receivedOn: '2026-02-30', item: USER_MARKDOWN, newValue: 'new', note: 'Please **hurry**' });
    expect(markdownTexts(card).filter((t) => t.includes('**'))).toEqual([]);
  });
});

describe.each(LOCALES)('my requests (%s)', (locale) => {
  const ctx = textContext(locale);
  const { rt, t } = ctx;

  it('without cases says so, with no buttons', () => {
    const rendered = myRequestsCard(ctx, []);
    expectWellFormed(rendered);
    const card = rendered.card as Json;
    expect(markdownTexts(card)).toEqual([rt.statusTitle, rt.noRequests]);
    expect(list(card.actions)).toEqual([]);
  });

  it('lists each case on one line, a waiting one with its question and a button to answer it', () => {
    const cases = [caseIn('awaitingDecision', 'employee'), caseIn('completed', 'outside, identity checked'), caseIn('moreInfoNeeded', 'employee', { type: 'erasure' })];
    const rendered = myRequestsCard(ctx, cases);
    expectWellFormed(rendered);
    const card = rendered.card as Json;
    const texts = markdownTexts(card);
    for (const c of cases) expect(texts.some((line) => line.startsWith(`${c.number} · ${t.requestType(c.type)} · ${rt.status(c.status)}`))).toBe(true);
    const waiting = cases[2] as PrivacyRequest;
    const question = waiting.history.find((e) => e.action === 'askInfo')?.reason as string;
    expect(texts.some((line) => line.includes(`${rt.status('moreInfoNeeded')}: ${question}`))).toBe(true);
    expect(texts).toContain(rt.withdrawHint);
    const actions = list(card.actions);
    expect(actions.map((a) => a.title)).toEqual([rt.answerCase(waiting.number)]);
    // One press opens the answer field; Send answers (no detour through the case card).
    const opened = actions[0] as Json;
    expect(opened.type).toBe('Action.ShowCard');
    const inner = opened.card as Json;
    expect(JSON.stringify(inner.body)).toContain('"id":"reason"');
    const send = list(inner.actions)[0] as Json;
    expect(send.type).toBe('Action.Execute');
    expect(caseActionSchema.parse(send.data)).toMatchObject({ action: 'provideInfo', caseId: waiting.id, version: waiting.version });
  });

  it('says into which case a merged one went', () => {
    const merged = caseIn('merged', 'employee');
    const texts = markdownTexts(myRequestsCard(ctx, [merged]).card as Json);
    expect(texts.some((line) => line.includes(`${rt.status('merged')} (${merged.mergedInto as string})`))).toBe(true);
  });
});

describe('the detail to correct, in the reader’s language', () => {
  it.each(LOCALES)('%s: names a known detail in the reader’s words, whatever language it was filed in, and leaves free text alone', (locale) => {
    const ctx = textContext(locale);
    const item = (text: string): string | undefined => {
      const request = { ...caseIn('awaitingDecision', 'employee', { type: 'rectification' }), rectification: { item: text, newValue: 'x' } };
      return factValue(caseCard(ctx, request, { may: () => false, assignees: [] }, { daysLeft: 10 }).card as Json, ctx.rt.factItem);
    };
    const mobile = FIELDS.mobile.topic;
    expect(item(mobile.en)).toBe(locale === 'de' ? mobile.de : mobile.en);
    expect(item(mobile.de)).toBe(locale === 'de' ? mobile.de : mobile.en);
    const photo = CATALOGUE_ITEMS.find((i) => i.id === 'F.14');
    if (photo) expect(item(`${photo.en} (F.14)`)).toBe(`${photo[locale]} (F.14)`);
    expect(item('My old maiden name')).toBe('My old maiden name');
  });
});

describe.each(LOCALES)('open cases, the DPO’s worklist (%s)', (locale) => {
  const ctx = textContext(locale);
  const { rt, t } = ctx;

  it('without open cases says so, with no buttons', () => {
    const rendered = openCasesCard(ctx, [], [], () => 0);
    expectWellFormed(rendered);
    expect(markdownTexts(rendered.card as Json)).toEqual([rt.openCasesTitle, rt.noOpenCases]);
    expect(list((rendered.card as Json).actions)).toEqual([]);
  });

  it('lists the soonest due first with overdue flags, and offers each case’s card by a plain submit', () => {
    const later = caseIn('awaitingDecision', 'employee');
    const sooner = { ...caseIn('inProgress', 'outside, identity checked'), dueDate: '2026-01-20', assignee: 'dora.dpo@corp.example' };
    const left = (c: PrivacyRequest): number => (c.id === sooner.id ? -3 : 12);
    const own = caseIn('completed', 'employee', { type: 'erasure' });
    const rendered = openCasesCard(ctx, [later, sooner], [own], left);
    expectWellFormed(rendered);
    const card = rendered.card as Json;
    const texts = markdownTexts(card);
    const lines = texts.filter((line) => line.startsWith('DSR-'));
    expect(lines[0]).toBe(rt.openCaseLine(sooner.number, t.requestType(sooner.type), 'Erika Musterfrau', rt.status(sooner.status), rt.dueIn(showDate(ctx, sooner.dueDate), -3), ctx.nameOf('dora.dpo@corp.example')));
    expect(lines[1]?.startsWith(later.number)).toBe(true);
    expect(lines[2]?.startsWith(own.number)).toBe(true);
    expect(texts).toContain(rt.openCasesIntro(2, sooner.number));
    const actions = list(card.actions);
    expect(actions.map((a) => a.type)).toEqual(['Action.Submit', 'Action.Submit']);
    expect(actions.map((a) => a.title)).toEqual([rt.showCase(sooner.number), rt.showCase(later.number)]);
    expect(caseActionSchema.parse(actions[0]?.data)).toMatchObject({ action: 'refresh', caseId: sooner.id, version: sooner.version });
  });

  it('counts nothing down for a case waiting for information: the clock stands still', () => {
    const waiting = caseIn('moreInfoNeeded', 'employee');
    const line = markdownTexts(openCasesCard(ctx, [waiting], [], () => -4).card as Json).find((l) => l.startsWith(waiting.number));
    expect(line).toBe(rt.openCaseLine(waiting.number, t.requestType(waiting.type), (waiting.subject as { name: string }).name, rt.status('moreInfoNeeded'), showDate(ctx, waiting.dueDate), ''));
  });

  it('names how many more there are beyond fifty, with six buttons at most', () => {
    const many = Array.from({ length: 53 }, () => caseIn('awaitingDecision', 'employee'));
    const rendered = openCasesCard(ctx, many, [], () => 5);
    expectWellFormed(rendered);
    const card = rendered.card as Json;
    expect(markdownTexts(card).filter((line) => line.startsWith('DSR-'))).toHaveLength(50);
    expect(markdownTexts(card)).toContain(rt.moreCases(3));
    expect(list(card.actions)).toHaveLength(6);
  });
});

// ---------------------------------------------------------------------------------------------
// Snapshots of representative cards

describe('snapshots', () => {
  const byName = (name: string): Fixture => FIXTURES.find((f) => f.name === name) as Fixture;
  const snapshot = (locale: Locale, name: string, kind: ViewerKind, refreshFor?: string[]): Json => {
    const fixture = byName(name);
    return caseCard(textContext(locale), fixture.request, viewerFor(kind, fixture.request), {
      ...fixture.options,
      daysLeft: daysLeftOf(fixture),
      ...(refreshFor ? { refreshFor } : {}),
    }).card as Json;
  };

  it.each(LOCALES)('%s: DPO, employee case awaiting decision, with refresh', (locale) => {
    expect(snapshot(locale, 'awaitingDecision, employee', 'dpo', REFRESH_IDS)).toMatchSnapshot();
  });

  it.each(LOCALES)('%s: DPO, outside person without identity check, waiting for information', (locale) => {
    expect(snapshot(locale, 'moreInfoNeeded, outside, identity not checked', 'dpo')).toMatchSnapshot();
  });

  it.each(LOCALES)('%s: requester, overdue case', (locale) => {
    expect(snapshot(locale, 'overdue, awaiting decision', 'requester')).toMatchSnapshot();
  });

  it.each(LOCALES)('%s: everyone, rejected case', (locale) => {
    expect(snapshot(locale, 'rejected, employee', 'everyone')).toMatchSnapshot();
  });

  it.each(LOCALES)('%s: intake form for an outside person, with problems', (locale) => {
    const ctx = textContext(locale);
    const values: IntakeFormValues = { type: 'access', self: false, criteria: { lastName: 'Musterfrau', phone: '12' }, channel: 'email', receivedOn: '2026-01-18' };
    expect(intakeFormCard(ctx, values, TOKEN, TODAY, [ctx.rt.formPhoneInvalid]).card).toMatchSnapshot();
  });

  it.each(LOCALES)('%s: my requests', (locale) => {
    expect(myRequestsCard(textContext(locale), [byName('awaitingDecision, employee').request, byName('completed, employee').request]).card).toMatchSnapshot();
  });
});

describe.each(LOCALES)('where the subject’s data is, on the DPO’s case card (%s)', (locale) => {
  const ctx = textContext(locale);
  const { rt } = ctx;
  const at = new Date('2026-01-20T10:00:00Z');
  const findings = {
    at,
    findings: [
      { source: 'journal', category: 'H' as const, match: 'identifier' as const, count: 412, oldest: new Date('2024-03-02T00:00:00Z'), newest: new Date('2026-11-30T00:00:00Z') },
      { source: 'journal', category: 'H' as const, match: 'name' as const, count: 1, oldest: new Date('2025-01-02T00:00:00Z'), newest: new Date('2025-01-02T00:00:00Z') },
      { source: 'chat', category: 'C' as const, match: 'identifier' as const, count: 38 },
    ],
    failed: [{ source: 'logs', category: 'L' as const, reason: 'EACCES' }],
  };

  it('lists per source counts and months, name-only matches apart, and sources that could not be asked — never their reasons', () => {
    const request = caseIn('awaitingDecision', 'employee');
    const rendered = caseCard(ctx, request, dpoViewer(request), { daysLeft: 10, findings });
    expectWellFormed(rendered);
    const texts = markdownTexts(rendered.card as Json);
    expect(texts).toContain(rt.findingsHeading(showInstant(ctx, at.toISOString())));
    expect(texts).toContain(`journal (H): ${rt.findingRecords('H', 412)} 2024-03 … 2026-11; ${rt.findingNameOnly(`${rt.findingRecords('H', 1)} 2025-01 … 2025-01`)}`);
    expect(texts).toContain(`chat (C): ${rt.findingRecords('C', 38)}`);
    expect(texts).toContain(`logs (L): ${rt.findingFailed}`);
    expect(JSON.stringify(rendered.card)).not.toContain('EACCES');
    expect(schemaErrors(rendered.card)).toEqual([]);
  });

  it('says when the sources hold nothing', () => {
    const request = caseIn('awaitingDecision', 'outside, identity checked');
    const rendered = caseCard(ctx, request, dpoViewer(request), { daysLeft: 10, findings: { at, findings: [], failed: [] } });
    expect(markdownTexts(rendered.card as Json)).toContain(rt.findingsNone);
  });
});
