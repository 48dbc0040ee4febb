import type { IntentName } from '../intents/intent';
import type { RenderedCard } from '../cards/answer.card';
import { noticeCard } from '../cards/simple.card';
import { listGrantsHandler, removeAllGrantsHandler, removeGrantHandler, setLevelHandler } from './grant.handlers';
import {
  explainLevelHandler,
  helpHandler,
  processingRecordHandler,
  retentionSummaryHandler,
  thanksHandler,
  unknownHandler,
  whoIsDpoHandler,
} from './info.handlers';
import { requestStatusHandler, startRequestHandler, submitFormHandler, waitingQuestion } from './request.handlers';
import { whatCanISeeHandler, whatCanSeeHandler, whoCanSeeHandler, whyCanSeeHandler } from './lookup.handlers';
import { type Handler, type HandlerServices, type Turn, textsFor } from './turn';
import { resolveRelation } from './relation.handlers';
import { adminChannelHandler } from './retention.handlers';
import { replayHandler } from './replay.handlers';

/**
 * Every intent has exactly one handler; `needsAsker` ones answer about the asker's own data;
 * `personalOnly` ones only in a personal chat (who asks for what under the GDPR is nobody else's business).
 */
const ROUTES: Record<IntentName, { handler: Handler; needsAsker: boolean; personalOnly?: boolean }> = {
  whoCanSee: { handler: whoCanSeeHandler, needsAsker: true },
  whatCanSee: { handler: whatCanSeeHandler, needsAsker: true },
  whatCanISee: { handler: whatCanISeeHandler, needsAsker: true },
  whyCanSee: { handler: whyCanSeeHandler, needsAsker: true },
  setLevel: { handler: setLevelHandler, needsAsker: true },
  removeGrant: { handler: removeGrantHandler, needsAsker: true },
  removeAllGrants: { handler: removeAllGrantsHandler, needsAsker: true },
  listGrants: { handler: listGrantsHandler, needsAsker: true },
  help: { handler: helpHandler, needsAsker: false },
  thanks: { handler: thanksHandler, needsAsker: false },
  explainLevel: { handler: explainLevelHandler, needsAsker: false },
  whoIsDpo: { handler: whoIsDpoHandler, needsAsker: false },
  startRequest: { handler: (turn, services) => (turn.form ? submitFormHandler(turn, services) : startRequestHandler(turn, services)), needsAsker: true, personalOnly: true },
  requestStatus: { handler: requestStatusHandler, needsAsker: true, personalOnly: true },
  retentionSummary: { handler: retentionSummaryHandler, needsAsker: false },
  adminChannel: { handler: adminChannelHandler, needsAsker: false },
  processingRecord: { handler: processingRecordHandler, needsAsker: false },
  replay: { handler: replayHandler, needsAsker: true, personalOnly: true },
  unknown: { handler: async (turn, services) => (await waitingQuestion(turn, services)) ?? unknownHandler(turn, services), needsAsker: false },
};

/** Answers one understood question. */
export async function route(turn: Turn, services: HandlerServices): Promise<RenderedCard> {
  const { handler, needsAsker, personalOnly } = ROUTES[turn.parsed.intent];
  if (personalOnly && turn.shared) return noticeCard(textsFor(turn).requestsTitle, [textsFor(turn).requestsPersonalOnly]);
  if (needsAsker && turn.asker === undefined) {
    const t = textsFor(turn);
    return noticeCard(t.appTitle, [turn.unidentified === 'directory' ? t.notInDirectory : t.unidentified]);
  }
  // "my manager", "my team": the directory says who that is.
  const related = resolveRelation(turn, services);
  if (related && 'reply' in related) return related.reply;
  return handler(related ? related.turn : turn, services);
}
