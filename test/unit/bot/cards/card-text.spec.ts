import { renderAnswer } from '../../../../src/bot/cards/answer.card';
import { cardToText } from '../../../../src/bot/cards/card-text';
import { levelChange } from '../../../../src/bot/cards/level-change';
import { messages } from '../../../../src/bot/i18n/messages';
import { LEVELS } from '../../../../src/domain/levels';

const submit = (title: string, data: unknown): Record<string, unknown> => ({ type: 'Action.Submit', title, data });

/** A row as cards/answer.json lays it out: text on the left, a button on the right. */
const row = (text: string, button: Record<string, unknown>): Record<string, unknown> => ({
  type: 'ColumnSet',
  columns: [
    { type: 'Column', items: [{ type: 'TextBlock', text }] },
    { type: 'Column', items: [{ type: 'ActionSet', actions: [button] }] },
  ],
});

const LEVEL_CHOICES = [
  { title: 'Blocked', value: 'blocked' },
  { title: 'Team member', value: 'team' },
];

const showCard = (title: string, inner: Record<string, unknown>): Record<string, unknown> => ({ type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', ...inner } });

describe('cardToText', () => {
  it('renders TextBlocks as lines, without **bold** markers', () => {
    const card = { body: [{ type: 'TextBlock', text: '**Your grants**' }, { type: 'TextBlock', text: 'Bob has **Team member** and **Personal**.' }] };
    expect(cardToText(card)).toEqual({ text: 'Your grants\nBob has Team member and Personal.', actions: [] });
  });

  it('drops empty and blank lines', () => {
    const card = { body: [{ type: 'TextBlock', text: 'one' }, { type: 'TextBlock', text: '' }, { type: 'TextBlock' }, { type: 'TextBlock', text: '   ' }, { type: 'TextBlock', text: 'two' }] };
    expect(cardToText(card).text).toBe('one\ntwo');
  });

  it('renders a FactSet as one indented "title: value" line per fact', () => {
    const card = {
      body: [
        {
          type: 'FactSet',
          facts: [
            { title: 'Presence', value: '✅ visible' },
            { title: 'Mobile number', value: '⛔ hidden' },
          ],
        },
      ],
    };
    expect(cardToText(card).text).toBe('  Presence: ✅ visible\n  Mobile number: ⛔ hidden');
  });

  it('walks containers in order', () => {
    const card = {
      body: [
        { type: 'TextBlock', text: 'title' },
        { type: 'Container', items: [{ type: 'TextBlock', text: 'a' }, { type: 'Container', items: [{ type: 'TextBlock', text: 'b' }] }] },
        { type: 'TextBlock', text: 'c' },
      ],
    };
    expect(cardToText(card).text).toBe('title\na\nb\nc');
  });

  it('numbers the buttons of ColumnSet rows where they stand, in order', () => {
    const bob = { verb: 'run', intent: 'setLevel', person: 'bob@example.com', level: 'remove' };
    const mallory = { verb: 'run', intent: 'setLevel', person: 'mallory@example.com', level: 'remove' };
    const card = { body: [{ type: 'TextBlock', text: 'Set by you' }, row('Bob Brown — Team member', submit('Remove', bob)), row('Mallory Miller — Blocked', submit('Remove', mallory))] };
    expect(cardToText(card)).toEqual({
      text: 'Set by you\n  [1] Remove  Bob Brown — Team member\n  [2] Remove  Mallory Miller — Blocked',
      actions: [
        { title: 'Remove', data: bob, inline: true },
        { title: 'Remove', data: mallory, inline: true },
      ],
    });
  });

  it('renders a ColumnSet without buttons as its columns\' text on one line', () => {
    const card = {
      body: [{ type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'TextBlock', text: '**left**' }] }, { type: 'Column', items: [{ type: 'TextBlock', text: 'right' }] }] }],
    };
    expect(cardToText(card)).toEqual({ text: 'left right', actions: [] });
  });

  it('turns a ShowCard with inputs into one action that asks for each of them', () => {
    const apply = { verb: 'run', intent: 'setLevel', person: 'bob@example.com' };
    const card = {
      body: [{ type: 'TextBlock', text: 'What Bob Brown can see of you' }],
      actions: [
        showCard('Change level', {
          body: [
            { type: 'Input.ChoiceSet', id: 'level', label: 'New level', choices: LEVEL_CHOICES },
            { type: 'Input.Text', id: 'comment' },
          ],
          actions: [submit('Apply', apply)],
        }),
      ],
    };
    expect(cardToText(card)).toEqual({
      text: 'What Bob Brown can see of you',
      actions: [
        {
          title: 'Change level',
          data: apply,
          inputs: [
            { id: 'level', label: 'New level', value: '', required: false, choices: LEVEL_CHOICES },
            { id: 'comment', label: 'comment', value: '', required: false, choices: [] },
          ],
          inline: false,
        },
      ],
    });
  });

  it('gives a form’s submit button the card’s own inputs, found inside containers, with what they hold', () => {
    const card = {
      body: [{ type: 'Container', items: [{ type: 'Input.Text', id: 'lastName', label: 'Last name', value: 'Musterfrau', isRequired: true }] }],
      actions: [submit('Submit request', { verb: 'request' })],
    };
    expect(cardToText(card).actions).toEqual([
      { title: 'Submit request', data: { verb: 'request' }, inputs: [{ id: 'lastName', label: 'Last name', value: 'Musterfrau', required: true, choices: [] }], inline: false },
    ]);
  });

  it('leaves out a ShowCard that has no button to submit it', () => {
    const card = { body: [], actions: [showCard('Change level', { body: [{ type: 'Input.ChoiceSet', id: 'level', choices: LEVEL_CHOICES }] }), submit('Why?', { verb: 'ask', text: 'why' })] };
    expect(cardToText(card).actions).toEqual([{ title: 'Why?', data: { verb: 'ask', text: 'why' }, inline: false }]);
  });

  it('lists the card\'s own buttons after the inline ones, and not in the text', () => {
    const choose = { verb: 'run', intent: 'whatCanSee', person: 'chris.clark@example.com' };
    const why = { verb: 'run', intent: 'whyCanSee', person: 'bob@example.com' };
    const help = { verb: 'ask', text: 'help' };
    const card = { body: [row('Chris Clark', submit('Choose', choose))], actions: [submit('Why?', why), submit('Help me', help)] };
    const { text, actions } = cardToText(card);
    expect(text).toBe('  [1] Choose  Chris Clark');
    expect(text).not.toContain('Why?');
    expect(text).not.toContain('Help me');
    expect(actions).toEqual([
      { title: 'Choose', data: choose, inline: true },
      { title: 'Why?', data: why, inline: false },
      { title: 'Help me', data: help, inline: false },
    ]);
  });

  it('ignores what it does not know and cards without a body', () => {
    expect(cardToText({})).toEqual({ text: '', actions: [] });
    expect(cardToText({ body: [{ type: 'Image', url: 'https://example.com/x.png' }, { type: 'TextBlock', text: 'kept' }] }).text).toBe('kept');
  });
});

describe('cardToText on cards rendered from cards/answer.json', () => {
  const t = messages('en');

  it('renders every part of an answer, and the card carries the text as fallbackText', () => {
    const remove = { verb: 'run' as const, intent: 'setLevel' as const, person: 'bob@example.com', level: 'remove' as const };
    const why = { verb: 'run' as const, intent: 'whyCanSee' as const, person: 'bob@example.com' };
    const rendered = renderAnswer({
      title: 'Title',
      intro: ['Intro with **bold**.'],
      sections: [
        { heading: 'Facts', facts: [{ title: 'Presence', value: 'visible' }] },
        { lines: ['A line without heading.'], groups: [{ label: 'Group label', names: 'Anna and Bob' }, { label: 'Nameless group' }] },
        { heading: 'Rows', rows: [{ text: 'Bob Brown — Team member', action: { title: 'Remove', data: remove } }] },
      ],
      notes: ['A note.'],
      actions: [{ title: 'Why?', data: why }],
      levelChange: levelChange(t, 'bob@example.com', 'team'),
    });
    expect(rendered.text).toBe(
      [
        'Title',
        'Intro with bold.',
        'Facts',
        '  Presence: visible',
        'A line without heading.',
        'Group label',
        'Anna and Bob',
        'Nameless group',
        'Rows',
        '  [1] Remove  Bob Brown — Team member',
        'A note.',
      ].join('\n'),
    );
    expect(rendered.card.fallbackText).toBe(rendered.text);
    const { text, actions } = cardToText(rendered.card);
    expect(text).toBe(rendered.text);
    expect(actions).toEqual([
      { title: t.remove, data: remove, inline: true },
      { title: t.why, data: why, inline: false },
      {
        title: t.changeLevel,
        data: { verb: 'run', intent: 'setLevel', person: 'bob@example.com' },
        inputs: [{ id: 'level', label: expect.any(String), value: expect.any(String), required: true, choices: LEVELS.map((value) => ({ title: t.level(value), value })) }],
        inline: false,
      },
    ]);
  });

  it('renders a title-only answer as its title alone', () => {
    const rendered = renderAnswer({ title: 'Only a title' });
    expect(rendered.text).toBe('Only a title');
    expect(cardToText(rendered.card)).toEqual({ text: 'Only a title', actions: [] });
  });
});
