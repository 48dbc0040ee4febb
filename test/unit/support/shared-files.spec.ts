import { join, resolve } from 'node:path';
import { requireService, serviceGate } from '../../support/services';
import { CARD_SCHEMA_FILE, SEED_FILE, SHARED_ROOT, requireSharedFile, sharedFile } from '../../support/shared-files';

const REPOSITORY = resolve(__dirname, '..', '..', '..');

describe('the shared folder', () => {
  it('is found next to the repository, wherever that is checked out', () => {
    expect(SHARED_ROOT).toBe(resolve(REPOSITORY, '..', 'shared'));
    expect(sharedFile('seed/x.txt')).toBe(join(REPOSITORY, '..', 'shared', 'seed', 'x.txt'));
    expect(SEED_FILE).toBe(join(SHARED_ROOT, 'seed', '000_2dd9cb07f132d5b3.txt'));
    expect(CARD_SCHEMA_FILE).toBe(join(SHARED_ROOT, 'schemas', 'adaptive-card-1.5.json'));
  });
});

describe('service gate', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('runs with the service, skips without it on a developer machine, fails without it under CI=true', () => {
    expect(serviceGate(true, undefined)).toBe('run');
    expect(serviceGate(true, 'true')).toBe('run');
    expect(serviceGate(false, undefined)).toBe('skip');
    expect(serviceGate(false, 'false')).toBe('skip');
    expect(serviceGate(false, 'true')).toBe('fail');
  });

  // An explicit `undefined` would fall back to process.env.CI — 'true' in CI itself — so the
  // developer-machine case is spelt as an empty CI variable.
  it('requireService: quiet when available, loud when skipping, throws under CI=true', () => {
    expect(requireService('Thing', true, 'install it', 'true')).toBe(true);
    expect(warn).not.toHaveBeenCalled();
    expect(requireService('Thing', false, 'install it', '')).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Thing is not available — SKIPPING its tests. install it'));
    expect(() => requireService('Thing', false, 'install it', 'true')).toThrow('Thing is required under CI=true but missing: install it');
  });

  it('requireSharedFile: a missing shared file skips without CI and fails under CI=true, naming where it was looked for', () => {
    const missing = sharedFile('seed/no-such-file.txt');
    expect(requireSharedFile('The seed', missing, '')).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(missing));
    expect(() => requireSharedFile('The seed', missing, 'true')).toThrow(`The seed is required under CI=true but missing: expected at ${missing}`);
    expect(requireSharedFile('This spec', __filename, 'true')).toBe(true);
  });
});
