import type { IntentName } from './intent';
import type { Token } from './tokenise';

/** One labelled message of the training corpus. */
export interface TrainingMessage {
  text: string;
  intent: IntentName;
}

/** A multinomial naive Bayes model over the words and concepts of a message. */
export interface IntentModel {
  intents: readonly IntentName[];
  /** log P(intent). */
  priors: readonly number[];
  /** log P(feature | intent), per feature; unseen features get `unseen[intent]`. */
  likelihood: ReadonlyMap<string, readonly number[]>;
  unseen: readonly number[];
}

/**
 * The features of a message: the concepts its words carry (what the lexicon made of them, typos
 * included), the words themselves as typed (folded), and whether a word looked like a name. Small
 * words carry no signal and are left out.
 */
export function featuresOf(tokens: readonly Token[]): string[] {
  const features: string[] = [];
  for (const token of tokens) {
    if (token.concepts.has('FILLER') && token.concepts.size === 1) continue;
    if (token.concepts.size === 0 || token.isAddress) features.push('name');
    else for (const concept of token.concepts) features.push(`c:${concept}`);
    if (!token.isAddress && token.word.length > 1) features.push(`w:${token.word}`);
  }
  return features;
}

/** Trains the model (add-one smoothing). Pure: the same corpus gives the same model. */
export function trainIntentModel(messages: readonly { features: string[]; intent: IntentName }[]): IntentModel {
  const intents = [...new Set(messages.map((m) => m.intent))].sort();
  const at = new Map(intents.map((intent, i) => [intent, i]));
  const counts = new Map<string, number[]>();
  const totals = intents.map(() => 0);
  const documents = intents.map(() => 0);
  for (const message of messages) {
    const i = at.get(message.intent) as number;
    documents[i] = (documents[i] ?? 0) + 1;
    for (const feature of message.features) {
      const row = counts.get(feature) ?? intents.map(() => 0);
      row[i] = (row[i] ?? 0) + 1;
      counts.set(feature, row);
      totals[i] = (totals[i] ?? 0) + 1;
    }
  }
  const vocabulary = counts.size;
  const likelihood = new Map<string, number[]>();
  for (const [feature, row] of counts) likelihood.set(feature, row.map((count, i) => Math.log((count + 1) / ((totals[i] ?? 0) + vocabulary))));
  return {
    intents,
    priors: documents.map((n) => Math.log(n / messages.length)),
    likelihood,
    unseen: totals.map((total) => Math.log(1 / (total + vocabulary))),
  };
}

/** The intents most likely meant, each with its probability, most likely first. */
export function classify(model: IntentModel, features: readonly string[]): { intent: IntentName; probability: number }[] {
  const scores = model.priors.map((prior, i) => {
    let score = prior;
    for (const feature of features) score += model.likelihood.get(feature)?.[i] ?? (model.unseen[i] as number);
    return score;
  });
  const best = Math.max(...scores);
  const weights = scores.map((score) => Math.exp(score - best));
  const sum = weights.reduce((a, b) => a + b, 0);
  return model.intents.map((intent, i) => ({ intent, probability: (weights[i] as number) / sum })).sort((a, b) => b.probability - a.probability);
}
