import { renderAnswer } from '../cards/answer.card';
import { explainLevelCard, explainLevelsCard } from '../cards/explain-level.card';
import { helpCard, noticeCard, retentionCard } from '../cards/simple.card';
import { retentionSummaryCard } from '../cards/retention-summary.card';
import { recognise } from '../intents/recognise';
import { classify, featuresOf } from '../intents/classifier';
import { intentModel } from '../intents/intent-model';
import { tokenise } from '../intents/tokenise';
import { suggestionActions } from '../cards/suggestions';
import { type Handler, type HandlerServices, type Turn, textsFor } from './turn';

/** Who asks, for the help card: the DPO and the administrators get theirs. */
function roleOf(turn: Turn, services: HandlerServices): 'dpo' | 'admin' | 'employee' {
  if (turn.asker === undefined) return 'employee';
  const id = services.desk.person(turn.asker).id;
  if (services.requests?.isDpo(id)) return 'dpo';
  if (services.admins?.includes(id)) return 'admin';
  return 'employee';
}

export const helpHandler: Handler = async (turn, services) => helpCard(textsFor(turn), 'help', roleOf(turn, services));

/**
 * A message the bot did not understand: the few things it most likely meant, from the words it did
 * recognise, as buttons — and the role's help when nothing was recognised at all.
 */
export const unknownHandler: Handler = async (turn, services) => {
  const t = textsFor(turn);
  const isPerson = (name: string): boolean => services.desk.directory.searchPeople(name, 2).kind !== 'none';
  const text = turn.text ?? '';
  const ranked = text ? classify(intentModel(), featuresOf(tokenise(text))) : [];
  const likelihood = (intent: string): number => ranked.find((r) => r.intent === intent)?.probability ?? 0;
  const actions = text ? suggestionActions(t, recognise(text), isPerson, likelihood) : [];
  if (actions.length === 0) return helpCard(t, 'unknown', roleOf(turn, services));
  return renderAnswer({ title: t.suggestTitle, intro: [t.suggestIntro], actions });
};

export const thanksHandler: Handler = async (turn) => {
  const t = textsFor(turn);
  return renderAnswer({ title: t.thanksTitle, intro: [t.thanksText], actions: t.helpExamples.slice(0, 3).map((text) => ({ title: text, data: { verb: 'ask', text } })) });
};

/** "What does Business mean?", "welche Stufen gibt es": from the matrix in force. */
export const explainLevelHandler: Handler = async (turn, services) => {
  const t = textsFor(turn);
  const level = turn.parsed.level;
  return level ? explainLevelCard(t, services.desk.matrix, level) : explainLevelsCard(t, services.desk.matrix);
};

/** "Who is our DPO?": the configured DPOs and deputy by name, and how to reach them through a request. */
export const whoIsDpoHandler: Handler = async (turn, services) => {
  const t = textsFor(turn);
  const roster = services.requests?.roster;
  if (!roster || (roster.dpos.length === 0 && roster.deputy === undefined)) return noticeCard(t.whoIsDpoTitle, [t.noDpoConfigured]);
  const nameOf = (id: string): string => {
    const index = services.desk.directory.indexOf(id);
    return index === undefined ? id : `${services.desk.person(index).displayName} (${id})`;
  };
  const dpos = roster.dpos.length > 0 ? roster.dpos : [roster.deputy as string];
  const intro = [t.whoIsDpoIntro(t.list(dpos.map(nameOf)))];
  if (roster.deputy && roster.dpos.length > 0) intro.push(t.whoIsDeputy(nameOf(roster.deputy)));
  const examples = t.helpExamples.filter((text) => /request|Antrag/i.test(text));
  return renderAnswer({ title: t.whoIsDpoTitle, intro, actions: [...t.requestExamples, ...examples].map((text) => ({ title: text, data: { verb: 'ask', text } })) });
};

/** Seed 4.1.3: the retention summary for administrators and DPOs; everyone else gets the rules. */
export const retentionSummaryHandler: Handler = async (turn, services) => {
  const t = textsFor(turn);
  if (roleOf(turn, services) === 'employee' || !services.retention) return retentionCard(t);
  return retentionSummaryCard(t, await services.retention.summary(), services.retention.timeZone, { buttons: true });
};

export const processingRecordHandler: Handler = async (turn) => {
  const t = textsFor(turn);
  return noticeCard(t.recordTitle, [t.recordNotYet]);
};
