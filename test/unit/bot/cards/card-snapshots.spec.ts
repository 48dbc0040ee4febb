import { fieldTopic } from '../../../../src/bot/cards/describe';
import { LOCALES } from '../../../../src/bot/i18n/locale';
import { messages } from '../../../../src/bot/i18n/messages';
import { demoApp } from '../../../support/demo-app';
import { ALICE, type Scenario, SCENARIOS, cardOf, play } from './card-scenarios';

const scenario = (name: string): Scenario => {
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found) throw new Error(`no card scenario "${name}"`);
  return found;
};

/** One of each kind of answer; every reply of each scenario is snapshotted. */
const REPRESENTATIVE: Scenario[] = [
  scenario('help'),
  scenario('who can see: public appointments (external contact capped by domain)'),
  scenario('who can see: mobile (not governed internally, capped externally)'),
  scenario('what can Bob see'),
  scenario('what can Eve Evans see (external, capped)'),
  scenario('why can Frank see my presence'),
  scenario('set Bob to team member'),
  scenario('set group Sales to business'),
  {
    name: 'list my grants with own grants',
    steps: [
      { say: { en: 'set Bob to team member', de: 'Bob auf Teammitglied setzen' } },
      { say: { en: 'block Mallory', de: 'Mallory sperren' } },
      { say: { en: 'list my grants', de: 'Meine Freigaben' }, expect: { title: (t) => t.listTitle } },
    ],
  },
  scenario('choose between two people'),
];

describe.each(LOCALES)('card snapshots: %s', (locale) => {
  // A fresh app per test: set-level changes the store, and later answers would differ.
  it.each(REPRESENTATIVE.map((s) => [s.name, s] as const))('%s', async (_name, representative) => {
    const app = await demoApp();
    try {
      const played = await play(app, representative, locale);
      expect(played).toHaveLength(representative.steps.length);
      expect(played.map(({ reply }) => cardOf(reply))).toMatchSnapshot();
    } finally {
      await app.close();
    }
  });
});

describe('who can see: an external contact capped by domain', () => {
  // The reason and the cap note are two sentences, in both languages.
  it.each(LOCALES)('%s: the reason and the cap note are separate sentences', async (locale) => {
    const t = messages(locale);
    const app = await demoApp();
    try {
      const [played] = await play(
        app,
        { name: 'capped', as: ALICE, steps: [{ say: { en: 'who can see my public appointments', de: 'Wer sieht meine öffentlichen Termine?' } }] },
        locale,
      );
      expect(played?.reply.text).toContain(t.whoTitle(fieldTopic(t, 'publicAppointments'), false));
      const capped = t.cappedNote('partner.example', 'business', 'team');
      const line = played?.reply.text.split('\n').find((l) => l.includes(capped)) ?? '';
      expect(line).not.toBe('');
      const before = line.slice(0, line.indexOf(capped)).trimEnd();
      expect(before).toContain(t.reasonOwnGrant('team'));
      expect(before).toMatch(/[.;:—–]$/);
    } finally {
      await app.close();
    }
  });
});
