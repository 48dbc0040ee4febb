import { stampOwner } from '../../../../src/bot/cards/card-actions';

describe('stampOwner', () => {
  const card = {
    type: 'AdaptiveCard',
    body: [{ type: 'TextBlock', text: 'hello' }, { type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Again', data: { verb: 'run', intent: 'whoCanSee', field: 'mobile' } }] }],
    actions: [
      { type: 'Action.Execute', verb: 'case', data: { verb: 'case', caseId: 'x' } },
      { type: 'Action.Submit', title: 'Ask', data: { verb: 'ask', text: 'help' } },
      { type: 'Action.ShowCard', card: { type: 'AdaptiveCard', actions: [{ type: 'Action.Submit', data: { verb: 'run', intent: 'setLevel', person: 'bob', level: 'team' } }] } },
    ],
  };

  it('names the owner on every button that runs something, at any depth, and on nothing else', () => {
    const stamped = stampOwner(card, 'alice@example.com') as typeof card;
    expect(stamped.body[1]).toEqual({ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Again', data: { verb: 'run', intent: 'whoCanSee', field: 'mobile', for: 'alice@example.com' } }] });
    expect(stamped.actions[0]).toEqual(card.actions[0]);
    expect(stamped.actions[1]).toEqual(card.actions[1]);
    expect((stamped.actions[2] as { card: { actions: { data: unknown }[] } }).card.actions[0]?.data).toEqual({ verb: 'run', intent: 'setLevel', person: 'bob', level: 'team', for: 'alice@example.com' });
  });

  it('never changes the card it is given (a card may be drawn once and sent to many)', () => {
    const before = JSON.stringify(card);
    stampOwner(card, 'alice@example.com');
    stampOwner(card, 'mallory@example.com');
    expect(JSON.stringify(card)).toBe(before);
    // What does not change is shared, not copied.
    expect((stampOwner(card, 'bob@example.com') as typeof card).body[0]).toBe(card.body[0]);
  });
});
