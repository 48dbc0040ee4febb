import type { Activity } from 'botbuilder';
import { UnchangedConversations } from '../../../../src/bot/teams/conversations';
import { MemberCache } from '../../../../src/bot/teams/identity';
import type { StoredConversation } from '../../../../src/ports/store/request-store.port';

const activity = (fromId: string, aadObjectId?: string, tenant = 'tenant-a'): Partial<Activity> => ({
  channelId: 'msteams',
  from: { id: fromId, name: 'Someone', ...(aadObjectId ? { aadObjectId } : {}) },
  channelData: { tenant: { id: tenant } },
});

describe('MemberCache', () => {
  it('remembers a member per tenant and Teams user id, until the entry expires', async () => {
    const cache = new MemberCache({ ttlMs: 40 });
    cache.set(activity('29:alice', 'aad-alice'), { upn: 'alice@example.com', aadObjectId: 'aad-alice' });
    expect(cache.get(activity('29:alice', 'aad-alice'))).toEqual({ upn: 'alice@example.com', aadObjectId: 'aad-alice' });
    // An activity that names no Entra id, or another one, is looked up afresh.
    expect(cache.get(activity('29:alice'))).toBeUndefined();
    expect(cache.get(activity('29:bob', 'aad-bob'))).toBeUndefined();
    expect(cache.get(activity('29:alice', 'aad-alice', 'tenant-b'))).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 60));
    // Expired: Teams is asked again, so a changed UPN or mail is seen.
    expect(cache.get(activity('29:alice', 'aad-alice'))).toBeUndefined();
  });

  it('never answers for an activity that names another Entra object id', () => {
    const cache = new MemberCache();
    cache.set(activity('29:alice', 'aad-alice'), { upn: 'alice@example.com', aadObjectId: 'aad-alice' });
    expect(cache.get(activity('29:alice', 'aad-mallory'))).toBeUndefined();
  });
});

describe('UnchangedConversations', () => {
  const at = new Date('2026-12-01T09:00:00Z');
  const conversation = (reference: string, teamsUserId?: string): StoredConversation => ({ key: 'person:alice@example.com', reference, ...(teamsUserId ? { teamsUserId } : {}) });

  it('writes a reference once, and again only when it (or the Teams user id) changes', async () => {
    const written: StoredConversation[] = [];
    const writes = new UnchangedConversations({ saveConversation: async (c) => void written.push(c) });
    await writes.saveConversation(conversation('{"v":1}', '29:alice'), at);
    await writes.saveConversation(conversation('{"v":1}', '29:alice'), at);
    await writes.saveConversation(conversation('{"v":2}', '29:alice'), at);
    await writes.saveConversation(conversation('{"v":2}', '29:alice-2'), at);
    await writes.saveConversation({ ...conversation('{"v":2}', '29:alice-2'), key: 'service' }, at);
    expect(written.map((c) => [c.key, c.reference, c.teamsUserId])).toEqual([
      ['person:alice@example.com', '{"v":1}', '29:alice'],
      ['person:alice@example.com', '{"v":2}', '29:alice'],
      ['person:alice@example.com', '{"v":2}', '29:alice-2'],
      ['service', '{"v":2}', '29:alice-2'],
    ]);
  });

  it('tries again after a failed write', async () => {
    let fail = true;
    const written: StoredConversation[] = [];
    const writes = new UnchangedConversations({
      saveConversation: async (c) => {
        if (fail) throw new Error('database is down');
        written.push(c);
      },
    });
    await expect(writes.saveConversation(conversation('{"v":1}'), at)).rejects.toThrow('database is down');
    fail = false;
    await writes.saveConversation(conversation('{"v":1}'), at);
    expect(written).toHaveLength(1);
  });

  it('writes again once the remembered write has expired', async () => {
    const written: StoredConversation[] = [];
    const writes = new UnchangedConversations({ saveConversation: async (c) => void written.push(c) }, { ttlMs: 30 });
    await writes.saveConversation(conversation('{"v":1}'), at);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await writes.saveConversation(conversation('{"v":1}'), at);
    expect(written).toHaveLength(2);
  });
});
