import { classify, featuresOf, trainIntentModel } from '../../../../src/bot/intents/classifier';
import { intentModel } from '../../../../src/bot/intents/intent-model';
import { tokenise } from '../../../../src/bot/intents/tokenise';

const features = (text: string): string[] => featuresOf(tokenise(text));

describe('intent model', () => {
  it('learns which words and concepts go with which intent, and gives probabilities that add up to one', () => {
    const model = trainIntentModel([
      { features: features('who can see my mobile number'), intent: 'whoCanSee' },
      { features: features('wer sieht meine präsenz'), intent: 'whoCanSee' },
      { features: features('please delete my data'), intent: 'startRequest' },
      { features: features('ich möchte eine kopie meiner daten'), intent: 'startRequest' },
    ]);
    const ranked = classify(model, features('who sees my mobile'));
    expect(ranked[0]?.intent).toBe('whoCanSee');
    expect(ranked.reduce((sum, r) => sum + r.probability, 0)).toBeCloseTo(1, 10);
    expect(classify(model, features('löscht meine daten'))[0]?.intent).toBe('startRequest');
  });

  it('is trained from the shipped corpus once, and ranks what a garbled message most likely meant', () => {
    const model = intentModel();
    expect(intentModel()).toBe(model);
    expect(model.intents).toEqual(expect.arrayContaining(['whoCanSee', 'setLevel', 'startRequest', 'unknown']));
    expect(classify(model, features('handynummer wer'))[0]?.intent).toBe('whoCanSee');
    expect(classify(model, features('daten loeschen bitte bitte'))[0]?.intent).toBe('startRequest');
  });
});
