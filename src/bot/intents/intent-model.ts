import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { shipped } from '../../config/paths';
import { type IntentModel, featuresOf, trainIntentModel } from './classifier';
import type { IntentName } from './intent';
import { tokenise } from './tokenise';

/** The folders of labelled messages the model learns from (the held-out set is never among them). */
const TRAINING = [shipped('data', 'nlu', 'corpus'), shipped('data', 'nlu', 'everyday')];

let model: IntentModel | undefined;

/**
 * The intent model, trained on first use from the shipped corpus (about a thousand messages: a few
 * milliseconds) and immutable after. Read once per process.
 */
export function intentModel(): IntentModel {
  if (model) return model;
  const messages: { features: string[]; intent: IntentName }[] = [];
  for (const folder of TRAINING) {
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
      for (const entry of JSON.parse(readFileSync(join(folder, file), 'utf8')) as { text: string; expect: { intent: IntentName } }[]) {
        messages.push({ features: featuresOf(tokenise(entry.text)), intent: entry.expect.intent });
      }
    }
  }
  model = trainIntentModel(messages);
  return model;
}
