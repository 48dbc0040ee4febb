import { helpCard, noticeCard, retentionCard } from '../cards/simple.card';
import { type Handler, textsFor } from './turn';
import { plain } from '../cards/describe';

export const helpHandler: Handler = async (turn) => helpCard(textsFor(turn), 'help');

export const unknownHandler: Handler = async (turn) => helpCard(textsFor(turn), 'unknown');

/** Privacy requests arrive in a later release; until then the bot says so and what to do instead. */
export const startRequestHandler: Handler = async (turn) => {
  const t = textsFor(turn);
  const type = turn.parsed.requestType ? t.requestType(turn.parsed.requestType) : t.requestsTitle;
  const subject = !turn.parsed.subject || turn.parsed.subject === 'me' ? t.subjectMe : plain(turn.parsed.subject);
  return noticeCard(t.requestsTitle, [t.requestNotYet(type, subject)]);
};

export const requestStatusHandler: Handler = async (turn) => {
  const t = textsFor(turn);
  return noticeCard(t.requestsTitle, [t.requestStatusNotYet]);
};

/** Seed 4.1.3 retention rules; the administrators' weekly summary comes later. */
export const retentionSummaryHandler: Handler = async (turn) => retentionCard(textsFor(turn));

export const processingRecordHandler: Handler = async (turn) => {
  const t = textsFor(turn);
  return noticeCard(t.recordTitle, [t.recordNotYet]);
};
