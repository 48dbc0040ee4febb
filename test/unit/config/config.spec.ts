import { loadConfig } from '../../../src/config/config';
import { ConfigurationError } from '../../../src/domain/shared/errors';

describe('configuration', () => {
  it('starts with no configuration at all: demo organisation, SQLite under ./data, auth off', () => {
    const config = loadConfig({});
    expect(config.server.port).toBe(3978);
    expect(config.directory).toEqual({ kind: 'ldif', file: expect.stringMatching(/data\/demo\/demo-org\.ldif$/) });
    expect(config.grantsFile).toMatch(/data\/demo\/grants\.json$/);
    expect(config.databaseFile).toMatch(/data\/privacy-desk\.sqlite$/);
    expect(config.bot.authDisabled).toBe(true);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', MICROSOFT_APP_ID: ' ' }).server.port).toBe(3978);
  });

  it('turns bot authentication on with an app id, and then listens on every interface', () => {
    const config = loadConfig({ MICROSOFT_APP_ID: 'abc' });
    expect(config.bot.authDisabled).toBe(false);
    expect(config.server.host).toBe('0.0.0.0');
  });

  it('listens on loopback only while authentication is off, and refuses anything else', () => {
    expect(loadConfig({}).server.host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '::1' }).server.host).toBe('::1');
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/^HOST: bot authentication is off/);
    expect(loadConfig({ HOST: '0.0.0.0', MICROSOFT_APP_ID: 'abc' }).server.host).toBe('0.0.0.0');
  });

  it.each([
    ['PORT', 'eighty'],
    ['DIRECTORY', 'oracle'],
    ['DEFAULT_LOCALE', 'fr'],
    ['LOG_LEVEL', 'loud'],
  ])('stops with a message naming %s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigurationError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name}:`));
  });

  it('never repeats a secret in an error', () => {
    expect(() => loadConfig({ MICROSOFT_APP_TYPE: 'Weird', MICROSOFT_APP_PASSWORD: 'hunter2' })).not.toThrow(/hunter2/);
  });
});
