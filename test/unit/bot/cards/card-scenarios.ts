import { type Activity, ActivityTypes } from 'botbuilder';
import type { App } from '../../../../src/startup/create-app';
import { cardToText, inputDefaults } from '../../../../src/bot/cards/card-text';
import { fieldTopic } from '../../../../src/bot/cards/describe';
import type { Locale } from '../../../../src/bot/i18n/locale';
import { type Messages, messages, requestTexts } from '../../../../src/bot/i18n/messages';
import { LocalAdapter, localActivity } from '../../../../src/bot/teams/local-adapter';
import { LocalConversation, type LocalReply, localRequestServices } from '../../../../src/bot/teams/local-conversation';
import { PrivacyDeskBot } from '../../../../src/bot/teams/privacy-desk.bot';
import { silentLogger } from '../../../../src/ports/logger/logger.port';

/**
 * Conversations with the real bot on the demo organisation that between them produce every card
 * the bot can send, in either language. Shared by the schema and snapshot specs; not a spec itself.
 */

/** What one reply must be: its title, and texts its plain-text rendering must contain. */
export interface Expectation {
  title: (t: Messages) => string;
  contains?: (t: Messages) => string[];
}

type Action =
  /** Types a message (per language: the parser must understand it). */
  | { say: Record<Locale, string> }
  /** Sends button data as it stands, without a card having offered it. */
  | { click: unknown }
  /** Presses the button with this title on the previous reply (`nth` of several), choosing `inputs`. */
  | { press: (t: Messages) => string; nth?: number; inputs?: Record<string, string> }
  /** The bot is added to a conversation (outside Teams: `conversationUpdate`). */
  | { welcome: true }
  /** Closes the store underneath the running bot, so that the next write fails. */
  | { closeStore: true };

export type Step = Action & { expect?: Expectation };

export interface Scenario {
  name: string;
  /** Mail of the asker; Alice by default. */
  as?: string;
  steps: Step[];
}

export interface Played {
  step: number;
  reply: LocalReply;
  expect?: Expectation;
}

export const ALICE = 'alice@example.com';

const same = (text: string): Record<Locale, string> => ({ en: text, de: text });

export const SCENARIOS: Scenario[] = [
  { name: 'help', steps: [{ say: { en: 'help', de: 'Hilfe' }, expect: { title: (t) => t.helpTitle, contains: (t) => [t.helpIntro, t.helpLevels] } }] },
  { name: 'greeting (answers with help)', steps: [{ say: { en: 'hi', de: 'hallo' }, expect: { title: (t) => t.helpTitle, contains: (t) => [t.helpIntro] } }] },
  { name: 'welcome', steps: [{ welcome: true, expect: { title: (t) => t.welcomeTitle, contains: (t) => [t.welcomeText, t.helpLevels] } }] },
  {
    name: 'unknown',
    steps: [{ say: { en: 'can you order me a taxi', de: 'Kannst du mir ein Taxi bestellen?' }, expect: { title: (t) => t.helpTitle, contains: (t) => [t.unknown] } }],
  },
  {
    name: 'who can see: mobile (not governed internally, capped externally)',
    steps: [
      {
        say: { en: 'who can see my mobile number', de: 'Wer kann meine Handynummer sehen?' },
        expect: {
          title: (t) => t.whoTitle(fieldTopic(t, 'mobile'), false),
          contains: (t) => [t.notGovernedColleagues(fieldTopic(t, 'mobile'), 'F.13.3.1'), t.cappedContact('Eve Evans (eve@partner.example)', 'partner.example', 'business')],
        },
      },
    ],
  },
  {
    name: 'who can see: pager (a catalogue item of its own that no table lists)',
    steps: [
      {
        say: { en: 'who can see my pager', de: 'Wer sieht meinen Pager?' },
        expect: { title: () => 'Pager', contains: (t) => [t.notGovernedAnywhere('Pager', 'F.13.3.4')] },
      },
    ],
  },
  {
    name: 'who can see: mobile, none in the directory',
    as: 'mia.koenig@example.com',
    steps: [
      {
        say: { en: 'who can see my mobile number', de: 'Wer kann meine Handynummer sehen?' },
        expect: {
          title: (t) => t.whoTitle(fieldTopic(t, 'mobile'), false),
          contains: (t) => [t.noDirectoryValue(fieldTopic(t, 'mobile'), 'F.13.3.1'), t.notGovernedColleagues(fieldTopic(t, 'mobile'), 'F.13.3.1')],
        },
      },
    ],
  },
  {
    name: 'who can see: presence (everyone)',
    steps: [
      {
        say: { en: 'who can see my presence', de: 'wer sieht meine Praesenz?' },
        expect: { title: (t) => t.whoTitle(fieldTopic(t, 'presence'), false), contains: (t) => [t.everyone(29), t.reasonGlobal('public')] },
      },
    ],
  },
  {
    name: 'who can see: private appointments (groups)',
    steps: [
      {
        say: { en: 'who can see my private appointments', de: 'Wer sieht meine privaten Termine?' },
        expect: { title: (t) => t.whoTitle(fieldTopic(t, 'privateAppointments'), false), contains: (t) => [t.whoNeeds('personal', false), 'Bob Brown'] },
      },
    ],
  },
  {
    name: 'who can do: line 2 pick-up (not in the federation table)',
    steps: [
      {
        say: { en: 'who can pick up my calls on line 2', de: 'Wer kann Anrufe auf Nebenstelle 2 heranholen?' },
        expect: {
          title: (t) => t.whoTitle(fieldTopic(t, 'line2Pickup'), true),
          contains: (t) => [t.whoNeeds('personal', true), t.notGovernedExternals(fieldTopic(t, 'line2Pickup'))],
        },
      },
    ],
  },
  {
    name: 'who can see: public appointments (external contact capped by domain)',
    steps: [
      {
        say: { en: 'who can see my public appointments', de: 'Wer sieht meine öffentlichen Termine?' },
        expect: {
          title: (t) => t.whoTitle(fieldTopic(t, 'publicAppointments'), false),
          contains: (t) => [t.reachCount(12), t.cappedNote('partner.example', 'business', 'team')],
        },
      },
    ],
  },
  {
    name: 'who can see: no detail named',
    steps: [{ say: { en: 'who can see', de: 'Wer kann sehen?' }, expect: { title: (t) => t.detailTitle, contains: (t) => [t.needField] } }],
  },
  {
    name: 'who can see: "show all" page',
    steps: [
      // The demo data never names more than 20 people for one reason; a grant to All Staff does.
      { say: { en: 'set All Staff to personal', de: 'All Staff auf persönlich setzen' }, expect: { title: (t) => t.setTitle, contains: (t) => [t.groupSet(t.scopeGroup('All Staff'), 'personal')] } },
      {
        say: { en: 'who can see my private appointments', de: 'Wer sieht meine privaten Termine?' },
        expect: { title: (t) => t.whoTitle(fieldTopic(t, 'privateAppointments'), false), contains: (t) => [t.reachCount(29), t.andMore(8)] },
      },
      { press: (t) => t.showAll, expect: { title: (t) => t.whoTitle(fieldTopic(t, 'privateAppointments'), false), contains: (t) => [t.pageOf(1, 29, 29), 'Wei Zhang'] } },
    ],
  },
  {
    name: 'what can Bob see',
    steps: [
      {
        say: { en: 'what can Bob see of me', de: 'Was sieht Bob von mir?' },
        expect: { title: (t) => t.whatTitle('Bob Brown'), contains: (t) => [t.whatLevel('Bob Brown', 'personal'), t.reasonsHeading] },
      },
    ],
  },
  {
    name: 'what can Eve Evans see (external, capped)',
    steps: [
      {
        say: { en: 'what can Eve Evans see of me', de: 'Was kann Eve Evans von mir sehen?' },
        expect: {
          title: (t) => t.whatTitle('Eve Evans (eve@partner.example)'),
          contains: (t) => [t.whatLevel('Eve Evans (eve@partner.example)', 'business'), t.cappedNote('partner.example', 'business', 'team')],
        },
      },
    ],
  },
  {
    name: 'why can Frank see my presence',
    steps: [
      {
        say: { en: 'why can Frank see my presence', de: 'Warum kann Frank meine Präsenz sehen?' },
        expect: {
          title: (t) => t.whyTitle('Frank Fischer', fieldTopic(t, 'presence')),
          contains: (t) => [t.whyField('Frank Fischer', fieldTopic(t, 'presence'), 'business', 'public', true), t.additive('public', 'business')],
        },
      },
    ],
  },
  {
    name: 'why can Mallory see my presence (additive note)',
    steps: [
      {
        say: { en: 'why can Mallory see my presence', de: 'Warum kann Mallory meine Präsenz sehen?' },
        expect: { title: (t) => t.whyTitle('Mallory Miller', fieldTopic(t, 'presence')), contains: (t) => [t.additive('blocked', 'public')] },
      },
    ],
  },
  {
    name: 'why does Bob have his level (no detail)',
    steps: [{ say: { en: 'why can Bob see me', de: 'warum sieht Bob mich' }, expect: { title: (t) => t.whyTitle('Bob Brown'), contains: (t) => [t.whatLevel('Bob Brown', 'personal')] } }],
  },
  {
    name: 'set Bob to team member',
    steps: [
      {
        say: { en: 'set Bob to team member', de: 'Bob auf Teammitglied setzen' },
        expect: { title: (t) => t.setTitle, contains: (t) => [t.setDone('Bob Brown', 'team', 'personal'), t.effectiveNow('Bob Brown', 'team')] },
      },
    ],
  },
  {
    name: 'block Mallory',
    steps: [
      {
        say: { en: 'block Mallory', de: 'Mallory sperren' },
        expect: { title: (t) => t.setTitle, contains: (t) => [t.setUnchanged('Mallory Miller', 'blocked'), t.stillHigher('Mallory Miller', 'public')] },
      },
    ],
  },
  {
    name: 'set group Sales to business',
    steps: [
      // Every other member of Sales is a team member already (or more): nothing changes in effect.
      {
        say: { en: 'set group Sales to business', de: 'Gruppe Sales auf geschäftlich setzen' },
        expect: { title: (t) => t.setTitle, contains: (t) => [t.setStored(t.scopeGroup('Sales'), 'business', null), t.groupNoEffect(t.scopeGroup('Sales'), 6), t.reasonOwnGrant('personal')] },
      },
    ],
  },
  {
    name: 'change level through the show-card, then undo',
    steps: [
      { say: { en: 'what can Bob see of me', de: 'Was sieht Bob von mir?' }, expect: { title: (t) => t.whatTitle('Bob Brown') } },
      { press: (t) => t.changeLevel, inputs: { level: 'business' }, expect: { title: (t) => t.setTitle, contains: (t) => [t.setDone('Bob Brown', 'business', 'personal'), t.stillHigher('Bob Brown', 'team')] } },
      { press: (t) => t.undo, expect: { title: (t) => t.setTitle, contains: (t) => [t.setDone('Bob Brown', 'personal', 'business')] } },
    ],
  },
  {
    name: 'new external contact: asked first, cancelled',
    steps: [
      {
        say: { en: 'set eve2@partner.example to business', de: 'eve2@partner.example auf geschäftlich setzen' },
        expect: { title: (t) => t.setTitle, contains: (t) => [t.confirmNewExternal('eve2@partner.example', 'business')] },
      },
      { press: (t) => t.confirmNo, expect: { title: (t) => t.setTitle, contains: (t) => [t.setCancelled('eve2@partner.example')] } },
    ],
  },
  {
    name: 'new external contact: asked first, confirmed',
    steps: [
      { say: { en: 'set eve2@partner.example to business', de: 'eve2@partner.example auf geschäftlich setzen' }, expect: { title: (t) => t.setTitle } },
      { press: (t) => t.confirmSet('business'), expect: { title: (t) => t.setTitle, contains: (t) => [t.setDone('eve2@partner.example', 'business', null)] } },
    ],
  },
  {
    name: 'a group grant raises somebody the asker blocked',
    steps: [
      { say: { en: 'block Mallory', de: 'Mallory sperren' }, expect: { title: (t) => t.setTitle, contains: (t) => [t.setUnchanged('Mallory Miller', 'blocked')] } },
      {
        say: { en: 'set group Marketing to business', de: 'Gruppe Marketing auf geschäftlich setzen' },
        expect: {
          title: (t) => t.setTitle,
          contains: (t) => [t.setDone(t.scopeGroup('Marketing'), 'business', null), t.groupRaised(2, 3), t.despiteBlockHeading, t.despiteBlock('Mallory Miller', 1, 'public', 'business')],
        },
      },
      { press: (t) => t.undo, expect: { title: (t) => t.setTitle, contains: (t) => [t.removed(t.scopeGroup('Marketing'), 'business'), t.groupLowered(2, 3)] } },
    ],
  },
  {
    name: 'a change that changes nothing in effect',
    steps: [
      {
        say: { en: 'set Frank to business', de: 'Frank auf geschäftlich setzen' },
        expect: { title: (t) => t.setTitle, contains: (t) => [t.setStored('Frank Fischer', 'business', 'public'), t.noEffect('Frank Fischer', 'business'), t.noEffectWhy] },
      },
      { say: { en: 'set Frank to business', de: 'Frank auf geschäftlich setzen' }, expect: { title: (t) => t.setTitle, contains: (t) => [t.setUnchanged('Frank Fischer', 'business')] } },
    ],
  },
  {
    name: 'set level without a level (level picker)',
    steps: [
      { click: { verb: 'run', intent: 'setLevel', person: 'bob@example.com' }, expect: { title: (t) => t.setTitle, contains: (t) => [t.setWhichLevel('Bob Brown')] } },
    ],
  },
  {
    name: 'set a level for oneself',
    steps: [{ say: { en: 'set Alice to personal', de: 'Alice auf persönlich setzen' }, expect: { title: (t) => t.setTitle, contains: (t) => [t.cannotSetSelf] } }],
  },
  {
    name: 'list my grants (none of my own)',
    as: 'klaus.becker@example.com',
    steps: [
      {
        say: { en: 'list my grants', de: 'Meine Freigaben' },
        expect: { title: (t) => t.listTitle, contains: (t) => [t.listNone, t.listDomainCap('partner.example', 'business')] },
      },
    ],
  },
  {
    name: 'list my grants, remove one with its button, undo',
    steps: [
      { say: { en: 'set Bob to team member', de: 'Bob auf Teammitglied setzen' }, expect: { title: (t) => t.setTitle } },
      { say: { en: 'block Mallory', de: 'Mallory sperren' }, expect: { title: (t) => t.setTitle } },
      {
        say: { en: 'list my grants', de: 'Meine Freigaben' },
        expect: { title: (t) => t.listTitle, contains: (t) => [`Bob Brown — ${t.level('team')}`, `Mallory Miller — ${t.level('blocked')}`] },
      },
      // Own grants are listed by viewer key: Bob (bob@…) comes first.
      // Sales keeps Bob a team member either way: nothing changes in effect.
      { press: (t) => t.remove, nth: 0, expect: { title: (t) => t.setTitle, contains: (t) => [t.removed('Bob Brown', 'team'), t.noEffect('Bob Brown', 'team'), t.noEffectWhy] } },
      { press: (t) => t.undo, expect: { title: (t) => t.setTitle, contains: (t) => [t.setStored('Bob Brown', 'team', null), t.noEffect('Bob Brown', 'team')] } },
    ],
  },
  {
    name: 'remove all my grants: confirmed, then undone',
    steps: [
      {
        say: { en: 'remove all my grants', de: 'alle meine Freigaben entfernen' },
        expect: { title: (t) => t.removeAllTitle, contains: (t) => [t.removeAllConfirm(4), `Bob Brown — ${t.level('personal')}`, t.removeAllAdminsStay] },
      },
      { press: (t) => t.removeAllYes(4), expect: { title: (t) => t.removeAllTitle, contains: (t) => [t.removeAllDone(4), `Mallory Miller — ${t.level('blocked')}`, t.removeAllAdminsStay] } },
      { press: (t) => t.undo, expect: { title: (t) => t.removeAllTitle, contains: (t) => [t.restoredAll(4)] } },
    ],
  },
  {
    name: 'remove all my grants: cancelled',
    steps: [
      { say: { en: 'remove all my grants', de: 'alle meine Freigaben entfernen' }, expect: { title: (t) => t.removeAllTitle } },
      { press: (t) => t.confirmNo, expect: { title: (t) => t.removeAllTitle, contains: (t) => [t.removeAllCancelled] } },
    ],
  },
  {
    name: 'remove all my grants: there are none',
    as: 'klaus.becker@example.com',
    steps: [{ say: { en: 'remove all my grants', de: 'alle meine Freigaben entfernen' }, expect: { title: (t) => t.removeAllTitle, contains: (t) => [t.removeAllNone, t.removeAllAdminsStay] } }],
  },
  {
    name: 'choose between two people',
    steps: [
      {
        say: { en: 'what can chris see', de: 'Was sieht Chris von mir?' },
        expect: { title: (t) => t.chooseTitle(t.locale === 'de' ? 'Chris' : 'chris'), contains: () => ['Chris Carter', 'Chris Clark'] },
      },
      { press: (t) => t.choose, nth: 1, expect: { title: (t) => t.whatTitle('Chris Clark') } },
    ],
  },
  {
    name: 'nobody by that name',
    steps: [
      { say: { en: 'what can Nobody Atall see', de: 'Was sieht Nobody Atall von mir?' }, expect: { title: (t) => t.personTitle, contains: (t) => [t.notFound('Nobody Atall')] } },
    ],
  },
  {
    name: 'button without a person',
    steps: [{ click: { verb: 'run', intent: 'whatCanSee' }, expect: { title: (t) => t.personTitle, contains: (t) => [t.needPerson] } }],
  },
  {
    name: 'start an access request',
    steps: [
      {
        // "Auskunftsantrag für Erika Musterfrau" is not understood; the corpus' phrasing is.
        say: { en: 'start an access request for Erika Musterfrau', de: 'Auskunft für Erika Musterfrau beantragen' },
        expect: { title: (t) => requestTexts(t.locale).formTitle(t.requestType('access')), contains: (t) => [requestTexts(t.locale).formIntro, 'Musterfrau'] },
      },
      {
        press: (t) => requestTexts(t.locale).formSubmit,
        inputs: { channel: 'letter', receivedOn: '2026-11-20', postcodeCity: '10115 Berlin' },
        expect: { title: (t) => requestTexts(t.locale).intakeTitle('DSR-2026-0001'), contains: (t) => [requestTexts(t.locale).status('awaitingDecision')] },
      },
    ],
  },
  {
    name: 'intake form with a problem',
    steps: [
      {
        say: { en: 'start an access request for Erika Musterfrau', de: 'Auskunft für Erika Musterfrau beantragen' },
        expect: { title: (t) => requestTexts(t.locale).formTitle(t.requestType('access')) },
      },
      {
        press: (t) => requestTexts(t.locale).formSubmit,
        inputs: { lastName: '', email: '', phone: '12', receivedOn: '2999-01-01' },
        expect: { title: (t) => requestTexts(t.locale).formTitle(t.requestType('access')), contains: (t) => [requestTexts(t.locale).formPhoneInvalid, requestTexts(t.locale).formBadDate] },
      },
    ],
  },
  {
    name: 'erasure request for oneself, then its status',
    steps: [
      {
        say: { en: 'please delete my data', de: 'Bitte lösche meine Daten' },
        expect: { title: (t) => requestTexts(t.locale).erasureConfirmTitle, contains: (t) => [requestTexts(t.locale).erasureConfirmFinal] },
      },
      {
        press: (t) => requestTexts(t.locale).erasureConfirmYes,
        expect: { title: (t) => requestTexts(t.locale).intakeTitle('DSR-2026-0001'), contains: (t) => [requestTexts(t.locale).status('awaitingDecision')] },
      },
      {
        press: (t) => requestTexts(t.locale).button('withdraw'),
        expect: { title: (t) => requestTexts(t.locale).caseTitle('DSR-2026-0001', t.requestType('erasure')), contains: (t) => [requestTexts(t.locale).status('withdrawn')] },
      },
      {
        say: { en: 'status of my request', de: 'Wie ist der Stand meines Antrags?' },
        expect: { title: (t) => requestTexts(t.locale).statusTitle, contains: () => ['DSR-2026-0001'] },
      },
    ],
  },
  {
    name: 'status without requests',
    steps: [{ say: { en: 'status of my request', de: 'Wie ist der Stand meines Antrags?' }, expect: { title: (t) => requestTexts(t.locale).statusTitle, contains: (t) => [requestTexts(t.locale).noRequests] } }],
  },
  {
    name: 'retention summary',
    steps: [{ say: { en: 'retention summary', de: 'Aufbewahrungsfristen' }, expect: { title: (t) => t.retentionTitle, contains: (t) => [t.retentionIntro] } }],
  },
  {
    name: 'Art. 30 record',
    steps: [{ say: { en: 'Art. 30 record', de: 'Verzeichnis der Verarbeitungstätigkeiten' }, expect: { title: (t) => t.recordTitle, contains: (t) => [t.recordNotYet] } }],
  },
  {
    name: 'invalid card action',
    steps: [{ click: { verb: 'nonsense' }, expect: { title: (t) => t.appTitle, contains: (t) => [t.invalidAction] } }],
  },
  {
    name: 'asker not in the directory',
    as: 'nobody@example.com',
    steps: [
      { say: { en: 'what can Bob see of me', de: 'Was sieht Bob von mir?' }, expect: { title: (t) => t.appTitle, contains: (t) => [t.notInDirectory] } },
      { say: { en: 'help', de: 'Hilfe' }, expect: { title: (t) => t.helpTitle } },
    ],
  },
  {
    name: 'Bob asks what Alice can see',
    as: 'bob@example.com',
    steps: [{ say: { en: 'what can Alice see of me', de: 'Was sieht Alice von mir?' }, expect: { title: (t) => t.whatTitle('Alice Adams') } }],
  },
  {
    name: 'Frank asks who can set his presence',
    as: 'frank@example.com',
    steps: [
      {
        say: { en: 'who can set my presence', de: 'Wer darf meine Präsenz setzen?' },
        expect: { title: (t) => t.whoTitle(fieldTopic(t, 'setPresence'), true), contains: (t) => [t.reachCount(1), 'Sabine Hoffmann'] },
      },
    ],
  },
  {
    name: 'thanks',
    steps: [{ say: { en: 'thanks!', de: 'danke!' }, expect: { title: (t) => t.thanksTitle, contains: (t) => [t.thanksText] } }],
  },
  {
    name: 'what a level means, then all levels',
    steps: [
      { say: { en: 'what does business level mean', de: 'was heißt eigentlich geschäftlich' }, expect: { title: (t) => t.explainTitle('business'), contains: (t) => [t.explainColleagues, t.explainExternal] } },
      { say: { en: 'which levels are there', de: 'welche stufen gibt es' }, expect: { title: (t) => t.explainAllTitle, contains: (t) => [t.explainAllIntro] } },
    ],
  },
  {
    name: 'who is the DPO',
    steps: [{ say: { en: 'who is our dpo', de: 'wer ist unser datenschutzbeauftragter' }, expect: { title: (t) => t.whoIsDpoTitle, contains: () => ['Dana DPO'] } }],
  },
  {
    name: 'DPO help',
    as: 'dana.dpo@example.com',
    steps: [{ say: { en: 'help', de: 'Hilfe' }, expect: { title: (t) => t.helpTitle, contains: (t) => [t.dpoHelpIntro] } }],
  },
  {
    name: 'did you mean',
    steps: [{ say: same('bob handynummer???'), expect: { title: (t) => t.suggestTitle, contains: (t) => [t.suggestIntro] } }],
  },
  {
    name: 'my manager',
    steps: [{ say: { en: 'can my manager see my private calendar', de: 'kann mein chef meine privaten termine sehen' }, expect: { title: (t) => t.whyTitle('Bob Brown', fieldTopic(t, 'privateAppointments')) } }],
  },
  {
    name: 'my team',
    as: 'frank@example.com',
    steps: [{ say: { en: 'what can my team see of me', de: 'was sieht mein team von mir' }, expect: { title: (t) => t.teamTitle, contains: () => ['Bob Brown'] } }],
  },
  {
    name: 'a turn that fails (store closed)',
    steps: [
      { closeStore: true },
      { say: same('set Bob to team member'), expect: { title: (t) => t.appTitle, contains: (t) => [t.errorReference('').slice(0, 30)] } },
    ],
  },
];

/** Plays a scenario on `app` in `locale`; one reply per step (none for `closeStore`). */
export async function play(app: App, scenario: Scenario, locale: Locale): Promise<Played[]> {
  const t = messages(locale);
  const as = scenario.as ?? ALICE;
  const conversation = new LocalConversation(app.desk, { id: as, locale }, silentLogger, localRequestServices(app));
  const played: Played[] = [];
  for (const [index, step] of scenario.steps.entries()) {
    let replies: LocalReply[];
    if ('closeStore' in step) {
      await app.close();
      continue;
    } else if ('welcome' in step) {
      replies = await welcome(app, as, locale);
    } else if ('say' in step) {
      replies = await conversation.say(step.say[locale]);
    } else if ('click' in step) {
      replies = await conversation.click(step.click);
    } else {
      const previous = played[played.length - 1]?.reply;
      const title = step.press(t);
      const button = previous?.actions.filter((a) => a.title === title)[step.nth ?? 0];
      if (!button) throw new Error(`${scenario.name}, step ${index}: the previous card has no button "${title}"`);
      // As a client does: the button's data with every input of the card (its value as shown, or as typed).
      const inputs = previous ? inputDefaults(cardOf(previous)) : {};
      replies = await conversation.click({ ...(button.data as object), ...inputs, ...step.inputs });
    }
    if (replies.length !== 1) throw new Error(`${scenario.name}, step ${index}: expected one reply, got ${replies.length}`);
    played.push({ step: index, reply: replies[0] as LocalReply, ...(step.expect ? { expect: step.expect } : {}) });
  }
  return played;
}

/** The bot added to a conversation outside Teams: what `onMembersAdded` sends. */
async function welcome(app: App, as: string, locale: Locale): Promise<LocalReply[]> {
  const bot = new PrivacyDeskBot({ desk: app.desk, logger: silentLogger, allowLocalIdentity: true, defaultLocale: locale });
  const base = localActivity({ id: as, locale }, { text: '' });
  const activity: Partial<Activity> = {
    ...base,
    type: ActivityTypes.ConversationUpdate,
    text: undefined,
    membersAdded: [{ id: 'privacy-desk', name: 'privacy-desk' }],
  };
  const sent = await new LocalAdapter().process(activity, bot);
  return sent.map((a) => ({ activity: a, ...cardToText(a.attachments?.[0]?.content as Record<string, unknown>) }));
}

/** The Adaptive Card of a reply. */
export function cardOf(reply: LocalReply): Record<string, unknown> {
  return reply.activity.attachments?.[0]?.content as Record<string, unknown>;
}

/** `**bold**` as the plain-text rendering shows it. */
export const plain = (text: string): string => text.replace(/\*\*(.+?)\*\*/g, '$1');
