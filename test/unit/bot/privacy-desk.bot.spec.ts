import type { RetentionSummary } from '../../../src/app/retention-summary';
import { type Activity, ActivityTypes, TestAdapter } from 'botbuilder';
import { PrivacyDeskBot } from '../../../src/bot/teams/privacy-desk.bot';
import { localRequestServices } from '../../../src/bot/teams/local-conversation';
import { cardToText, inputDefaults } from '../../../src/bot/cards/card-text';
import { plain } from '../../../src/bot/cards/describe';
import type { Logger } from '../../../src/ports/logger/logger.port';
import { silentLogger } from '../../../src/ports/logger/logger.port';
import type { App } from '../../../src/startup/create-app';
import { demoApp } from '../../support/demo-app';
import { addDays, addMonths, localDate } from '../../../src/domain/requests/deadlines';

/** The bot through botbuilder's TestAdapter, on the demo organisation. */
describe('PrivacyDeskBot', () => {
  let app: App;
  beforeEach(async () => {
    app = await demoApp();
  });
  afterEach(async () => {
    await app.close();
  });

  /** A retention summary as the sources might give it, for the administrators' and DPOs' answer. */
  const retention = {
    timeZone: 'Europe/Berlin',
    summary: async (): Promise<RetentionSummary> => ({
      at: new Date('2026-12-05T09:00:00Z'),
      weekStart: new Date('2026-11-29T23:00:00Z'),
      weekOf: '2026-11-30',
      categories: [{ category: 'H', policy: { kind: 'days', days: 365 }, sources: [{ source: 'journal', count: 6486, oldest: new Date('2024-12-05T08:00:00Z'), pastDue: 3249, purgedThisWeek: 0, writable: true }] }],
      requests: { opened: 1, completed: 0, open: 2, dueWithin7Days: 1, overdue: 0 },
      needsAction: [{ kind: 'purgeDue', source: 'journal', category: 'H', count: 3249, writable: true }],
      history: [],
    }),
    purgeNow: (): 'started' => 'started',
    nextSummary: (): Date => new Date('2026-12-07T07:00:00Z'),
    summaryCron: '0 8 * * 1',
  };

  const adapterFor = (options: { from?: string; locale?: string; allowLocalIdentity?: boolean; logger?: Logger; requests?: boolean } = {}): TestAdapter => {
    const bot = new PrivacyDeskBot({
      admins: ['ayse.yilmaz@example.com'],
      retention,
      ...(options.requests ? { requests: localRequestServices(app) } : {}),
      desk: app.desk,
      logger: options.logger ?? silentLogger,
      allowLocalIdentity: options.allowLocalIdentity ?? true,
      defaultLocale: 'en',
    });
    return new TestAdapter(async (context) => bot.run(context), {
      channelId: 'emulator',
      locale: options.locale ?? 'en-US',
      from: { id: options.from ?? 'alice@example.com', name: 'Alice' },
    } as Partial<Activity>);
  };

  const cardText = (activity: Partial<Activity>): string => {
    const attachment = activity.attachments?.[0];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    return cardToText(attachment?.content as Record<string, unknown>).text;
  };

  it('answers who can see a detail with a card and a plain-text summary', async () => {
    await adapterFor()
      .send('who can see my private appointments')
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('Who can see: Private appointments');
        expect(text).toContain('Bob Brown');
        expect(reply.summary).toBe('Who can see: Private appointments');
      });
  });

  it('answers in German for a German locale, typos tolerated', async () => {
    await adapterFor({ locale: 'de-DE' })
      .send('wer kan meine handynumer sehn')
      .assertReply((reply) => expect(cardText(reply)).toContain('Für Kolleginnen und Kollegen nicht über Berechtigungsstufen geregelt'));
  });

  it('asks which person is meant when a name is ambiguous, and answers after the choice', async () => {
    const adapter = adapterFor();
    let choice: unknown;
    await adapter.send('what can chris see of me').assertReply((reply) => {
      const { text, actions } = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
      expect(text).toContain('Chris Carter');
      expect(text).toContain('Chris Clark');
      choice = actions[1]?.data;
    });
    expect(choice).toEqual({ verb: 'run', intent: 'whatCanSee', person: 'chris.clark@example.com', for: 'alice@example.com' });
    await adapter.send({ type: ActivityTypes.Message, value: choice } as Partial<Activity>).assertReply((reply) => expect(cardText(reply)).toContain('What Chris Clark can see of you'));
  });

  it('sets a level, says what still applies, and undoes it', async () => {
    const adapter = adapterFor();
    let undo: unknown;
    await adapter.send('block Bob').assertReply((reply) => {
      const { text, actions } = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
      expect(text).toContain('Bob Brown now has Blocked in your own grants (before: Personal)');
      expect(text).toContain('still has Team member toward you through other grants');
      expect(text).toContain("administrators' grant — group Sales toward the data of group Sales");
      undo = actions.find((a) => a.title === 'Undo')?.data;
    });
    expect(undo).toEqual({ verb: 'run', intent: 'setLevel', person: 'bob@example.com', level: 'personal', for: 'alice@example.com' });
    await adapter.send({ type: ActivityTypes.Message, value: undo } as Partial<Activity>).assertReply((reply) => expect(cardText(reply)).toContain('Bob Brown now has Personal in your own grants (before: Blocked)'));
  });

  it('says who now sees more despite a block when a group grant raises them, and what they now see', async () => {
    const adapter = adapterFor();
    await adapter.send('block Mallory').assertReply(() => undefined);
    await adapter.send('set group Marketing to business').assertReply((reply) => {
      const text = cardText(reply);
      expect(text).toContain('Done: group Marketing now has Business in your own grants.');
      expect(text).toContain('Despite your block');
      expect(text).toContain('Mallory Miller is blocked by you, but now has Business toward you instead of Public');
      expect(text).toContain('They can now also see or do: See public appointments, Line 1: see outgoing numbers, Line 1: see incoming numbers and Line 1: see call forwarding.');
      expect(text).toContain('2 of the 3 members now see more of you.');
    });
    await adapterFor({ locale: 'de-DE' })
      .send('gruppe marketing auf persönlich')
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('Trotz deiner Sperre');
        expect(text).toContain('Mallory Miller ist von dir gesperrt, hat dir gegenüber jetzt aber Persönlich statt Geschäftlich');
        expect(text).toContain('Private Termine sehen');
      });
  });

  it('names the first few blocked people who now see more, and counts the rest', async () => {
    const adapter = adapterFor();
    for (const name of ['Frank', 'Sabine', 'Erika', 'Jürgen', 'François', 'Fatima']) await adapter.send(`block ${name}`).assertReply(() => undefined);
    await adapter.send('set group All Staff to personal').assertReply((reply) => {
      const text = cardText(reply);
      expect(text).toContain('Erika Musterfrau, Fatima Al-Sayed, François Dubois, Frank Fischer, Jürgen Weiß and 1 more are blocked by you, but now have Personal toward you instead of Business');
      expect(text).toContain('Mallory Miller is blocked by you, but now has Personal toward you instead of Public');
      expect(text).not.toContain('Bob Brown is blocked');
    });
  });

  it('says when a change changes nothing in effect, and why', async () => {
    const adapter = adapterFor();
    await adapter.send('set Frank to business').assertReply((reply) => {
      const text = cardText(reply);
      expect(text).not.toContain('Done');
      expect(text).toContain('Stored: your own grant for Frank Fischer is now Business (before: Public).');
      expect(text).toContain('Nothing changes in effect: Frank Fischer keeps Business toward you.');
      expect(text).toContain("Business: administrators' grant — group Management toward everyone's data");
    });
    await adapter.send('set Bob to personal').assertReply((reply) => expect(cardText(reply)).toContain('Nothing changes: Bob Brown already has Personal in your own grants.'));
    await adapter.send('set group Sales to team').assertReply((reply) => {
      const text = cardText(reply);
      expect(text).not.toContain('Done');
      expect(text).toContain('Nothing changes in effect: each of the 6 members of group Sales keeps their level toward you — other grants already give it:');
      expect(text).toContain("Team member: administrators' grant — group Sales toward the data of group Sales");
      expect(text).toContain('Personal: your own grant');
    });
    await adapter.send('set group Sales to team').assertReply((reply) => expect(cardText(reply)).toContain('Nothing changes: group Sales already has Team member in your own grants.'));
    await adapter.send('set eve@partner.example to personal').assertReply((reply) => {
      const text = cardText(reply);
      expect(text).toContain('Nothing changes in effect: Eve Evans (eve@partner.example) keeps Business toward you.');
      expect(text).toContain('the administrators cap partner.example at Business');
    });
  });

  it('grants an external contact named for the first time, who can then be found by name', async () => {
    const adapter = adapterFor();
    let confirm: unknown;
    await adapter.send('set newbie@other.example to business').assertReply((reply) => {
      const { text, actions } = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
      expect(text).toContain('newbie@other.example is not one of your external contacts yet. Give them Business?');
      confirm = actions[0]?.data;
    });
    await adapter.send({ type: ActivityTypes.Message, value: confirm } as Partial<Activity>).assertReply((reply) => expect(cardText(reply)).toContain('newbie@other.example now has Business'));
    await adapter.send('what can newbie see of me').assertReply((reply) => {
      const text = cardText(reply);
      expect(text).toContain('What newbie@other.example can see of you');
      expect(text).toContain('has the level Business toward you');
    });
  });

  it('asks before a new external contact gets a level, and changes nothing on “No”', async () => {
    const adapter = adapterFor();
    let no: unknown;
    await adapter.send('set eve2@partner.example to business').assertReply((reply) => {
      const { actions } = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
      expect(actions.map((a) => a.title)).toEqual(['Yes, give Business', 'No, cancel']);
      no = actions[1]?.data;
    });
    expect(no).toEqual({ verb: 'run', intent: 'setLevel', person: 'eve2@partner.example', level: 'business', cancelled: true, for: 'alice@example.com' });
    const alice = app.desk.identify({ mail: 'alice@example.com' }) as number;
    const before = app.desk.listGrants(alice).own;
    await adapter.send({ type: ActivityTypes.Message, value: no } as Partial<Activity>).assertReply((reply) => expect(cardText(reply)).toContain('Cancelled: nothing was changed for eve2@partner.example.'));
    expect(app.desk.listGrants(alice).own).toEqual(before);
    expect(await app.store.auditTrail({ targetPrefix: 'user:alice@example.com→external:eve2' })).toEqual([]);
  });

  it('removes all the asker’s own grants after a confirmation that lists them, audits each, and undoes it', async () => {
    const adapter = adapterFor();
    const alice = app.desk.identify({ mail: 'alice@example.com' }) as number;
    const before = app.desk.listGrants(alice).own;
    expect(before.length).toBeGreaterThan(0);
    let yes: unknown;
    await adapter.send('remove all my grants').assertReply((reply) => {
      const { text, actions } = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
      expect(text).toContain(`This removes all ${before.length} of your own grants:`);
      expect(text).toContain('Bob Brown — Personal');
      expect(text).toContain('Eve Evans (eve@partner.example) — Team member');
      expect(text).toContain('Mallory Miller — Blocked');
      expect(text).toContain("The administrators' grants that cover your data stay, and so do the company defaults:");
      expect(text).toContain("Business: administrators' grant — group Management toward everyone's data");
      expect(actions.map((a) => a.title)).toEqual([`Yes, remove all ${before.length}`, 'No, cancel']);
      yes = actions[0]?.data;
    });
    // Nothing is removed before the confirmation.
    expect(app.desk.listGrants(alice).own).toEqual(before);
    let undo: unknown;
    await adapter.send({ type: ActivityTypes.Message, value: yes } as Partial<Activity>).assertReply((reply) => {
      const { text, actions } = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
      expect(text).toContain(`Removed all ${before.length} of your own grants:`);
      expect(text).toContain('Bob Brown — Personal');
      expect(text).toContain("The administrators' grants that cover your data stay, and so do the company defaults:");
      undo = actions.find((a) => a.title === 'Undo')?.data;
    });
    expect(app.desk.listGrants(alice).own).toEqual([]);
    expect(app.desk.listGrants(alice).groupTier.length).toBeGreaterThan(0);
    const removed = (await app.store.auditTrail({ targetPrefix: 'user:alice@example.com→' })).filter((e) => e.action === 'grant.removed');
    expect(removed.map((e) => [e.actor, e.details.to])).toEqual(before.map(() => ['alice@example.com', null]));
    // Removed again: there is nothing left.
    await adapter.send({ type: ActivityTypes.Message, value: yes } as Partial<Activity>).assertReply((reply) => expect(cardText(reply)).toContain('You have no own grants; nothing was removed.'));
    await adapter.send({ type: ActivityTypes.Message, value: undo } as Partial<Activity>).assertReply((reply) => expect(cardText(reply)).toContain(`Restored ${before.length} of your own grants.`));
    expect(new Set(app.desk.listGrants(alice).own.map((g) => JSON.stringify(g)))).toEqual(new Set(before.map((g) => JSON.stringify(g))));
  });

  it('changes nothing when the removal of all grants is cancelled, and says so in German too', async () => {
    const adapter = adapterFor({ locale: 'de-DE' });
    const alice = app.desk.identify({ mail: 'alice@example.com' }) as number;
    const before = app.desk.listGrants(alice).own;
    let no: unknown;
    await adapter.send('alle meine Freigaben entfernen').assertReply((reply) => {
      const { text, actions } = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
      expect(text).toContain(`Damit entfernst du alle ${before.length} deiner eigenen Freigaben:`);
      expect(text).toContain('Die Freigaben der Administratoren, die deine Daten betreffen, bleiben, ebenso die Voreinstellungen des Unternehmens:');
      no = actions.find((a) => a.title === 'Nein, abbrechen')?.data;
    });
    expect(no).toEqual({ verb: 'run', intent: 'removeAllGrants', cancelled: true, for: 'alice@example.com' });
    await adapter.send({ type: ActivityTypes.Message, value: no } as Partial<Activity>).assertReply((reply) => expect(cardText(reply)).toContain('Abgebrochen: Es wurde nichts entfernt'));
    expect(app.desk.listGrants(alice).own).toEqual(before);
  });

  it('refuses a button of someone else’s answer, and changes nothing', async () => {
    await adapterFor({ from: 'mallory@example.com' })
      .send({ type: ActivityTypes.Message, value: { verb: 'run', intent: 'setLevel', person: 'bob@example.com', level: 'personal', for: 'alice@example.com' } } as Partial<Activity>)
      .assertReply((reply) => expect(cardText(reply)).toContain('This button belongs to an answer for someone else'));
    const mallory = app.desk.identify({ mail: 'mallory@example.com' }) as number;
    expect(app.desk.listGrants(mallory).own).toEqual([]);
  });

  it('says that someone else’s data is theirs to ask about', async () => {
    await adapterFor()
      .send("who can see Frank's presence")
      .assertReply((reply) => expect(cardText(reply)).toContain('I can only tell you about your own data'))
      .send('who can see the presence of frank')
      .assertReply((reply) => expect(cardText(reply)).toContain('I can only tell you about your own data'));
    for (const text of ['wer kann franks präsenz sehen', 'wer sieht die präsenz von frank', 'Wer sieht die Termine von Bob Brown?', 'wer kan bobs handynr sehn']) {
      await adapterFor({ locale: 'de-DE' })
        .send(text)
        .assertReply((reply) => {
          expect(cardText(reply)).toContain('Ich kann dir nur Auskunft über deine eigenen Daten geben');
          expect(cardText(reply)).not.toContain('Wer sieht:');
        });
    }
    // The asker's own stays the asker's own.
    await adapterFor({ locale: 'de-DE' })
      .send('wer sieht die präsenz von mir')
      .assertReply((reply) => expect(cardText(reply)).toContain('Wer sieht: Präsenz'));
  });

  it('answers what the asker can see of a colleague', async () => {
    await adapterFor()
      .send('what can I see of Zoë')
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('What you can see of Zoë Müller-Lüdenscheidt');
        expect(text).toContain('You have the level Personal toward Zoë Müller-Lüdenscheidt.');
        expect(text).toContain("Personal: Zoë Müller-Lüdenscheidt's own grant");
      });
  });

  it('removes a grant by typing, and says when there is none', async () => {
    const adapter = adapterFor();
    await adapter.send('unblock Mallory').assertReply((reply) => expect(cardText(reply)).toContain('Removed your own grant for Mallory Miller (was Blocked)'));
    await adapter.send('unblock Mallory').assertReply((reply) => expect(cardText(reply)).toContain('You had no own grant for Mallory Miller; nothing changed.'));
  });

  it('lists who can see grouped by reason, each reason once with its count, with names under every reason', async () => {
    const adapter = adapterFor();
    for (const text of ['set Mallory to personal', 'set group Engineering to team', 'set group Legal to team', 'set group Management to team', 'set group Support to team']) {
      await adapter.send(text).assertReply((reply) => expect(cardText(reply)).toContain('Your permission levels'));
    }
    await adapter.send('who can set my presence').assertReply((reply) => {
      const { text, actions } = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
      const lines = text.split('\n');
      expect(lines).toContain('25 colleagues in all.');
      expect(lines.filter((l) => l.startsWith('Personal: your own grant'))).toEqual(['Personal: your own grant — 2']);
      expect(lines[lines.indexOf('Personal: your own grant — 2') + 1]).toBe('Bob Brown and Mallory Miller');
      // The last reason of a long list is named too (it used to come after the first page's 20 names).
      expect(lines[lines.indexOf('Team member: your own grant to group Support — 3') + 1]).toBe('Łukasz Nowak, Noah Schneider and Thomas Schmidt');
      expect(lines).toContain('Erika Musterfrau, Fatima Al-Sayed, François Dubois, Frank Fischer and Sabine Hoffmann');
      expect(actions.map((a) => a.title)).toEqual([]);
    });
  });

  it('pages through a long list with "Show all", every name once', async () => {
    const adapter = adapterFor();
    await adapter.send('set group All Staff to personal').assertReply(() => undefined);
    let showAll: unknown;
    await adapter.send('who can see my private appointments').assertReply((reply) => {
      const { text, actions } = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
      const lines = text.split('\n');
      expect(lines).toContain('29 colleagues in all.');
      expect(lines[lines.indexOf('Personal: your own grant — 1') + 1]).toBe('Bob Brown');
      expect(lines[lines.indexOf('Personal: your own grant to group All Staff — 28') + 1]).toMatch(/^Anna Schmidt, .* and 8 more$/);
      showAll = actions.find((a) => a.title === 'Show all')?.data;
    });
    expect(showAll).toEqual({ verb: 'run', intent: 'whoCanSee', field: 'privateAppointments', page: 0, for: 'alice@example.com' });
    await adapter.send({ type: ActivityTypes.Message, value: showAll } as Partial<Activity>).assertReply((reply) => {
      const { text, actions } = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
      expect(text).toContain('Showing 1–29 of 29.');
      const colleagues = text.slice(text.indexOf('Colleagues'), text.indexOf('External contacts'));
      const names = colleagues.split('\n').filter((l) => l.includes(', ')).flatMap((l) => l.replace(' and ', ', ').split(', '));
      expect(names).toHaveLength(28);
      expect(new Set(names).size).toBe(28);
      expect(text).toContain('Bob Brown');
      expect(actions).toEqual([]);
    });
  });

  it('gives administrators the retention summary, and everyone else the retention rules', async () => {
    await adapterFor({ from: 'ayse.yilmaz@example.com' })
      .send('show the retention summary')
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('Retention summary — week of 2026-11-30');
        expect(text).toContain('journal: 6486 records, the oldest from 2024-12-05; 3249 past their period; 0 purged this week');
        expect(text).toContain('journal: 3249 records past their period — an administrator can run the purge');
      });
    await adapterFor({ from: 'ayse.yilmaz@example.com', locale: 'de-DE' })
      .send('zeig mir den Löschbericht')
      .assertReply((reply) => expect(cardText(reply)).toContain('Löschbericht – Woche ab 2026-11-30'));
    await adapterFor()
      .send('show the retention summary')
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('How long data is kept');
        expect(text).not.toContain('Retention summary');
      });
  });

  it('explains details that no permission table lists', async () => {
    await adapterFor()
      .send('who can see my photo')
      .assertReply((reply) => expect(cardText(reply)).toContain('Photo is not governed by permission levels: it comes from the directory (catalogue item F.14)'));
  });

  it('answers why a colleague sees such a detail with the same rule, naming no level', async () => {
    await adapterFor({ locale: 'de' })
      .send('priya hat mein foto gesehen obwohl ich das nicht wollte, wieso kann sie das?')
      .assertReply((reply) => expect(cardText(reply)).toContain('(Katalogeintrag F.14)'));
  });

  it('says when the directory holds none of the detail asked about, and still explains the rule', async () => {
    await adapterFor({ from: 'mia.koenig@example.com' })
      .send('who can see my mobile number')
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('Your directory entry has no value for “Mobile number” (catalogue item F.13.3.1): nobody sees one at the moment.');
        expect(text).toContain('Not governed by permission levels for colleagues. Mobile number comes from the directory (catalogue item F.13.3.1)');
        expect(text).toContain('Visible from level Team member upwards.');
      });
    await adapterFor({ from: 'mia.koenig@example.com', locale: 'de-DE' })
      .send('Wer sieht meine Handynummer?')
      .assertReply((reply) => expect(cardText(reply)).toContain('Dein Verzeichniseintrag hat keinen Wert für „Mobilnummer“ (Katalogeintrag F.13.3.1)'));
    await adapterFor()
      .send('who can see my mobile number')
      .assertReply((reply) => expect(cardText(reply)).not.toContain('Your directory entry has no value'));
    await adapterFor()
      .send('who can see my pager')
      .assertReply((reply) => expect(cardText(reply)).toContain('Your directory entry has no value for “Pager” (catalogue item F.13.3.4)'));
    await adapterFor({ from: 'ayse.yilmaz@example.com' })
      .send('who can see my pager')
      .assertReply((reply) => expect(cardText(reply)).not.toContain('Your directory entry has no value'));
    await adapterFor({ from: 'klaus.becker@example.com' })
      .send('who can see my presence')
      .assertReply((reply) => expect(cardText(reply)).not.toContain('Your directory entry has no value'));
  });

  it('shows typed markup inertly', async () => {
    await adapterFor()
      .send('what can Bo**b_x see of me')
      .assertReply((reply) => {
        const json = JSON.stringify(reply.attachments?.[0]?.content);
        expect(json).toContain('Bo∗∗b＿x');
        expect(json).not.toContain('**b');
      });
    expect(plain('[a](https://evil.example) `b`')).toBe('［a］(https://evil.example) ˋbˋ');
  });

  it('refuses to set a level for the asker themself', async () => {
    await adapterFor()
      .send('set alice@example.com to personal')
      .assertReply((reply) => expect(cardText(reply)).toContain('cannot set a level for yourself'));
  });

  it('takes in a request once, even when the same activity arrives twice (a Teams retry)', async () => {
    const adapter = adapterFor({ requests: true });
    const retried = { type: ActivityTypes.Message, id: 'activity-1', text: 'I want a copy of my data' } as Partial<Activity>;
    await adapter
      .send(retried)
      .assertReply((reply) => expect(cardText(reply)).toContain('Request received: DSR-'))
      .send(retried)
      .assertReply((reply) => expect(cardText(reply)).toContain('You already have an open access request'));
    const cases = await app.requests.mine('alice@example.com');
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ type: 'access', status: 'awaitingDecision', requester: 'alice@example.com', subject: { kind: 'employee', id: 'alice@example.com' } });
  });

  it('makes a case of the sender’s own when a filled-in form is sent again by somebody else', async () => {
    const form = { verb: 'request', token: 'b1946ac9-2a3f-4a5e-9b1c-0c3f1e5a7d10', type: 'access', self: false, channel: 'letter', receivedOn: app.requests.today(), lastName: 'Musterfrau', firstName: 'Erika' };
    await adapterFor({ requests: true })
      .send({ type: ActivityTypes.Message, id: 'form-1', value: form } as Partial<Activity>)
      .assertReply((reply) => expect(cardText(reply)).toContain('Request received: DSR-'));
    await adapterFor({ requests: true, from: 'bob@example.com' })
      .send({ type: ActivityTypes.Message, id: 'form-2', value: form } as Partial<Activity>)
      .assertReply((reply) => expect(cardText(reply)).not.toContain('had already arrived'));
    const [alices] = await app.requests.mine('alice@example.com');
    const [bobs] = await app.requests.mine('bob@example.com');
    expect(alices?.requester).toBe('alice@example.com');
    expect(bobs?.requester).toBe('bob@example.com');
    expect(bobs?.id).not.toBe(alices?.id);
  });

  it('answers a case button of a client without Universal Actions, and keeps that card up to date too', async () => {
    await adapterFor({ requests: true })
      .send({ type: ActivityTypes.Message, id: 'activity-9', text: 'I want a copy of my data' } as Partial<Activity>)
      .assertReply((reply) => expect(cardText(reply)).toContain('Request received: DSR-'));
    const [request] = await app.requests.mine('alice@example.com');
    await adapterFor({ requests: true, from: 'dana.dpo@example.com' })
      .send({ type: ActivityTypes.Message, id: 'activity-10', value: { verb: 'case', action: 'approve', caseId: request?.id, version: 2 } } as Partial<Activity>)
      .assertReply((reply) => expect(cardText(reply)).toContain('Approved'));
    expect((await app.requests.get(request?.id as string))?.status).toBe('approved');
    const cards = await app.requestStore.cardMessages(request?.id as string);
    expect(cards.map((c) => c.audience)).toEqual(['requester', 'dpo']);
    expect(JSON.parse(cards[1]?.reference ?? '{}')).toMatchObject({ viewer: 'dana.dpo@example.com', locale: 'en' });
  });

  it('counts a letter’s month from the day it arrived in the organisation’s zone, even far east of UTC', async () => {
    await app.close();
    app = await demoApp({ TIME_ZONE: 'Pacific/Auckland' });
    const receivedOn = addDays(app.requests.today(), -3);
    const form = { verb: 'request', token: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', type: 'erasure', self: false, channel: 'letter', receivedOn, lastName: 'Musterfrau' };
    await adapterFor({ requests: true })
      .send({ type: ActivityTypes.Message, id: 'letter-1', value: form } as Partial<Activity>)
      .assertReply((reply) => expect(cardText(reply)).toContain('Request received: DSR-'));
    const [request] = await app.requests.mine('alice@example.com');
    expect(localDate(new Date(request?.receivedAt as string), 'Pacific/Auckland')).toBe(receivedOn);
    expect(request?.dueDate).toBe(addMonths(receivedOn, 1));
  });

  it('answers a case button in a group chat with a pointer to the personal chat, and records nothing there', async () => {
    await adapterFor({ requests: true })
      .send({ type: ActivityTypes.Message, id: 'activity-20', text: 'I want a copy of my data' } as Partial<Activity>)
      .assertReply((reply) => expect(cardText(reply)).toContain('Request received: DSR-'));
    const [request] = await app.requests.mine('alice@example.com');
    const group = { id: 'group-1', isGroup: true, conversationType: 'groupChat', name: 'Lunch' };
    await adapterFor({ requests: true })
      .send({ type: ActivityTypes.Message, id: 'activity-21', conversation: group, value: { verb: 'case', action: 'refresh', caseId: request?.id, version: 2 } } as Partial<Activity>)
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('only in our personal chat');
        expect(cardText(reply)).not.toContain(request?.number as string);
      });
    expect((await app.requestStore.cardMessages(request?.id as string)).map((c) => c.audience)).toEqual(['requester']);
  });

  it('names an open case of the same person only to whom may see it', async () => {
    await adapterFor({ requests: true })
      .send({ type: ActivityTypes.Message, id: 'activity-30', text: 'I want a copy of my data' } as Partial<Activity>)
      .assertReply((reply) => expect(cardText(reply)).toContain('Request received: DSR-'));
    const [alices] = await app.requests.mine('alice@example.com');
    const form = { verb: 'request', token: '0d9e8f7a-6b5c-4d3e-9f1a-2b3c4d5e6f70', type: 'access', self: false, channel: 'email', receivedOn: app.requests.today(), lastName: 'Adams', email: 'alice@example.com' };
    await adapterFor({ requests: true, from: 'bob@example.com' })
      .send({ type: ActivityTypes.Message, id: 'activity-31', value: form } as Partial<Activity>)
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('Request received: DSR-');
        expect(cardText(reply)).not.toContain(alices?.number as string);
      });
    const [bobs] = await app.requests.mine('bob@example.com');
    // The DPOs see it as a duplicate all the same.
    expect((await app.requests.duplicatesOf(bobs as never)).map((d) => d.number)).toEqual([alices?.number]);
  });

  it('gives the DPO the open cases and any case’s card by its number; to others a case they may not see does not exist', async () => {
    await adapterFor({ requests: true })
      .send({ type: ActivityTypes.Message, id: 'activity-40', text: 'I want a copy of my data' } as Partial<Activity>)
      .assertReply((reply) => expect(cardText(reply)).toContain('Request received: DSR-'));
    const [request] = await app.requests.mine('alice@example.com');
    const number = request?.number as string;
    let show: unknown;
    await adapterFor({ requests: true, from: 'dana.dpo@example.com', locale: 'de-DE' })
      .send('offene Anträge')
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('Offene Datenschutzanträge');
        expect(cardText(reply)).toContain(number);
        show = (reply.attachments?.[0]?.content as { actions: { data: unknown }[] }).actions[0]?.data;
      });
    await adapterFor({ requests: true, from: 'dana.dpo@example.com', locale: 'de-DE' })
      .send({ type: ActivityTypes.Message, id: 'activity-41', value: show } as Partial<Activity>)
      .assertReply((reply) => expect(cardToText(reply.attachments?.[0]?.content as Record<string, unknown>).actions.map((a) => a.title)).toContain('Genehmigen'));
    await adapterFor({ requests: true, from: 'dana.dpo@example.com' })
      .send(`show ${number.toLowerCase()}`)
      .assertReply((reply) => expect(cardToText(reply.attachments?.[0]?.content as Record<string, unknown>).actions.map((a) => a.title)).toContain('Approve'));
    await adapterFor({ requests: true, from: 'bob@example.com' })
      .send(`show ${number}`)
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('does not exist');
        expect(cardText(reply)).not.toContain('Alice');
      })
      .send('open requests')
      .assertReply((reply) => expect(cardText(reply)).toContain('You have no privacy requests'));
    expect((await app.requestStore.cardMessages(request?.id as string)).map((c) => c.audience)).toEqual(['requester', 'dpo', 'dpo']);
  });

  it('asks whose data is meant when a request does not say, and files it as the asker’s own only on “it is about me”', async () => {
    let aboutMe: unknown;
    await adapterFor({ requests: true, locale: 'de-DE' })
      .send('Auskunft beantragen')
      .assertReply((reply) => {
        const card = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
        expect(card.text).toContain('Geht es um deine eigenen Daten?');
        aboutMe = card.actions.find((a) => a.title === 'Es geht um mich')?.data;
      });
    expect(await app.requests.mine('alice@example.com')).toEqual([]);
    await adapterFor({ requests: true, locale: 'de-DE' })
      .send({ type: ActivityTypes.Message, id: 'about-me', value: aboutMe } as Partial<Activity>)
      .assertReply((reply) => expect(cardText(reply)).toContain('Antrag eingegangen: DSR-'));
    const [own] = await app.requests.mine('alice@example.com');
    expect(own).toMatchObject({ type: 'access', subject: { kind: 'employee', id: 'alice@example.com' } });
  });

  it('tells the only DPO, filing their own request, that nobody may decide it until a deputy is named', async () => {
    await adapterFor({ requests: true, from: 'dana.dpo@example.com' })
      .send('I want a copy of my data')
      .assertReply((reply) => expect(cardText(reply)).toContain('please ask your administrators to name a deputy (DPO_DEPUTY)'));
  });

  it('fills the form with what the message already says: the correct value, a mail, a phone number', async () => {
    const defaults = (reply: Partial<Activity>): Record<string, string> => inputDefaults(reply.attachments?.[0]?.content as Record<string, unknown>);
    await adapterFor({ requests: true })
      .send('correct my mobile number to 0171 2222222')
      .assertReply((reply) => expect(defaults(reply)).toMatchObject({ type: 'rectification', newValue: '0171 2222222' }))
      .send('Auskunftsantrag für Erika Musterfrau, Tel. 030 1234567, erika@privat.example')
      .assertReply((reply) => expect(defaults(reply)).toMatchObject({ lastName: 'Musterfrau', firstName: 'Erika', phone: '030 1234567', email: 'erika@privat.example' }));
  });

  it('never files a passed-on request as the asker’s own: the form comes filled in with the person, address, mail and how it came', async () => {
    const defaults = (reply: Partial<Activity>): Record<string, string> => inputDefaults(reply.attachments?.[0]?.content as Record<string, unknown>);
    await adapterFor({ requests: true, locale: 'de-DE' })
      .send('ein kunde hat per brief auskunft nach dsgvo verlangt: hans meier, hauptstr. 5, 80331 münchen, hans.meier@web.example')
      .assertReply((reply) => {
        expect(defaults(reply)).toEqual(
          expect.objectContaining({ type: 'access', firstName: 'hans', lastName: 'meier', street: 'hauptstr. 5', postcodeCity: '80331 münchen', email: 'hans.meier@web.example', channel: 'letter' }),
        );
        const card = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
        expect(card.text).not.toContain('Geht es um deine eigenen Daten?');
        expect(card.actions.map((a) => a.title)).not.toContain('Es geht um mich');
      })
      .send('Kundin Erika Musterfrau hat angerufen und will, dass wir ihre Daten löschen, Tel. 030 1234567')
      .assertReply((reply) => expect(defaults(reply)).toEqual(expect.objectContaining({ type: 'erasure', firstName: 'Erika', lastName: 'Musterfrau', phone: '030 1234567', channel: 'phone' })));
    await adapterFor({ requests: true })
      .send('a customer wrote a letter asking for a copy of his data: John Smith, 5 High Street, London SW1A 1AA, john@web.example')
      .assertReply((reply) => expect(defaults(reply)).toEqual(expect.objectContaining({ firstName: 'John', lastName: 'Smith', street: '5 High Street', postcodeCity: 'London SW1A 1AA', email: 'john@web.example', channel: 'letter' })))
      // "my data" with somebody else's mail address: not the asker's own either.
      .send('please delete my data, hans.meier@web.example')
      .assertReply((reply) => expect(defaults(reply)).toEqual(expect.objectContaining({ type: 'erasure', email: 'hans.meier@web.example' })));
    expect(await app.requests.mine('alice@example.com')).toEqual([]);
    // The asker's own address changes nothing: their own request, at once.
    await adapterFor({ requests: true })
      .send('please send me a copy of my data, alice@example.com')
      .assertReply((reply) => expect(cardText(reply)).toContain('Request received: DSR-'));
  });

  it('files an erasure about oneself only after one confirmation, once however often it is pressed, with the asker’s words', async () => {
    let yes: unknown;
    let no: unknown;
    await adapterFor({ requests: true })
      .send('pls delete all my data, I am leaving the company')
      .assertReply((reply) => {
        const card = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
        expect(card.text).toContain('Delete your data?');
        expect(card.text).toContain('cannot be undone');
        yes = card.actions.find((a) => a.title === 'Yes, file my erasure request')?.data;
        no = card.actions.find((a) => a.title === 'No')?.data;
      });
    expect(yes).toMatchObject({ verb: 'run', intent: 'startRequest', requestType: 'erasure', confirmed: true, for: 'alice@example.com' });
    expect(await app.requests.mine('alice@example.com')).toEqual([]);
    await adapterFor({ requests: true })
      .send({ type: ActivityTypes.Message, id: 'no-1', value: no } as Partial<Activity>)
      .assertReply((reply) => expect(cardText(reply)).toContain('Nothing was filed'));
    expect(await app.requests.mine('alice@example.com')).toEqual([]);
    for (const id of ['yes-1', 'yes-2']) {
      await adapterFor({ requests: true })
        .send({ type: ActivityTypes.Message, id, value: yes } as Partial<Activity>)
        .assertReply((reply) => expect(cardText(reply)).toMatch(/Request received: DSR-|already/));
    }
    const cases = await app.requests.mine('alice@example.com');
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ type: 'erasure', subject: { kind: 'employee', id: 'alice@example.com' }, note: 'pls delete all my data, I am leaving the company' });
    // Bob pressing Alice's button files nothing for either of them.
    await adapterFor({ requests: true, from: 'bob@example.com' })
      .send({ type: ActivityTypes.Message, id: 'yes-bob', value: yes } as Partial<Activity>)
      .assertReply((reply) => expect(cardText(reply)).not.toContain('Request received'));
    expect(await app.requests.mine('bob@example.com')).toEqual([]);
  });

  it('shows the DPO and the requester what the requester wrote, so that a misreading can be seen', async () => {
    await adapterFor({ requests: true })
      .send('I want a copy of my data, especially the call journal')
      .assertReply((reply) => expect(cardText(reply)).toContain('In their words: I want a copy of my data, especially the call journal'));
    const [request] = await app.requests.mine('alice@example.com');
    await adapterFor({ requests: true, from: 'dana.dpo@example.com' })
      .send(`show ${request?.number as string}`)
      .assertReply((reply) => expect(cardText(reply)).toContain('In their words: I want a copy of my data, especially the call journal'));
  });

  it('brings back the question with its answer button when a requester types an answer the bot cannot place', async () => {
    await adapterFor({ requests: true })
      .send({ type: ActivityTypes.Message, id: 'activity-50', text: 'I want a copy of my data' } as Partial<Activity>)
      .assertReply((reply) => expect(cardText(reply)).toContain('Request received: DSR-'));
    const [request] = await app.requests.mine('alice@example.com');
    await app.requests.act(request?.id as string, { action: 'askInfo', reason: 'Which address do you mean?' }, 'dana.dpo@example.com');
    await app.requests.settled();
    await adapterFor({ requests: true })
      .send('it is my business address')
      .assertReply((reply) => {
        expect(cardText(reply)).toContain(`If it is your answer to the question on ${request?.number as string}`);
        expect(cardText(reply)).toContain('Which address do you mean?');
        expect(cardToText(reply.attachments?.[0]?.content as Record<string, unknown>).actions.map((a) => a.title)).toContain(`Answer the question on ${request?.number as string}`);
      });
    // Nothing was taken as an answer: the clock still stands still.
    expect((await app.requests.get(request?.id as string))?.status).toBe('moreInfoNeeded');
  });

  it('explains a level from the matrix in force, and all levels when none is named', async () => {
    await adapterFor()
      .send('what does business level mean')
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('Business: what the level means');
        expect(text).toContain('See public appointments');
        expect(text).toMatch(/New compared with Public: .*See public appointments/);
      });
    await adapterFor({ locale: 'de-DE' })
      .send('was heißt eigentlich teammitglied')
      .assertReply((reply) => expect(cardText(reply)).toContain('Teammitglied: was die Stufe bedeutet'))
      .send('welche stufen gibt es')
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('Die Berechtigungsstufen');
        expect(text).toContain('Öffentlich: Präsenz sehen');
      });
  });

  it('names the data-protection officers, with requests as buttons', async () => {
    await adapterFor({ requests: true })
      .send('who is our dpo')
      .assertReply((reply) => {
        const card = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
        expect(card.text).toContain('Dana DPO (dana.dpo@example.com)');
        expect(card.actions.map((a) => a.title)).toEqual(expect.arrayContaining(['I want a copy of my data', 'please delete my data']));
      });
  });

  it('answers thanks, and gives the DPO and administrators their own help', async () => {
    await adapterFor()
      .send('danke!')
      .assertReply((reply) => expect(cardText(reply)).toContain('You are welcome'));
    await adapterFor({ requests: true, from: 'dana.dpo@example.com' })
      .send('help')
      .assertReply((reply) => {
        const card = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
        expect(card.text).toContain('As data-protection officer');
        expect(card.actions.map((a) => a.title)).toContain('open requests');
      });
    await adapterFor({ requests: true, from: 'ayse.yilmaz@example.com', locale: 'de-DE' })
      .send('hilfe')
      .assertReply((reply) => {
        const card = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
        expect(card.text).toContain('Als Administratorin oder Administrator');
        expect(card.actions.map((a) => a.title)).toContain('VVT anzeigen');
      });
    await adapterFor({ requests: true })
      .send('help')
      .assertReply((reply) => {
        const card = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
        expect(card.text).not.toContain('As data-protection officer');
        expect(card.actions.map((a) => a.title)).toEqual(expect.arrayContaining(['please delete my data', 'I want a copy of my data']));
      });
  });

  it('offers what a message most likely meant instead of a dead end', async () => {
    await adapterFor()
      .send('bob handynummer???')
      .assertReply((reply) => {
        const card = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
        expect(card.text).toContain('Did you mean');
        expect(card.actions.map((a) => a.title)).toEqual(expect.arrayContaining(['Who can see: Mobile number', 'Why can bob see: Mobile number?', 'What can bob see of me?']));
      });
    await adapterFor()
      .send('who can see my profile pic')
      .assertReply((reply) => expect(cardText(reply)).toContain('Photo'));
    await adapterFor()
      .send('who can see my thingamajig')
      .assertReply((reply) => {
        const card = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
        expect(card.text).toContain('Which detail do you mean?');
        expect(card.actions.length).toBeGreaterThan(3);
      });
  });

  it('knows the asker’s manager and team from the directory', async () => {
    await adapterFor()
      .send('can my manager see my private calendar')
      .assertReply((reply) => expect(cardText(reply)).toContain('Can Bob Brown see: Private appointments?'));
    await adapterFor({ locale: 'de-DE' })
      .send('kann der chef meine handynr sehen?')
      .assertReply((reply) => expect(cardText(reply)).toContain('Bob Brown'));
    await adapterFor({ from: 'frank@example.com' })
      .send('can my boss see my presence')
      .assertReply((reply) => expect(cardText(reply)).toContain('The directory names no manager for you'));
    // Frank's team: the people reporting to him, each with their level and a button.
    await adapterFor({ from: 'frank@example.com' })
      .send('what can my team see of me')
      .assertReply((reply) => {
        const card = cardToText(reply.attachments?.[0]?.content as Record<string, unknown>);
        expect(card.text).toMatch(/\d+ people report to you/);
        expect(card.text).toContain('Bob Brown — ');
        expect(card.actions.find((a) => (a.data as { person?: string }).person === 'bob@example.com')?.data).toMatchObject({ verb: 'run', intent: 'whatCanSee' });
      });
    // Alice has no reports: her team is her department, and whether each sees the detail.
    await adapterFor({ locale: 'de-DE' })
      .send('sieht mein team wann ich online bin')
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toMatch(/\d+ Personen arbeiten in deiner Abteilung/);
        expect(text).toContain('Bob Brown — sichtbar');
      });
  });

  it('says requests are not offered where the bot runs without them', async () => {
    await adapterFor()
      .send('start access request for Erika Musterfrau')
      .assertReply((reply) => expect(cardText(reply)).toContain('Privacy requests are not offered here'));
  });

  it('does not take the asker’s word for who they are when local identity is off', async () => {
    await adapterFor({ allowLocalIdentity: false })
      .send('who can see my presence')
      .assertReply((reply) => expect(cardText(reply)).toContain("can't tell who you are"));
  });

  it('welcomes on being added outside Teams', async () => {
    await adapterFor()
      .send({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'bot', name: 'bot' }], recipient: { id: 'bot', name: 'bot' } } as Partial<Activity>)
      .assertReply((reply) => expect(cardText(reply)).toContain('Hello, I am privacy-desk'));
  });

  it('answers a failure with a reference, and logs it without the message text', async () => {
    const logged: object[] = [];
    const logger: Logger = { ...silentLogger, error: (fields: object) => void logged.push(fields), child: () => logger };
    jest.spyOn(app.desk, 'whoCanSee').mockImplementation(() => {
      throw new Error('boom');
    });
    await adapterFor({ logger })
      .send('who can see my mobile number')
      .assertReply((reply) => expect(cardText(reply)).toMatch(/Something went wrong on my side\. Please try again; if it keeps happening, give your administrators the reference [0-9a-f]{8}\./));
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).not.toContain('mobile number');
  });
});
