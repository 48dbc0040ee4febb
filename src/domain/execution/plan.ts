import type { CategoryId } from '../catalogue/catalogue.data';
import type { RequestType } from '../requests/request';

/** What a source says it can do (the port's capabilities, as plain data: the domain imports no port). */
export interface SourceAbilities {
  id: string;
  category: CategoryId;
  can: ReadonlySet<'find' | 'export' | 'rectify' | 'erase' | 'pseudonymise' | 'restrict' | 'purgeByAge'>;
  /** Who looks after the source: a step it cannot do itself becomes this person's task. */
  owner?: string;
}

/** What one step does. */
export type StepKind =
  /** Copy the subject's records out of a source (access, Art. 15; portability, Art. 20). */
  | 'export'
  /** Change an item to its corrected value (Art. 16). */
  | 'rectify'
  /** Delete the subject's records (Art. 17). */
  | 'erase'
  /** Replace what identifies the subject by a keyed pseudonym, where deleting is not wanted (Art. 17). */
  | 'pseudonymise'
  /** Mark the subject's records restricted: purges and later processing leave them be (Art. 18, 21). */
  | 'restrict'
  /** Nothing can be done in this source, and the answer says why. */
  | 'explain'
  /** Search again afterwards: nothing identifying is left (erasure). */
  | 'confirmGone'
  /** Assemble the access report from the exports. */
  | 'report'
  /** Hand the report to the DPOs (a signed download link in their personal chat; never a channel). */
  | 'deliver'
  /** The answer letter to an outside person, in German and English, for the DPO to send by post or mail. */
  | 'letter'
  /** Tell the requester the outcome. */
  | 'notify';

/** Why a step can only be explained, not done. */
export type ExplainReason = 'tasksCannotBeDeleted' | 'logsAgeOut' | 'notSupported';

/** One step of a plan: done by the bot, or a task for a person (the source's owner, else the DPO). */
export interface PlanStep {
  /** Stable within the case (`erase:journal`): a step done is never done again after a restart. */
  id: string;
  kind: StepKind;
  source?: string;
  category?: CategoryId;
  by: 'bot' | 'person';
  /** For a person's task: who (the source's owner); absent — the DPO. */
  assignee?: string;
  reason?: ExplainReason;
}

export interface PlanOptions {
  /** Erasure: pseudonymise instead of deleting where a source can. */
  pseudonymise?: boolean;
  /** Objection (Art. 21): what the DPO decided it becomes. */
  objectionBecomes?: 'restriction' | 'erasure';
  /** The person is no employee (no Teams chat): the answer is a letter, which the DPO sends. */
  outsideSubject?: boolean;
}

/** The step that turns into a task for a person where the source cannot do `kind` itself. */
function stepOn(source: SourceAbilities, kind: 'export' | 'rectify' | 'erase' | 'pseudonymise' | 'restrict'): PlanStep {
  const step: PlanStep = { id: `${kind}:${source.id}`, kind, source: source.id, category: source.category, by: source.can.has(kind) ? 'bot' : 'person' };
  if (step.by === 'person' && source.owner) step.assignee = source.owner;
  return step;
}

const explain = (source: SourceAbilities, reason: ExplainReason): PlanStep => ({ id: `explain:${source.id}`, kind: 'explain', source: source.id, category: source.category, by: 'bot', reason });

/**
 * The steps that carry out an approved request across the sources (seed 4.1.2 categories), in the
 * order they run. Pure: the runner records each step's state and never repeats one that is done.
 *
 * - Access: every source's records exported, then the report, handed to the DPOs.
 * - Rectification: the directory (F) — where the person's details live and from where they are
 *   copied (seed 4.2) — corrected; journal, chat and tasks keep what happened as it happened.
 * - Erasure: journal (H) and chat (C) deleted (or pseudonymised); favourites and the directory (F) by
 *   the source or its owner (the product's admin console deletes users); tasks (T) cannot be deleted
 *   (seed 4.1.3) and logs (L) age out by size — both explained, with restriction offered for tasks;
 *   then a search confirms nothing identifying is left.
 * - Restriction: every source that holds records marks them; logs age out.
 * - Objection: as the DPO decided — a restriction or an erasure; undecided, no steps.
 * Every plan ends by telling the requester — after the answer letter, for an outside person.
 */
export function planFor(type: RequestType, sources: readonly SourceAbilities[], options: PlanOptions = {}): PlanStep[] {
  const steps: PlanStep[] = [];
  const kind: Exclude<RequestType, 'objection'> | undefined = type === 'objection' ? options.objectionBecomes : type;
  switch (kind) {
    case 'access':
      for (const source of sources) steps.push(stepOn(source, 'export'));
      steps.push({ id: 'report', kind: 'report', by: 'bot' }, { id: 'deliver', kind: 'deliver', by: 'bot' });
      break;
    case 'rectification':
      for (const source of sources.filter((s) => s.category === 'F')) steps.push(stepOn(source, 'rectify'));
      break;
    case 'erasure':
      for (const source of sources) {
        if (source.category === 'T') steps.push(explain(source, 'tasksCannotBeDeleted'));
        else if (source.category === 'L') steps.push(explain(source, 'logsAgeOut'));
        else if (options.pseudonymise && source.can.has('pseudonymise')) steps.push(stepOn(source, 'pseudonymise'));
        else steps.push(stepOn(source, 'erase'));
      }
      steps.push({ id: 'confirmGone', kind: 'confirmGone', by: 'bot' });
      break;
    case 'restriction':
      for (const source of sources) steps.push(source.category === 'L' ? explain(source, 'logsAgeOut') : stepOn(source, 'restrict'));
      break;
    case undefined:
      return [];
  }
  if (options.outsideSubject) steps.push({ id: 'letter', kind: 'letter', by: 'bot' });
  steps.push({ id: 'notify', kind: 'notify', by: 'bot' });
  return steps;
}
