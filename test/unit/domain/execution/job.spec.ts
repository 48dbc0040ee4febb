import { StepTransitionError, isComplete, nextOf, record, startJob } from '../../../../src/domain/execution/job';
import { type SourceAbilities, planFor } from '../../../../src/domain/execution/plan';

const SOURCES: SourceAbilities[] = [
  { id: 'journal', category: 'H', can: new Set(['find', 'export', 'erase']) },
  { id: 'favourites', category: 'F', can: new Set(['find', 'export']), owner: 'uc-admins@example.com' },
];
const T = '2026-12-05T10:00:00Z';

describe('an execution job', () => {
  it('runs the bot’s steps in order, sends a person’s task and waits for the answer, then completes', () => {
    let job = startJob('case-1', planFor('erasure', SOURCES));
    expect(nextOf(job)).toMatchObject({ kind: 'run', step: { id: 'erase:journal' } });
    job = record(job, 'erase:journal', { kind: 'started', at: T });
    job = record(job, 'erase:journal', { kind: 'done', at: T, by: 'bot', counts: { deleted: 412 } });
    expect(nextOf(job)).toMatchObject({ kind: 'sendTask', step: { id: 'erase:favourites', assignee: 'uc-admins@example.com' } });
    job = record(job, 'erase:favourites', { kind: 'taskSent', at: T });
    // Nothing after it runs while the task is out: the check after an erasure needs every deletion.
    expect(nextOf(job)).toMatchObject({ kind: 'blocked', step: { id: 'erase:favourites' } });
    job = record(job, 'erase:favourites', { kind: 'notPossible', at: T, by: 'uc-admins@example.com', reason: 'contact list archived' });
    expect(nextOf(job)).toMatchObject({ kind: 'run', step: { id: 'confirmGone' } });
    for (const id of ['confirmGone', 'notify']) {
      job = record(job, id, { kind: 'started', at: T });
      job = record(job, id, { kind: 'done', at: T, by: 'bot' });
    }
    expect(nextOf(job)).toEqual({ kind: 'complete' });
    expect(isComplete(job)).toBe(true);
  });

  it('takes a step left running by a crash up again, and holds a failed one for Retry', () => {
    let job = startJob('case-1', planFor('access', SOURCES));
    job = record(job, 'export:journal', { kind: 'started', at: T });
    // The process died here: the step is run again, counted as a second attempt.
    expect(nextOf(job)).toMatchObject({ kind: 'run', step: { id: 'export:journal' } });
    job = record(job, 'export:journal', { kind: 'started', at: T });
    expect(job.steps[0]?.state).toEqual({ status: 'running', since: T, attempt: 2 });
    job = record(job, 'export:journal', { kind: 'failed', at: T, error: 'source unavailable' });
    expect(nextOf(job)).toMatchObject({ kind: 'blocked', step: { id: 'export:journal' } });
    job = record(job, 'export:journal', { kind: 'retry' });
    expect(nextOf(job)).toMatchObject({ kind: 'run', step: { id: 'export:journal' } });
    // Attempts go on counting after a Retry: each attempt is claimed once, across instances.
    job = record(job, 'export:journal', { kind: 'started', at: T });
    expect(job.steps[0]?.state).toEqual({ status: 'running', since: T, attempt: 3 });
    expect(isComplete(job)).toBe(false);
  });

  it('refuses what does not fit: a finished step touched again, a bot step answered by a person, an unknown step', () => {
    let job = startJob('case-1', planFor('erasure', SOURCES));
    job = record(job, 'erase:journal', { kind: 'started', at: T });
    const done = record(job, 'erase:journal', { kind: 'done', at: T, by: 'bot' });
    expect(() => record(done, 'erase:journal', { kind: 'done', at: T, by: 'bot' })).toThrow(StepTransitionError);
    expect(() => record(done, 'erase:journal', { kind: 'started', at: T })).toThrow(StepTransitionError);
    expect(() => record(job, 'erase:journal', { kind: 'notPossible', at: T, by: 'x', reason: 'y' })).toThrow(StepTransitionError);
    // A task answered twice (a second click) changes nothing the second time.
    const sent = record(done, 'erase:favourites', { kind: 'taskSent', at: T });
    const answered = record(sent, 'erase:favourites', { kind: 'done', at: T, by: 'uc-admins@example.com' });
    expect(() => record(answered, 'erase:favourites', { kind: 'notPossible', at: T, by: 'uc-admins@example.com', reason: 'late' })).toThrow(StepTransitionError);
    expect(() => record(job, 'no-such-step', { kind: 'retry' })).toThrow(/no step no-such-step/);
    // The job given is never changed.
    expect(job.steps[0]?.state.status).toBe('running');
  });
});
