import { helpCard, noticeCard, retentionCard } from '../cards/simple.card';
import { type Handler, textsFor } from './turn';

export const helpHandler: Handler = async (turn) => helpCard(textsFor(turn), 'help');

export const unknownHandler: Handler = async (turn) => helpCard(textsFor(turn), 'unknown');

/** Seed 4.1.3 retention rules; the administrators' weekly summary comes later. */
export const retentionSummaryHandler: Handler = async (turn) => retentionCard(textsFor(turn));

export const processingRecordHandler: Handler = async (turn) => {
  const t = textsFor(turn);
  return noticeCard(t.recordTitle, [t.recordNotYet]);
};
