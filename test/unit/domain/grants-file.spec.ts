import { parseGrantsFile } from '../../../src/domain/grants/grants-file';
import { configurationFailure } from '../../support/configuration-failure';

const base = { global: 'public', externalDefault: 'blocked' };

const failure = (input: unknown) => configurationFailure(parseGrantsFile, input);

describe('the administrators’ grants file', () => {
  it('reads the issue’s example', () => {
    const policy = parseGrantsFile({
      global: 'blocked',
      externalDefault: 'blocked',
      externalDomains: { 'Partner.Example': 'business' },
      grants: [
        { owner: 'group:Sales', viewer: 'group:Sales', level: 'team' },
        { owner: 'all', viewer: 'group:Management', level: 'business' },
        { owner: 'user:Alice@Example.com', viewer: 'user:bob@example.com', level: 'personal' },
        { owner: 'user:alice@example.com', viewer: 'external:eve@partner.example', name: 'Eve Evans', level: 'team' },
      ],
    });
    expect(policy.externalDomains.get('partner.example')).toBe('business');
    expect(policy.grants[2]?.owner).toEqual({ kind: 'user', id: 'alice@example.com' });
    expect(policy.grants[3]).toMatchObject({ viewer: { kind: 'external', address: 'eve@partner.example' }, name: 'Eve Evans', source: 'file' });
  });

  it.each([
    [{ ...base, grants: [{ owner: 'external:x@y.example', viewer: 'all', level: 'team' }] }, 'grants[0].owner', 'viewer'],
    [{ ...base, grants: [{ owner: 'all', viewer: 'user:not-a-mail', level: 'team' }] }, 'grants[0].viewer', 'not a mail'],
    [{ ...base, grants: [{ owner: 'all', viewer: 'team:x', level: 'team' }] }, 'grants[0].viewer', 'unknown scope'],
    [{ ...base, grants: [{ owner: 'all', viewer: 'all', level: 'vip' }] }, 'grants[0].level', ''],
    [{ ...base, global: 'everyone' , grants: [] }, 'global', ''],
    [{ ...base, grants: [{ owner: 'all', viewer: 'all', level: 'team', extra: 1 }] }, 'grants[0]', ''],
  ])('rejects %j at %s', (input, location, text) => {
    const error = failure(input);
    expect(error.location).toBe(location);
    expect(error.message).toContain(text);
  });

  it('rejects two grants for the same owner and viewer', () => {
    const error = failure({ ...base, grants: [{ owner: 'all', viewer: 'all', level: 'team' }, { owner: 'all', viewer: 'all', level: 'public' }] });
    expect(error.code).toBe('GRANTS.DUPLICATE');
    expect(error.location).toBe('grants[1]');
  });
});
