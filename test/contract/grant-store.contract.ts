import { verifyChain } from '../../src/ports/store/audit-chain';
import type { GrantStore } from '../../src/ports/store/grant-store.port';
import { grant, policy } from '../support/org-builder';

/**
 * The behaviour every GrantStore adapter must have (SQLite now, PostgreSQL for several
 * instances). `open` gives a fresh, empty store.
 */
export function grantStoreContract(name: string, open: () => Promise<GrantStore>): void {
  describe(`GrantStore contract: ${name}`, () => {
    let store: GrantStore;
    const at = new Date('2026-11-26T10:00:00Z');
    const filePolicy = policy({
      global: 'public',
      externalDefault: 'blocked',
      domains: { 'partner.example': 'business' },
      grants: [grant('group:Sales', 'group:Sales', 'team'), grant('user:alice@example.com', 'external:eve@partner.example', 'team', 'file', 'Eve Evans')],
    });

    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('starts empty', async () => {
      await expect(store.loadAdminPolicy()).resolves.toBeUndefined();
      await expect(store.listUserGrants()).resolves.toEqual([]);
      await expect(store.auditTrail()).resolves.toEqual([]);
    });

    it('imports the grants file and reads it back', async () => {
      const summary = await store.importAdminPolicy(filePolicy, 'grants-file', at);
      expect(summary).toEqual({ added: 2, removed: 0, changed: 0, settingsChanged: true });
      const loaded = await store.loadAdminPolicy();
      expect(loaded?.global).toBe('public');
      expect(loaded?.externalDomains.get('partner.example')).toBe('business');
      expect(loaded?.grants).toEqual(expect.arrayContaining(filePolicy.grants));
      expect(loaded?.grants).toHaveLength(2);
      // The entry whose owner is a user is that user's own grant.
      await expect(store.listUserGrants()).resolves.toEqual([grant('user:alice@example.com', 'external:eve@partner.example', 'team', 'user', 'Eve Evans')]);
    });

    it('lets a user change a grant the file gave them; the same file again keeps the change, a changed entry overrides it', async () => {
      await store.importAdminPolicy(filePolicy, 'grants-file', at);
      const eve = { kind: 'external' as const, address: 'eve@partner.example' };
      await store.setUserGrant({ owner: 'alice@example.com', viewer: eve, level: 'blocked', actor: 'alice@example.com', at });
      await store.importAdminPolicy(filePolicy, 'grants-file', at);
      await expect(store.listUserGrants()).resolves.toEqual([grant('user:alice@example.com', 'external:eve@partner.example', 'blocked', 'user', 'Eve Evans')]);
      const changed = policy({ ...filePolicy, externalDomains: filePolicy.externalDomains, grants: [filePolicy.grants[0] as never, grant('user:alice@example.com', 'external:eve@partner.example', 'business', 'file', 'Eve Evans')] });
      await store.importAdminPolicy(changed, 'grants-file', at);
      await expect(store.listUserGrants()).resolves.toEqual([grant('user:alice@example.com', 'external:eve@partner.example', 'business', 'user', 'Eve Evans')]);
      await store.importAdminPolicy(policy({ ...filePolicy, externalDomains: filePolicy.externalDomains, grants: [filePolicy.grants[0] as never] }), 'grants-file', at);
      await expect(store.listUserGrants()).resolves.toEqual([]);
    });

    it('imports idempotently: the same file again changes and audits nothing', async () => {
      await store.importAdminPolicy(filePolicy, 'grants-file', at);
      const entries = (await store.auditTrail()).length;
      await expect(store.importAdminPolicy(filePolicy, 'grants-file', at)).resolves.toEqual({ added: 0, removed: 0, changed: 0, settingsChanged: false });
      await expect(store.auditTrail()).resolves.toHaveLength(entries);
    });

    it('audits what a changed file adds, changes and removes', async () => {
      await store.importAdminPolicy(filePolicy, 'grants-file', at);
      const changed = policy({ global: 'business', externalDefault: 'blocked', domains: { 'partner.example': 'business' }, grants: [grant('group:Sales', 'group:Sales', 'personal'), grant('all', 'group:Board', 'business')] });
      await expect(store.importAdminPolicy(changed, 'grants-file', at)).resolves.toEqual({ added: 1, removed: 1, changed: 1, settingsChanged: true });
      const actions = (await store.auditTrail()).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['grant.file.added', 'grant.file.changed', 'grant.file.removed', 'grants.setting.changed']));
    });

    it('sets, changes and removes a user’s own grant, auditing who, when, old → new', async () => {
      const viewer = { kind: 'user' as const, id: 'bob@example.com' };
      await expect(store.setUserGrant({ owner: 'alice@example.com', viewer, level: 'team', actor: 'alice@example.com', at })).resolves.toEqual({ previous: null });
      await expect(store.setUserGrant({ owner: 'alice@example.com', viewer, level: 'personal', actor: 'alice@example.com', at })).resolves.toEqual({ previous: 'team' });
      await expect(store.listUserGrants()).resolves.toEqual([grant('user:alice@example.com', 'user:bob@example.com', 'personal', 'user')]);
      await expect(store.setUserGrant({ owner: 'alice@example.com', viewer, level: null, actor: 'alice@example.com', at })).resolves.toEqual({ previous: 'personal' });
      await expect(store.listUserGrants()).resolves.toEqual([]);
      const trail = await store.auditTrail({ targetPrefix: 'user:alice@example.com→' });
      expect(trail.map((e) => [e.action, e.actor, e.at, e.details])).toEqual([
        ['grant.set', 'alice@example.com', at.toISOString(), { from: null, to: 'team' }],
        ['grant.set', 'alice@example.com', at.toISOString(), { from: 'team', to: 'personal' }],
        ['grant.removed', 'alice@example.com', at.toISOString(), { from: 'personal', to: null }],
      ]);
    });

    it('sets or removes several of a user’s own grants at once, each audited as on its own', async () => {
      const bob = { kind: 'user' as const, id: 'bob@example.com' };
      const eve = { kind: 'external' as const, address: 'eve@partner.example' };
      const sales = { kind: 'group' as const, name: 'Sales' };
      const by = { owner: 'alice@example.com', actor: 'alice@example.com', at };
      await expect(store.setUserGrants([])).resolves.toEqual([]);
      await expect(
        store.setUserGrants([
          { ...by, viewer: bob, level: 'team' },
          { ...by, viewer: eve, level: 'business', name: 'Eve Evans' },
          { ...by, viewer: sales, level: 'blocked' },
        ]),
      ).resolves.toEqual([{ previous: null }, { previous: null }, { previous: null }]);
      await expect(store.setUserGrants([{ ...by, viewer: bob, level: null }, { ...by, viewer: eve, level: null }, { ...by, viewer: sales, level: 'blocked' }])).resolves.toEqual([
        { previous: 'team' },
        { previous: 'business' },
        { previous: 'blocked' },
      ]);
      await expect(store.listUserGrants()).resolves.toEqual([grant('user:alice@example.com', 'group:Sales', 'blocked', 'user')]);
      const trail = await store.auditTrail({ targetPrefix: 'user:alice@example.com→' });
      expect(trail.map((e) => [e.action, e.target, e.details])).toEqual([
        ['grant.set', 'user:alice@example.com→user:bob@example.com', { from: null, to: 'team' }],
        ['grant.set', 'user:alice@example.com→external:eve@partner.example', { from: null, to: 'business' }],
        ['grant.set', 'user:alice@example.com→group:Sales', { from: null, to: 'blocked' }],
        ['grant.removed', 'user:alice@example.com→user:bob@example.com', { from: 'team', to: null }],
        ['grant.removed', 'user:alice@example.com→external:eve@partner.example', { from: 'business', to: null }],
      ]);
    });

    it('does not audit a change to the same level', async () => {
      const change = { owner: 'alice@example.com', viewer: { kind: 'external' as const, address: 'eve@partner.example' }, level: 'team' as const, name: 'Eve Evans', actor: 'alice@example.com', at };
      await store.setUserGrant(change);
      await expect(store.setUserGrant(change)).resolves.toEqual({ previous: 'team' });
      await expect(store.auditTrail()).resolves.toHaveLength(1);
      await expect(store.listUserGrants()).resolves.toEqual([grant('user:alice@example.com', 'external:eve@partner.example', 'team', 'user', 'Eve Evans')]);
    });

    it('keeps a hash-chained audit trail that verifies', async () => {
      await store.importAdminPolicy(filePolicy, 'grants-file', at);
      await store.setUserGrant({ owner: 'alice@example.com', viewer: { kind: 'group', name: 'Sales' }, level: 'business', actor: 'alice@example.com', at });
      const trail = await store.auditTrail();
      expect(trail.map((e) => e.seq)).toEqual(trail.map((_, i) => i + 1));
      expect(verifyChain(trail)).toEqual({ ok: true, entries: trail.length });
    });
  });
}
