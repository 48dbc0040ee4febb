import fc from 'fast-check';
import { dueDateOf } from '../../../../src/domain/requests/deadlines';
import { CLOSED_STATUSES, REQUEST_STATUSES, type PrivacyRequest, type RequestStatus, type RequestSubject } from '../../../../src/domain/requests/request';
import {
  RULES,
  type Actor,
  type CommandAction,
  type NewRequest,
  type Refusal,
  type RequestCommand,
  type WorkflowContext,
  applyCommand,
  caseNumber,
  hasConflict,
  isParty,
  mayAct,
  openRequest,
} from '../../../../src/domain/requests/workflow';
import type { Result } from '../../../../src/domain/shared/result';

// ---------------------------------------------------------------------------------------------
// Fixture

const TZ = 'Europe/Berlin';
const REQUESTER = 'anna.requester@corp.example';
const EMPLOYEE = 'bob.subject@corp.example';

const DPO: Actor = { id: 'dora.dpo@corp.example', isDpo: true };
const SECOND_DPO: Actor = { id: 'dieter.dpo@corp.example', isDpo: true };
const REQUESTER_ACTOR: Actor = { id: REQUESTER, isDpo: false };
const SUBJECT_ACTOR: Actor = { id: EMPLOYEE, isDpo: false };
const STRANGER: Actor = { id: 'eve.colleague@corp.example', isDpo: false };
const SYSTEM: Actor = { id: 'system', isDpo: false, system: true };
/** DPOs who are themselves a party to the case (Art. 38(6): they must not decide it). */
const DPO_REQUESTER: Actor = { id: REQUESTER, isDpo: true };
const DPO_SUBJECT: Actor = { id: EMPLOYEE, isDpo: true };

const EMPLOYEE_SUBJECT: RequestSubject = { kind: 'employee', id: EMPLOYEE, name: 'Bob Subject' };
const OUTSIDE_SUBJECT: RequestSubject = { kind: 'outside', criteria: { firstName: 'Erika', lastName: 'Musterfrau', email: 'erika@mail.example' } };

const IDS = { id: 'req-1', number: 'DSR-2026-0001' };
const OTHER_CASE = 'DSR-2026-0002';
const RECEIVED_AT = '2026-01-10T09:00:00Z';

const at = (instant: string): WorkflowContext => ({ now: new Date(instant), timeZone: TZ });
/** Within the first month of a case received on RECEIVED_AT (due 2026-02-10). */
const NOW = at('2026-01-20T10:00:00Z');
const NOW_ISO = NOW.now.toISOString();
/** When the fixture's `moreInfoNeeded` cases started waiting: 5 local days before NOW. */
const PAUSED_SINCE = '2026-01-15T10:00:00.000Z';

function newRequest(subject: RequestSubject, receivedAt = RECEIVED_AT): NewRequest {
  return { type: 'access', subject, requester: REQUESTER, channel: 'teams', receivedAt };
}

interface FixtureOptions {
  subject?: RequestSubject;
  status?: RequestStatus;
  receivedAt?: string;
}

/** A case opened through `openRequest`, then put straight into `status`. */
function fixture({ subject = EMPLOYEE_SUBJECT, status = 'received', receivedAt = RECEIVED_AT }: FixtureOptions = {}): PrivacyRequest {
  const request = openRequest(newRequest(subject, receivedAt), IDS, at(receivedAt));
  request.status = status;
  if (status === 'moreInfoNeeded') request.pausedSince = PAUSED_SINCE;
  return request;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * `applyCommand` on a deeply frozen case (a write would throw in strict mode), also checking that
 * the case is exactly as before afterwards.
 */
function apply(request: PrivacyRequest, command: RequestCommand, actor: Actor, context: WorkflowContext = NOW): Result<PrivacyRequest, Refusal> {
  const json = JSON.stringify(request);
  const copy = structuredClone(request);
  deepFreeze(request);
  const result = applyCommand(request, command, actor, context);
  expect(JSON.stringify(request)).toBe(json);
  expect(request).toStrictEqual(copy);
  return result;
}

function accepted(result: Result<PrivacyRequest, Refusal>): PrivacyRequest {
  if (!result.ok) throw new Error(`expected the command to be accepted, was refused: ${JSON.stringify(result.error)}`);
  return result.value;
}

function refused(result: Result<PrivacyRequest, Refusal>): Refusal {
  if (result.ok) throw new Error(`expected a refusal, but the case went to ${result.value.status}`);
  return result.error;
}

/** Applies commands one after another, each of which must be accepted. */
function run(request: PrivacyRequest, steps: [RequestCommand, Actor, WorkflowContext][]): PrivacyRequest {
  return steps.reduce((current, [command, actor, context]) => accepted(apply(current, command, actor, context)), request);
}

const lastEvent = (request: PrivacyRequest) => {
  const event = request.history[request.history.length - 1];
  if (!event) throw new Error('no history');
  return event;
};

type CommandOf<A extends CommandAction> = Extract<RequestCommand, { action: A }>;

/** A valid payload for every command. */
const VALID: { [A in CommandAction]: CommandOf<A> } = {
  route: { action: 'route' },
  approve: { action: 'approve', identity: { method: 'callback', note: 'called back on the number on file' } },
  reject: { action: 'reject', reason: 'Manifestly unfounded' },
  askInfo: { action: 'askInfo', reason: 'Which systems do you mean?' },
  provideInfo: { action: 'provideInfo', note: 'The HR system' },
  extend: { action: 'extend', months: 2, reason: 'Many systems to search' },
  assign: { action: 'assign', assignee: SECOND_DPO.id },
  recordIdentity: { action: 'recordIdentity', method: 'replyToKnownAddress' },
  correctSubject: { action: 'correctSubject', subject: { kind: 'outside', criteria: { lastName: 'Schulz', email: 'schulz@mail.example' } } },
  link: { action: 'link', other: OTHER_CASE },
  merge: { action: 'merge', into: OTHER_CASE },
  start: { action: 'start' },
  complete: { action: 'complete', note: 'Copy sent' },
  withdraw: { action: 'withdraw', reason: 'Withdrawn by letter of 19 January' },
};

const ACTIONS = Object.keys(RULES) as CommandAction[];
const DPO_ACTIONS = ACTIONS.filter((action) => RULES[action].who === 'dpo');

/** Actors allowed to give a command (when the state allows it): the employee subject is a party, an outside one is not. */
function allowedActors(action: CommandAction, subject: RequestSubject = EMPLOYEE_SUBJECT): Actor[] {
  switch (RULES[action].who) {
    case 'dpo':
      return [DPO];
    case 'requesterOrDpo':
      return subject.kind === 'employee' ? [REQUESTER_ACTOR, SUBJECT_ACTOR, DPO] : [REQUESTER_ACTOR, DPO];
    case 'system':
      return [SYSTEM];
  }
}

/** A state in which the command is allowed. */
const someFrom = (action: CommandAction): RequestStatus => {
  const status = RULES[action].from[0];
  if (!status) throw new Error(`${action} applies nowhere`);
  return status;
};

// ---------------------------------------------------------------------------------------------

describe('RULES', () => {
  it('covers every command, with known states', () => {
    expect(ACTIONS.sort()).toEqual(
      ['approve', 'assign', 'askInfo', 'complete', 'correctSubject', 'extend', 'link', 'merge', 'provideInfo', 'recordIdentity', 'reject', 'route', 'start', 'withdraw'].sort(),
    );
    for (const action of ACTIONS) {
      for (const status of RULES[action].from) expect(REQUEST_STATUSES).toContain(status);
      const to = RULES[action].to;
      if (to !== undefined) expect(REQUEST_STATUSES).toContain(to);
    }
  });

  it('lets nothing happen to a closed case', () => {
    for (const action of ACTIONS) for (const status of RULES[action].from) expect([action, CLOSED_STATUSES.has(status)]).toEqual([action, false]);
  });
});

describe('the state machine: every command in every state', () => {
  const cases: [string, CommandAction, RequestStatus, string, RequestSubject, Actor][] = [];
  for (const subject of [OUTSIDE_SUBJECT, EMPLOYEE_SUBJECT]) {
    for (const action of ACTIONS) {
      for (const status of REQUEST_STATUSES) {
        for (const actor of allowedActors(action, subject)) cases.push([subject.kind, action, status, actor.id, subject, actor]);
      }
    }
  }

  it.each(cases)('%s subject: %s in %s by %s', (_kind, action, status, _id, subject, actor) => {
    const rule = RULES[action];
    const request = fixture({ subject, status });
    const result = apply(request, VALID[action], actor);

    if (!rule.from.includes(status)) {
      expect(refused(result)).toEqual({ code: 'INVALID_TRANSITION', from: status });
      return;
    }
    if (action === 'recordIdentity' && subject.kind === 'employee') {
      expect(refused(result)).toEqual({ code: 'NOT_OUTSIDE_SUBJECT' });
      return;
    }

    const next = accepted(result);
    expect(next).not.toBe(request);
    expect(next.status).toBe(rule.to ?? status);
    expect(next.version).toBe(request.version + 1);
    expect(next.history).toHaveLength(request.history.length + 1);
    expect(next.history.slice(0, -1)).toEqual(request.history);
    const event = lastEvent(next);
    expect(event.action).toBe(action);
    expect(event.actor).toBe(actor.id);
    expect(event.at).toBe(NOW_ISO);
    if (rule.to === undefined) {
      expect(event.from).toBeUndefined();
      expect(event.to).toBeUndefined();
    } else {
      expect(event.from).toBe(status);
      expect(event.to).toBe(rule.to);
    }
    // Leaving `moreInfoNeeded` ends the pause (5 local days in the fixture); entering it starts one.
    if (status === 'moreInfoNeeded' && rule.to !== undefined) {
      expect(next.pausedDays).toBe(5);
      expect(next).not.toHaveProperty('pausedSince');
    } else if (rule.to === 'moreInfoNeeded') {
      expect(next.pausedSince).toBe(NOW_ISO);
      expect(next.pausedDays).toBe(0);
    } else {
      expect(next.pausedSince).toBe(request.pausedSince);
      expect(next.pausedDays).toBe(0);
    }
    // The case's identity never changes.
    expect([next.id, next.number, next.receivedAt, next.requester]).toEqual([request.id, request.number, request.receivedAt, request.requester]);
  });

  describe('mayAct agrees with the rules', () => {
    const pairs: [CommandAction, RequestStatus][] = ACTIONS.flatMap((action) => REQUEST_STATUSES.map((status): [CommandAction, RequestStatus] => [action, status]));

    it.each(pairs)('%s in %s', (action, status) => {
      const request = fixture({ status });
      const inState = RULES[action].from.includes(status);
      for (const actor of allowedActors(action)) expect([actor.id, mayAct(request, action, actor)]).toEqual([actor.id, inState]);
      expect(mayAct(request, action, SYSTEM)).toBe(inState);
      expect(mayAct(request, action, STRANGER)).toBe(false);
      // A non-DPO party may only give the requester's commands.
      expect(mayAct(request, action, REQUESTER_ACTOR)).toBe(inState && RULES[action].who === 'requesterOrDpo');
      // A DPO who is a party may not decide: only the requester's commands are left.
      expect(mayAct(request, action, DPO_REQUESTER)).toBe(inState && RULES[action].who === 'requesterOrDpo');
      expect(mayAct(request, action, DPO_SUBJECT)).toBe(inState && RULES[action].who === 'requesterOrDpo');
      expect(mayAct(request, action, DPO)).toBe(inState && RULES[action].who !== 'system');
    });
  });
});

describe('who may act', () => {
  it.each(DPO_ACTIONS)('%s: a non-DPO is refused NOT_DPO, whether stranger or requester', (action) => {
    const status = someFrom(action);
    for (const actor of [STRANGER, REQUESTER_ACTOR, SUBJECT_ACTOR]) {
      expect(refused(apply(fixture({ subject: OUTSIDE_SUBJECT, status }), VALID[action], actor))).toEqual({ code: 'NOT_DPO' });
    }
  });

  it('checks who acts before the state: an outsider is refused without learning the status', () => {
    for (const status of ['received', 'approved', 'completed', 'withdrawn'] as const) {
      expect(refused(apply(fixture({ status }), VALID.approve, STRANGER))).toEqual({ code: 'NOT_DPO' });
      expect(refused(apply(fixture({ status }), VALID.withdraw, STRANGER))).toEqual({ code: 'NOT_REQUESTER' });
    }
  });

  it('route is for the scheduler only: a DPO or requester is refused NOT_DPO', () => {
    expect(refused(apply(fixture(), VALID.route, DPO))).toEqual({ code: 'NOT_DPO' });
    expect(refused(apply(fixture(), VALID.route, REQUESTER_ACTOR))).toEqual({ code: 'NOT_DPO' });
    expect(accepted(apply(fixture(), VALID.route, SYSTEM)).status).toBe('awaitingDecision');
  });

  it.each(DPO_ACTIONS)('%s: a DPO who is the requester or the employee subject is refused OWN_REQUEST', (action) => {
    const status = someFrom(action);
    for (const actor of [DPO_REQUESTER, DPO_SUBJECT]) {
      expect(refused(apply(fixture({ status }), VALID[action], actor))).toEqual({ code: 'OWN_REQUEST' });
    }
  });

  it.each(['approve', 'reject', 'extend'] as const)('%s of an own case is refused OWN_REQUEST, another DPO may', (action) => {
    for (const actor of [DPO_REQUESTER, DPO_SUBJECT]) {
      expect(refused(apply(fixture({ status: 'awaitingDecision' }), VALID[action], actor))).toEqual({ code: 'OWN_REQUEST' });
    }
    expect(accepted(apply(fixture({ status: 'awaitingDecision' }), VALID[action], SECOND_DPO)).version).toBe(2);
  });

  it('a DPO who only shares a name with the subject of an outside case is not a party', () => {
    expect(isParty(fixture({ subject: OUTSIDE_SUBJECT }), EMPLOYEE)).toBe(false);
    expect(isParty(fixture({ subject: EMPLOYEE_SUBJECT }), EMPLOYEE)).toBe(true);
    expect(isParty(fixture(), REQUESTER)).toBe(true);
    expect(isParty(fixture(), STRANGER.id)).toBe(false);
    expect(accepted(apply(fixture({ subject: OUTSIDE_SUBJECT, status: 'awaitingDecision' }), VALID.approve, DPO_SUBJECT)).status).toBe('approved');
  });

  it('a DPO named as an outside case’s subject by their own mail address is a party, and cannot decide it', () => {
    const aboutTheDpo = fixture({ subject: { kind: 'outside', criteria: { lastName: 'Someone', email: ` ${DPO_SUBJECT.id.toUpperCase()} ` } }, status: 'awaitingDecision' });
    expect(hasConflict(aboutTheDpo, DPO_SUBJECT.id)).toBe(true);
    // Typed criteria give nobody a say: not a party, so no withdrawing of somebody else's case.
    expect(isParty(aboutTheDpo, DPO_SUBJECT.id)).toBe(false);
    expect(refused(apply(aboutTheDpo, { action: 'withdraw' }, { id: DPO_SUBJECT.id, isDpo: false }))).toEqual({ code: 'NOT_REQUESTER' });
    expect(refused(apply(aboutTheDpo, { action: 'assign', assignee: DPO_SUBJECT.id }, SECOND_DPO))).toEqual({ code: 'INVALID_ASSIGNEE' });
    // Nor does that DPO end it or answer for it in the requester's stead.
    expect(refused(apply(aboutTheDpo, { action: 'withdraw', reason: 'letter of 3 May' }, DPO_SUBJECT))).toEqual({ code: 'OWN_REQUEST' });
    const asked = accepted(apply(aboutTheDpo, { action: 'askInfo', reason: 'Which address?' }, SECOND_DPO));
    expect(refused(apply(asked, { action: 'provideInfo', note: 'the old one' }, DPO_SUBJECT))).toEqual({ code: 'OWN_REQUEST' });
    expect(accepted(apply(aboutTheDpo, { action: 'withdraw', reason: 'letter of 3 May' }, SECOND_DPO)).status).toBe('withdrawn');
    expect(refused(apply(aboutTheDpo, VALID.approve, DPO_SUBJECT))).toEqual({ code: 'OWN_REQUEST' });
    expect(accepted(apply(aboutTheDpo, VALID.approve, SECOND_DPO)).status).toBe('approved');
  });
});

describe('withdraw', () => {
  it('a third party is refused NOT_REQUESTER', () => {
    expect(refused(apply(fixture({ status: 'awaitingDecision' }), { action: 'withdraw' }, STRANGER))).toEqual({ code: 'NOT_REQUESTER' });
    expect(refused(apply(fixture({ status: 'awaitingDecision' }), { action: 'withdraw', reason: 'I want to' }, STRANGER))).toEqual({ code: 'NOT_REQUESTER' });
  });

  it('a requester asking about their own data may withdraw without a reason', () => {
    const own = fixture({ subject: { kind: 'employee', id: REQUESTER, name: 'Anna Requester' }, status: 'approved' });
    const next = accepted(apply(own, { action: 'withdraw' }, REQUESTER_ACTOR));
    expect(next.status).toBe('withdrawn');
    expect(lastEvent(next)).toStrictEqual({ at: NOW_ISO, actor: REQUESTER, action: 'withdraw', from: 'approved', to: 'withdrawn' });
  });

  it('a requester who relayed somebody else’s request says how that person withdrew it', () => {
    expect(refused(apply(fixture({ status: 'approved' }), { action: 'withdraw' }, REQUESTER_ACTOR))).toEqual({ code: 'REASON_REQUIRED' });
    expect(refused(apply(fixture({ subject: OUTSIDE_SUBJECT, status: 'approved' }), { action: 'withdraw', reason: ' ' }, REQUESTER_ACTOR))).toEqual({ code: 'REASON_REQUIRED' });
    expect(accepted(apply(fixture({ status: 'approved' }), { action: 'withdraw', reason: 'Bob told me on the phone' }, REQUESTER_ACTOR)).status).toBe('withdrawn');
  });

  it('the employee the case is about may withdraw too', () => {
    expect(accepted(apply(fixture({ status: 'inProgress' }), { action: 'withdraw' }, SUBJECT_ACTOR)).status).toBe('withdrawn');
  });

  it('a DPO who records a withdrawal must say how it came', () => {
    expect(refused(apply(fixture({ status: 'awaitingDecision' }), { action: 'withdraw' }, DPO))).toEqual({ code: 'REASON_REQUIRED' });
    expect(refused(apply(fixture({ status: 'awaitingDecision' }), { action: 'withdraw', reason: '  \t ' }, DPO))).toEqual({ code: 'REASON_REQUIRED' });
    const next = accepted(apply(fixture({ status: 'awaitingDecision' }), { action: 'withdraw', reason: '  by letter  ' }, DPO));
    expect(next.status).toBe('withdrawn');
    expect(lastEvent(next).reason).toBe('by letter');
  });

  it('the requester may give a reason, recorded trimmed', () => {
    const next = accepted(apply(fixture({ status: 'received' }), { action: 'withdraw', reason: ' sorted out ' }, REQUESTER_ACTOR));
    expect(lastEvent(next).reason).toBe('sorted out');
  });

  it('records no decision', () => {
    expect(accepted(apply(fixture({ status: 'awaitingDecision' }), { action: 'withdraw' }, SUBJECT_ACTOR)).decision).toBeUndefined();
  });
});

describe('reasons', () => {
  it.each(['reject', 'askInfo'] as const)('%s with a blank reason is refused REASON_REQUIRED', (action) => {
    for (const reason of ['', '   ', '\n\t']) {
      expect(refused(apply(fixture({ status: 'awaitingDecision' }), { action, reason }, DPO))).toEqual({ code: 'REASON_REQUIRED' });
    }
  });

  it.each(['reject', 'askInfo'] as const)('%s records the reason trimmed', (action) => {
    const next = accepted(apply(fixture({ status: 'awaitingDecision' }), { action, reason: '  Unclear request \n' }, DPO));
    expect(lastEvent(next).reason).toBe('Unclear request');
  });

  it('provideInfo and complete record a note as the event reason, and none when blank', () => {
    const provided = accepted(apply(fixture({ status: 'moreInfoNeeded' }), { action: 'provideInfo', note: ' the HR system ' }, REQUESTER_ACTOR));
    expect(lastEvent(provided).reason).toBe('the HR system');
    // An empty answer answers nothing: the clock does not start again on it.
    expect(refused(apply(fixture({ status: 'moreInfoNeeded' }), { action: 'provideInfo', note: '   ' }, REQUESTER_ACTOR))).toEqual({ code: 'ANSWER_REQUIRED' });
    expect(refused(apply(fixture({ status: 'moreInfoNeeded' }), { action: 'provideInfo' }, DPO))).toEqual({ code: 'ANSWER_REQUIRED' });
    const completed = accepted(apply(fixture({ status: 'inProgress' }), { action: 'complete', note: 'Copy sent by mail' }, DPO));
    expect(lastEvent(completed).reason).toBe('Copy sent by mail');
  });

  it('an identity checked “otherwise” needs a note saying how', () => {
    const outside = fixture({ subject: OUTSIDE_SUBJECT, status: 'awaitingDecision' });
    expect(refused(apply(outside, { action: 'approve', identity: { method: 'other' } }, DPO))).toEqual({ code: 'IDENTITY_NOTE_REQUIRED' });
    expect(refused(apply(outside, { action: 'recordIdentity', method: 'other', note: ' ' }, DPO))).toEqual({ code: 'IDENTITY_NOTE_REQUIRED' });
    expect(accepted(apply(outside, { action: 'approve', identity: { method: 'other', note: 'met at the front desk' } }, DPO)).identity).toMatchObject({ method: 'other', note: 'met at the front desk' });
  });

  it('provideInfo: a third party is refused NOT_REQUESTER, a DPO may record it', () => {
    expect(refused(apply(fixture({ status: 'moreInfoNeeded' }), { action: 'provideInfo' }, STRANGER))).toEqual({ code: 'NOT_REQUESTER' });
    expect(accepted(apply(fixture({ status: 'moreInfoNeeded' }), { action: 'provideInfo', note: 'by letter of 3 May' }, DPO)).status).toBe('awaitingDecision');
  });
});

describe('decisions', () => {
  it('approve records who decided, when and how, without a reason', () => {
    const next = accepted(apply(fixture({ status: 'awaitingDecision' }), { action: 'approve' }, DPO));
    expect(next.status).toBe('approved');
    expect(next.decision).toStrictEqual({ by: DPO.id, at: NOW_ISO, status: 'approved' });
  });

  it('reject records who decided, when, how and why', () => {
    const next = accepted(apply(fixture({ status: 'moreInfoNeeded' }), { action: 'reject', reason: ' Manifestly excessive (Art. 12(5)) ' }, DPO));
    expect(next.status).toBe('rejected');
    expect(next.decision).toStrictEqual({ by: DPO.id, at: NOW_ISO, status: 'rejected', reason: 'Manifestly excessive (Art. 12(5))' });
  });

  it('commands that are no decision leave the decision alone', () => {
    const approved = accepted(apply(fixture({ status: 'awaitingDecision' }), { action: 'approve' }, DPO));
    const started = accepted(apply(approved, { action: 'start' }, SECOND_DPO, at('2026-01-21T10:00:00Z')));
    const completed = accepted(apply(started, { action: 'complete' }, SECOND_DPO, at('2026-01-22T10:00:00Z')));
    expect(completed.decision).toStrictEqual({ by: DPO.id, at: NOW_ISO, status: 'approved' });
    expect(completed.status).toBe('completed');
  });
});

describe('identity of an outside subject', () => {
  it('approve without a checked identity is refused IDENTITY_REQUIRED', () => {
    expect(refused(apply(fixture({ subject: OUTSIDE_SUBJECT, status: 'awaitingDecision' }), { action: 'approve' }, DPO))).toEqual({ code: 'IDENTITY_REQUIRED' });
  });

  it('approve with the identity check records it', () => {
    const next = accepted(apply(fixture({ subject: OUTSIDE_SUBJECT, status: 'awaitingDecision' }), { action: 'approve', identity: { method: 'callback', note: 'called back' } }, DPO));
    expect(next.status).toBe('approved');
    expect(next.identity).toStrictEqual({ method: 'callback', by: DPO.id, at: NOW_ISO, note: 'called back' });
  });

  it('approve with an identity check without a note records no note', () => {
    const next = accepted(apply(fixture({ subject: OUTSIDE_SUBJECT, status: 'awaitingDecision' }), { action: 'approve', identity: { method: 'inPerson' } }, DPO));
    expect(next.identity).toStrictEqual({ method: 'inPerson', by: DPO.id, at: NOW_ISO });
  });

  it('an identity recorded earlier lets approve through, and is kept', () => {
    const checked = accepted(apply(fixture({ subject: OUTSIDE_SUBJECT, status: 'received' }), { action: 'recordIdentity', method: 'knownContact', note: 'long-time customer' }, SECOND_DPO, at('2026-01-11T10:00:00Z')));
    expect(checked.status).toBe('received');
    expect(checked.identity).toStrictEqual({ method: 'knownContact', by: SECOND_DPO.id, at: '2026-01-11T10:00:00.000Z', note: 'long-time customer' });
    expect(lastEvent(checked).detail).toBe('knownContact');
    const routed = accepted(apply(checked, { action: 'route' }, SYSTEM, at('2026-01-11T10:05:00Z')));
    const approved = accepted(apply(routed, { action: 'approve' }, DPO));
    expect(approved.identity).toStrictEqual(checked.identity);
  });

  it('an employee needs no identity check for approve', () => {
    const next = accepted(apply(fixture({ subject: EMPLOYEE_SUBJECT, status: 'awaitingDecision' }), { action: 'approve' }, DPO));
    expect(next.identity).toBeUndefined();
  });

  it('recordIdentity on an employee subject is refused NOT_OUTSIDE_SUBJECT', () => {
    for (const status of RULES.recordIdentity.from) {
      expect(refused(apply(fixture({ subject: EMPLOYEE_SUBJECT, status }), { action: 'recordIdentity', method: 'callback' }, DPO))).toEqual({ code: 'NOT_OUTSIDE_SUBJECT' });
    }
  });
});

describe('extension (Art. 12(3): once, by up to two months, within the first month)', () => {
  const received31Jan = '2026-01-31T10:00:00Z';
  const awaiting = (receivedAt = RECEIVED_AT): PrivacyRequest => fixture({ status: 'awaitingDecision', receivedAt });

  it('counts a pause that is running now: waiting for information does not eat the first month', () => {
    const asked = accepted(apply(awaiting(received31Jan), { action: 'askInfo', reason: 'which systems?' }, DPO, at('2026-02-20T10:00:00Z')));
    // Ten days later the original first month (28 Feb) is over, but the clock stood still since 20 Feb.
    const extended = accepted(apply(asked, { action: 'extend', months: 1, reason: 'complex' }, DPO, at('2026-03-02T10:00:00Z')));
    expect(extended.extension?.months).toBe(1);
  });

  it('records no identity check on an employee case, even when an approve carries one', () => {
    const approved = accepted(apply(awaiting(), { action: 'approve', identity: { method: 'callback' } }, DPO, at('2026-02-10T10:00:00Z')));
    expect(approved.identity).toBeUndefined();
  });

  it('by 2 months moves the due date to three months after receipt, clamped (31 Jan → 30 Apr)', () => {
    const request = awaiting(received31Jan);
    expect(request.dueDate).toBe('2026-02-28');
    const next = accepted(apply(request, { action: 'extend', months: 2, reason: ' many systems ' }, DPO, at('2026-02-10T10:00:00Z')));
    expect(next.dueDate).toBe('2026-04-30');
    expect(next.status).toBe('awaitingDecision');
    expect(next.extension).toStrictEqual({ months: 2, reason: 'many systems', by: DPO.id, at: '2026-02-10T10:00:00.000Z' });
    expect(lastEvent(next)).toStrictEqual({ at: '2026-02-10T10:00:00.000Z', actor: DPO.id, action: 'extend', reason: 'many systems', detail: '2' });
  });

  it('by 1 month moves the due date to two months after receipt (31 Jan → 31 Mar)', () => {
    const next = accepted(apply(awaiting(received31Jan), { action: 'extend', months: 1, reason: 'complex' }, DPO, at('2026-02-10T10:00:00Z')));
    expect(next.dueDate).toBe('2026-03-31');
    expect(lastEvent(next).detail).toBe('1');
  });

  it('a leap year: received 30 Nov 2027, extended by 2 → 29 Feb 2028', () => {
    const next = accepted(apply(awaiting('2027-11-30T10:00:00Z'), { action: 'extend', months: 2, reason: 'complex' }, DPO, at('2027-12-01T10:00:00Z')));
    expect(next.dueDate).toBe('2028-02-29');
  });

  it('a second extension is refused ALREADY_EXTENDED', () => {
    const once = accepted(apply(awaiting(), { action: 'extend', months: 1, reason: 'complex' }, DPO));
    expect(refused(apply(once, { action: 'extend', months: 1, reason: 'still complex' }, DPO))).toEqual({ code: 'ALREADY_EXTENDED' });
    expect(refused(apply(once, { action: 'extend', months: 2, reason: 'still complex' }, SECOND_DPO))).toEqual({ code: 'ALREADY_EXTENDED' });
  });

  it('needs a reason', () => {
    expect(refused(apply(awaiting(), { action: 'extend', months: 2, reason: '  ' }, DPO))).toEqual({ code: 'REASON_REQUIRED' });
  });

  it('is allowed up to the last local day of the first month, and refused EXTENSION_TOO_LATE after it', () => {
    const request = awaiting(received31Jan);
    // 22:30 UTC on 28 Feb is still 28 Feb in Berlin; 23:30 UTC is already 1 March.
    expect(accepted(apply(request, { action: 'extend', months: 2, reason: 'complex' }, DPO, at('2026-02-28T22:30:00Z'))).dueDate).toBe('2026-04-30');
    expect(refused(apply(request, { action: 'extend', months: 2, reason: 'complex' }, DPO, at('2026-02-28T23:30:00Z')))).toEqual({ code: 'EXTENSION_TOO_LATE', firstMonthEnded: '2026-02-28' });
    expect(refused(apply(request, { action: 'extend', months: 1, reason: 'complex' }, DPO, at('2026-04-01T10:00:00Z')))).toEqual({ code: 'EXTENSION_TOO_LATE', firstMonthEnded: '2026-02-28' });
  });

  it('counts days already paused into the first month', () => {
    // Received 10 Jan (due 10 Feb), waited 10 days for information → first month ends 20 Feb.
    const paused = run(fixture({ status: 'awaitingDecision' }), [
      [{ action: 'askInfo', reason: 'Which systems?' }, DPO, at('2026-01-12T10:00:00Z')],
      [{ action: 'provideInfo', note: 'HR' }, REQUESTER_ACTOR, at('2026-01-22T10:00:00Z')],
    ]);
    expect(paused.dueDate).toBe('2026-02-20');
    const extended = accepted(apply(paused, { action: 'extend', months: 2, reason: 'complex' }, DPO, at('2026-02-15T10:00:00Z')));
    expect(extended.dueDate).toBe('2026-04-20');
    expect(refused(apply(paused, { action: 'extend', months: 2, reason: 'complex' }, DPO, at('2026-02-21T10:00:00Z')))).toEqual({ code: 'EXTENSION_TOO_LATE', firstMonthEnded: '2026-02-20' });
  });

  it('an extension while waiting for information keeps the pause running', () => {
    const done = run(fixture({ status: 'awaitingDecision' }), [
      [{ action: 'askInfo', reason: 'Which systems?' }, DPO, at('2026-01-12T10:00:00Z')],
      [{ action: 'extend', months: 2, reason: 'complex' }, DPO, at('2026-01-15T10:00:00Z')],
    ]);
    expect(done.status).toBe('moreInfoNeeded');
    expect(done.dueDate).toBe('2026-04-10');
    const provided = accepted(apply(done, { action: 'provideInfo', note: 'HR' }, REQUESTER_ACTOR, at('2026-01-22T10:00:00Z')));
    expect(provided.pausedDays).toBe(10);
    expect(provided.dueDate).toBe('2026-04-20');
  });
});

describe('pausing the clock while waiting for information', () => {
  it('askInfo then provideInfo 10 days later moves the due date 10 days later', () => {
    const routed = accepted(apply(fixture(), { action: 'route' }, SYSTEM, at('2026-01-10T09:01:00Z')));
    expect(routed.dueDate).toBe('2026-02-10');
    const asked = accepted(apply(routed, { action: 'askInfo', reason: 'Which systems?' }, DPO, at('2026-01-12T10:00:00Z')));
    expect(asked.status).toBe('moreInfoNeeded');
    expect(asked.pausedSince).toBe('2026-01-12T10:00:00.000Z');
    expect(asked.dueDate).toBe('2026-02-10');
    const provided = accepted(apply(asked, { action: 'provideInfo', note: 'HR and payroll' }, REQUESTER_ACTOR, at('2026-01-22T08:00:00Z')));
    expect(provided.status).toBe('awaitingDecision');
    expect(provided.pausedDays).toBe(10);
    expect(provided).not.toHaveProperty('pausedSince');
    expect(provided.dueDate).toBe('2026-02-20');
  });

  it('pauses add up', () => {
    const done = run(fixture({ status: 'awaitingDecision' }), [
      [{ action: 'askInfo', reason: 'Which systems?' }, DPO, at('2026-01-12T10:00:00Z')],
      [{ action: 'provideInfo', note: 'HR' }, REQUESTER_ACTOR, at('2026-01-22T10:00:00Z')],
      [{ action: 'askInfo', reason: 'Which period?' }, DPO, at('2026-01-25T10:00:00Z')],
      [{ action: 'approve' }, DPO, at('2026-01-30T10:00:00Z')],
    ]);
    expect(done.status).toBe('approved');
    expect(done.pausedDays).toBe(15);
    expect(done.dueDate).toBe('2026-02-25');
  });

  it('counts local days (Berlin), not 24-hour periods', () => {
    // 23:30 UTC is the next day in Berlin at both ends: 13 Jan → 23 Jan is 10 days.
    const done = run(fixture({ status: 'awaitingDecision' }), [
      [{ action: 'askInfo', reason: 'Which systems?' }, DPO, at('2026-01-12T23:30:00Z')],
      [{ action: 'provideInfo', note: 'HR' }, REQUESTER_ACTOR, at('2026-01-22T23:30:00Z')],
    ]);
    expect(done.pausedDays).toBe(10);
    // The same day: no pause.
    const sameDay = run(fixture({ status: 'awaitingDecision' }), [
      [{ action: 'askInfo', reason: 'Which systems?' }, DPO, at('2026-01-12T08:00:00Z')],
      [{ action: 'provideInfo', note: 'HR' }, REQUESTER_ACTOR, at('2026-01-12T20:00:00Z')],
    ]);
    expect(sameDay.pausedDays).toBe(0);
    expect(sameDay.dueDate).toBe('2026-02-10');
  });

  it.each([
    ['reject', { action: 'reject', reason: 'No answer' }, DPO],
    ['withdraw', { action: 'withdraw' }, SUBJECT_ACTOR],
    ['merge', { action: 'merge', into: OTHER_CASE }, DPO],
    ['approve', { action: 'approve' }, DPO],
  ] as [string, RequestCommand, Actor][])('ends with %s too', (_name, command, actor) => {
    const asked = accepted(apply(fixture({ status: 'awaitingDecision' }), { action: 'askInfo', reason: 'Which systems?' }, DPO, at('2026-01-12T10:00:00Z')));
    const next = accepted(apply(asked, command, actor, at('2026-01-19T10:00:00Z')));
    expect(next.pausedDays).toBe(7);
    expect(next).not.toHaveProperty('pausedSince');
    expect(next.dueDate).toBe('2026-02-17');
  });

  it('commands that keep the case waiting do not end the pause', () => {
    const asked = accepted(apply(fixture({ status: 'awaitingDecision' }), { action: 'askInfo', reason: 'Which systems?' }, DPO, at('2026-01-12T10:00:00Z')));
    const assigned = accepted(apply(asked, { action: 'assign', assignee: SECOND_DPO.id }, DPO, at('2026-01-19T10:00:00Z')));
    expect(assigned.status).toBe('moreInfoNeeded');
    expect(assigned.pausedSince).toBe('2026-01-12T10:00:00.000Z');
    expect(assigned.pausedDays).toBe(0);
  });
});

describe('link, merge and assign', () => {
  it.each([IDS.id, IDS.number])('link or merge with itself (%s) is refused SAME_CASE', (self) => {
    expect(refused(apply(fixture({ status: 'awaitingDecision' }), { action: 'link', other: self }, DPO))).toEqual({ code: 'SAME_CASE' });
    expect(refused(apply(fixture({ status: 'awaitingDecision' }), { action: 'merge', into: self }, DPO))).toEqual({ code: 'SAME_CASE' });
  });

  it('link adds the other case once', () => {
    const once = accepted(apply(fixture({ status: 'approved' }), { action: 'link', other: OTHER_CASE }, DPO));
    expect(once.linked).toEqual([OTHER_CASE]);
    expect(lastEvent(once).detail).toBe(OTHER_CASE);
    const twice = accepted(apply(once, { action: 'link', other: OTHER_CASE }, DPO));
    expect(twice.linked).toEqual([OTHER_CASE]);
    const third = accepted(apply(twice, { action: 'link', other: 'DSR-2026-0003' }, DPO));
    expect(third.linked).toEqual([OTHER_CASE, 'DSR-2026-0003']);
    expect(third.status).toBe('approved');
  });

  it('merge closes the case into the other one', () => {
    const next = accepted(apply(fixture({ status: 'awaitingDecision' }), { action: 'merge', into: OTHER_CASE }, DPO));
    expect(next.status).toBe('merged');
    expect(next.mergedInto).toBe(OTHER_CASE);
    expect(lastEvent(next)).toMatchObject({ action: 'merge', from: 'awaitingDecision', to: 'merged', detail: OTHER_CASE });
    expect(next.decision).toBeUndefined();
  });

  it.each([
    ['the requester', REQUESTER],
    ['the employee subject', EMPLOYEE],
    ['nobody', ''],
    ['blanks', '   '],
  ])('assign to %s is refused INVALID_ASSIGNEE', (_who, assignee) => {
    expect(refused(apply(fixture({ status: 'awaitingDecision' }), { action: 'assign', assignee }, DPO))).toEqual({ code: 'INVALID_ASSIGNEE' });
  });

  it('assign to someone else records the assignee', () => {
    const next = accepted(apply(fixture({ status: 'inProgress' }), { action: 'assign', assignee: SECOND_DPO.id }, DPO));
    expect(next.assignee).toBe(SECOND_DPO.id);
    expect(next.status).toBe('inProgress');
    expect(lastEvent(next).detail).toBe(SECOND_DPO.id);
  });
});

describe('openRequest and caseNumber', () => {
  it('opens a case in state received, due one month after the local day of receipt', () => {
    const request = openRequest(
      { ...newRequest(EMPLOYEE_SUBJECT, '2026-01-31T23:30:00Z'), channel: 'letter', note: 'by post', rectification: { item: 'address', newValue: 'Hauptstr. 1' } },
      IDS,
      at('2026-02-02T08:00:00Z'),
    );
    expect(request).toStrictEqual({
      id: 'req-1',
      number: 'DSR-2026-0001',
      type: 'access',
      subject: EMPLOYEE_SUBJECT,
      requester: REQUESTER,
      channel: 'letter',
      receivedAt: '2026-01-31T23:30:00Z',
      // 31 Jan 23:30 UTC is 1 Feb in Berlin.
      dueDate: '2026-03-01',
      status: 'received',
      pausedDays: 0,
      linked: [],
      version: 1,
      history: [{ at: '2026-02-02T08:00:00.000Z', actor: REQUESTER, action: 'receive', to: 'received', detail: 'letter' }],
      note: 'by post',
      rectification: { item: 'address', newValue: 'Hauptstr. 1' },
    });
  });

  it('uses the time zone of the context for the due date', () => {
    const received = newRequest(EMPLOYEE_SUBJECT, '2026-01-31T23:30:00Z');
    expect(openRequest(received, IDS, { now: new Date(), timeZone: 'UTC' }).dueDate).toBe('2026-02-28');
    expect(openRequest(received, IDS, { now: new Date(), timeZone: 'America/New_York' }).dueDate).toBe('2026-02-28');
    expect(openRequest(received, IDS, { now: new Date(), timeZone: 'Pacific/Auckland' }).dueDate).toBe('2026-03-01');
  });

  it('leaves out an empty note and a missing rectification', () => {
    const request = openRequest({ ...newRequest(EMPLOYEE_SUBJECT), note: '' }, IDS, NOW);
    expect(request).not.toHaveProperty('note');
    expect(request).not.toHaveProperty('rectification');
  });

  it.each([
    [2026, 42, 'DSR-2026-0042'],
    [2026, 1, 'DSR-2026-0001'],
    [2027, 9999, 'DSR-2027-9999'],
    [2027, 12345, 'DSR-2027-12345'],
  ])('caseNumber(%i, %i) is %s', (year, sequence, expected) => {
    expect(caseNumber(year, sequence)).toBe(expected);
  });
});

describe('a whole case', () => {
  it('received → routed → more info → approved → in progress → completed', () => {
    const done = run(fixture({ subject: OUTSIDE_SUBJECT }), [
      [{ action: 'route' }, SYSTEM, at('2026-01-10T09:01:00Z')],
      [{ action: 'askInfo', reason: 'Please confirm your address' }, DPO, at('2026-01-11T10:00:00Z')],
      [{ action: 'provideInfo', note: 'Confirmed' }, REQUESTER_ACTOR, at('2026-01-14T10:00:00Z')],
      [{ action: 'approve', identity: { method: 'replyToKnownAddress' } }, DPO, at('2026-01-15T10:00:00Z')],
      [{ action: 'start' }, DPO, at('2026-01-16T10:00:00Z')],
      [{ action: 'complete', note: 'Copy sent' }, DPO, at('2026-01-20T10:00:00Z')],
    ]);
    expect(done.status).toBe('completed');
    expect(done.version).toBe(7);
    expect(done.history.map((event) => event.action)).toEqual(['receive', 'route', 'askInfo', 'provideInfo', 'approve', 'start', 'complete']);
    expect(done.history.map((event) => event.to)).toEqual(['received', 'awaitingDecision', 'moreInfoNeeded', 'awaitingDecision', 'approved', 'inProgress', 'completed']);
    expect(done.pausedDays).toBe(3);
    expect(done.dueDate).toBe('2026-02-13');
    // Nothing more happens to a completed case.
    for (const action of ACTIONS) expect(refused(apply(done, VALID[action], action === 'route' ? SYSTEM : DPO))).toEqual({ code: 'INVALID_TRANSITION', from: 'completed' });
  });
});

describe('property: random command sequences', () => {
  const ACTORS = [DPO, SECOND_DPO, REQUESTER_ACTOR, SUBJECT_ACTOR, STRANGER, SYSTEM, DPO_REQUESTER];
  const step = fc.record({
    action: fc.constantFrom(...ACTIONS),
    actor: fc.constantFrom(...ACTORS),
    days: fc.integer({ min: 0, max: 12 }),
    blank: fc.boolean(),
  });

  it('never mutate the input; accepted commands follow RULES; the due date always follows from the case', () => {
    fc.assert(
      fc.property(fc.constantFrom(EMPLOYEE_SUBJECT, OUTSIDE_SUBJECT), fc.array(step, { maxLength: 25 }), (subject, steps) => {
        let request = fixture({ subject });
        let now = new Date(RECEIVED_AT).getTime();
        for (const { action, actor, days, blank } of steps) {
          now += days * 86_400_000 + 3_600_000;
          const command: RequestCommand =
            blank && (action === 'reject' || action === 'askInfo' || action === 'extend' || action === 'withdraw') ? { ...VALID[action], reason: ' ' } : VALID[action];
          const result = apply(request, command, actor, { now: new Date(now), timeZone: TZ });
          if (!result.ok) {
            // Who is checked before the state, so an outsider learns nothing about it.
            if (['NOT_DPO', 'OWN_REQUEST', 'NOT_REQUESTER'].includes(result.error.code)) continue;
            if (!RULES[action].from.includes(request.status)) expect(result.error).toEqual({ code: 'INVALID_TRANSITION', from: request.status });
            else expect(result.error.code).not.toBe('INVALID_TRANSITION');
            continue;
          }
          const next = result.value;
          expect(RULES[action].from).toContain(request.status);
          expect(next.status).toBe(RULES[action].to ?? request.status);
          expect(next.version).toBe(request.version + 1);
          expect(next.history).toHaveLength(next.version);
          expect(next.pausedSince !== undefined).toBe(next.status === 'moreInfoNeeded');
          expect(next.pausedDays).toBeGreaterThanOrEqual(request.pausedDays);
          expect(next.dueDate).toBe(dueDateOf({ receivedAt: next.receivedAt, extensionMonths: next.extension?.months ?? 0, pausedDays: next.pausedDays }, TZ));
          expect(next.dueDate >= request.dueDate).toBe(true);
          if (next.status === 'approved') expect(next.subject.kind === 'employee' || next.identity !== undefined).toBe(true);
          request = next;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('correcting whom the case is about', () => {
  const SCHULZ: RequestSubject = { kind: 'outside', criteria: { firstName: 'Petra', lastName: 'Schulz', street: 'Hauptstr. 5', postcodeCity: '80331 München' } };

  it('replaces the subject, records only its kind, and keeps everything else', () => {
    const request = fixture({ subject: EMPLOYEE_SUBJECT, status: 'awaitingDecision' });
    const next = accepted(apply(request, { action: 'correctSubject', subject: SCHULZ }, DPO));
    expect(next.subject).toEqual(SCHULZ);
    expect(lastEvent(next)).toEqual({ at: NOW_ISO, actor: DPO.id, action: 'correctSubject', detail: 'outside' });
    expect([next.status, next.dueDate, next.requester, next.type]).toEqual([request.status, request.dueDate, request.requester, request.type]);
  });

  it('forgets an identity check made for the person named before: approval needs a new one', () => {
    const checked = accepted(apply(fixture({ subject: OUTSIDE_SUBJECT, status: 'awaitingDecision' }), { action: 'recordIdentity', method: 'callback' }, DPO));
    const corrected = accepted(apply(checked, { action: 'correctSubject', subject: SCHULZ }, DPO));
    expect(corrected).not.toHaveProperty('identity');
    expect(refused(apply(corrected, { action: 'approve' }, DPO))).toEqual({ code: 'IDENTITY_REQUIRED' });
    // Made about an employee, no identity check is needed.
    const employee = accepted(apply(checked, { action: 'correctSubject', subject: { kind: 'employee', id: 'carl@corp.example', name: 'Carl' } }, DPO));
    expect(accepted(apply(employee, { action: 'approve' }, DPO)).status).toBe('approved');
  });

  it('is refused when nothing changes, and when the DPO would make the case their own (by id or by mail)', () => {
    const request = fixture({ subject: OUTSIDE_SUBJECT, status: 'awaitingDecision' });
    const same: RequestSubject = { kind: 'outside', criteria: { firstName: ' erika', lastName: 'MUSTERFRAU', email: 'erika@mail.example' } };
    expect(refused(apply(request, { action: 'correctSubject', subject: same }, DPO))).toEqual({ code: 'SAME_SUBJECT' });
    expect(refused(apply(request, { action: 'correctSubject', subject: { kind: 'employee', id: DPO.id, name: 'Dora' } }, DPO))).toEqual({ code: 'SUBJECT_CONFLICT' });
    expect(refused(apply(request, { action: 'correctSubject', subject: { kind: 'outside', criteria: { email: DPO.id.toUpperCase() } } }, DPO))).toEqual({ code: 'SUBJECT_CONFLICT' });
    // Another DPO may make it about Dora: Dora then no longer decides it.
    const aboutDora = accepted(apply(request, { action: 'correctSubject', subject: { kind: 'employee', id: DPO.id, name: 'Dora' } }, SECOND_DPO));
    expect(refused(apply(aboutDora, { action: 'approve' }, DPO))).toEqual({ code: 'OWN_REQUEST' });
  });

  it('is for DPOs only, and only before the case is decided', () => {
    for (const actor of [REQUESTER_ACTOR, SUBJECT_ACTOR, STRANGER]) {
      expect(refused(apply(fixture({ status: 'awaitingDecision' }), { action: 'correctSubject', subject: SCHULZ }, actor))).toEqual({ code: 'NOT_DPO' });
    }
    for (const status of ['approved', 'inProgress', 'completed', 'rejected'] as const) {
      expect(refused(apply(fixture({ status }), { action: 'correctSubject', subject: SCHULZ }, DPO))).toEqual({ code: 'INVALID_TRANSITION', from: status });
    }
  });
});
