import { resolve } from 'node:path';
import { loadConfig } from '../../../src/config/config';
import { ConfigurationError } from '../../../src/domain/shared/errors';

describe('configuration', () => {
  it('starts with no configuration at all: demo organisation, SQLite under ./data, auth off', () => {
    const config = loadConfig({});
    expect(config.server.port).toBe(3978);
    expect(config.directory).toEqual({ kind: 'ldif', file: expect.stringMatching(/data\/demo\/demo-org\.ldif$/) });
    expect(config.grantsFile).toMatch(/data\/demo\/grants\.json$/);
    expect(config.database).toEqual({ kind: 'sqlite', file: expect.stringMatching(/data\/privacy-desk\.sqlite$/) });
    expect(config.bot.authDisabled).toBe(true);
  });

  it('keeps everything in PostgreSQL when DATABASE_URL is set, and refuses a URL that is not one', () => {
    const url = 'postgres://desk:secret@db.example:5432/privacy_desk';
    expect(loadConfig({ DATABASE_URL: url, DATABASE_FILE: './ignored.sqlite' }).database).toEqual({ kind: 'postgres', url });
    expect(loadConfig({ DATABASE_URL: '' }).database.kind).toBe('sqlite');
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://desk:secret@db.example/privacy_desk' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    // The message names the variable, never the value (it holds a password).
    expect(String((error as Error).message)).toContain('DATABASE_URL');
    expect(String((error as Error).message)).not.toContain('secret');
  });

  it('finds the personal-data sources in SOURCES_FILE, else the demo sources beside the database with the demo directory', () => {
    expect(loadConfig({ SOURCES_FILE: './sources.json' }).sources).toEqual({ kind: 'file', file: resolve('./sources.json') });
    expect(loadConfig({ DATABASE_FILE: '/var/lib/privacy-desk/db.sqlite' }).sources).toEqual({ kind: 'demo', folder: '/var/lib/privacy-desk/demo-sources' });
    expect(loadConfig({ DIRECTORY_FILE: './other.ldif' }).sources).toEqual({ kind: 'none' });
  });

  it('reads phone numbers in the region PHONE_REGION names (default Germany), and refuses one that is none', () => {
    expect(loadConfig({}).phoneRegion).toBe('DE');
    expect(loadConfig({ PHONE_REGION: 'at' }).phoneRegion).toBe('AT');
    expect(() => loadConfig({ PHONE_REGION: 'XX' })).toThrow(/PHONE_REGION: expected a country code/);
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

  it('reads the DPOs, deputy, channel and time zone; the demo directory brings its own DPO', () => {
    const demo = loadConfig({});
    expect(demo.dpo).toEqual({ users: ['dana.dpo@example.com'] });
    expect(demo.timeZone).toBe('Europe/Berlin');
    expect(demo.reminderCheckSeconds).toBe(900);
    const configured = loadConfig({
      DPO_USERS: 'Dana.DPO@example.com; frank@example.com,frank@example.com',
      DPO_DEPUTY: 'Sabine.Hoffmann@example.com',
      DPO_CHANNEL: '19:abc@thread.tacv2',
      TIME_ZONE: 'America/New_York',
    });
    expect(configured.dpo).toEqual({ users: ['dana.dpo@example.com', 'frank@example.com'], deputy: 'sabine.hoffmann@example.com', channelId: '19:abc@thread.tacv2' });
    expect(configured.timeZone).toBe('America/New_York');
    expect(loadConfig({ DIRECTORY_FILE: '/elsewhere/org.ldif' }).dpo.users).toEqual([]);
  });

  it('knows the home tenant: stated, or a GUID the bot or the directory is set to; none by default', () => {
    const tenant = '5B7A3C2E-4D1F-4E8A-9C6B-2F0E1D3A4B5C';
    expect(loadConfig({}).bot.homeTenantId).toBeUndefined();
    expect(loadConfig({ TEAMS_TENANT_ID: tenant }).bot.homeTenantId).toBe(tenant.toLowerCase());
    expect(loadConfig({ MICROSOFT_APP_TENANT_ID: tenant, MICROSOFT_APP_TYPE: 'SingleTenant' }).bot.homeTenantId).toBe(tenant.toLowerCase());
    // A tenant named by its domain cannot be compared with what Teams sends (always the GUID).
    expect(loadConfig({ MICROSOFT_APP_TENANT_ID: 'contoso.onmicrosoft.com' }).bot.homeTenantId).toBeUndefined();
  });

  it.each([
    ['TEAMS_TENANT_ID', 'contoso.onmicrosoft.com'],
    ['DPO_USERS', 'dana, frank@example.com'],
    ['DPO_DEPUTY', 'nobody'],
    ['DPO_CHANNEL', 'general'],
    ['TIME_ZONE', 'Mars/Olympus_Mons'],
    ['REMINDER_CHECK_SECONDS', '1'],
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

  it('reads an LDAP directory’s settings, and names a missing one', () => {
    const config = loadConfig({
      DIRECTORY: 'ldap',
      LDAP_URL: 'ldaps://dc.example.com',
      LDAP_BASE_DN: 'OU=People,DC=example,DC=com',
      LDAP_BIND_DN: 'reader@example.com',
      LDAP_BIND_PASSWORD: 'secret',
      LDAP_PROFILE: 'activeDirectory',
      LDAP_STARTTLS: 'true',
    });
    expect(config.directory).toMatchObject({ kind: 'ldap', url: 'ldaps://dc.example.com', profile: 'activeDirectory', startTls: true, bind: { dn: 'reader@example.com', password: 'secret' }, pageSize: 500 });
    expect(() => loadConfig({ DIRECTORY: 'ldap', LDAP_BASE_DN: 'dc=x' })).toThrow(/^LDAP_URL: required when DIRECTORY=ldap/);
    expect(() => loadConfig({ DIRECTORY: 'ldap', LDAP_URL: 'http://x', LDAP_BASE_DN: 'dc=x' })).toThrow(/^LDAP_URL:/);
    expect(() => loadConfig({ DIRECTORY: 'ldap', LDAP_URL: 'ldap://x', LDAP_BASE_DN: 'dc=x', LDAP_BIND_DN: 'cn=r' })).toThrow(/^LDAP_BIND_PASSWORD: required with LDAP_BIND_DN/);
  });

  it('reads Microsoft Graph settings, a secret or a certificate required, never repeating the secret', () => {
    const config = loadConfig({ DIRECTORY: 'graph', GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's3cret', GRAPH_BASE_URL: 'https://graph.microsoft.us/v1.0/' });
    expect(config.directory).toMatchObject({ kind: 'graph', credential: { kind: 'secret', secret: 's3cret' }, baseUrl: 'https://graph.microsoft.us/v1.0' });
    expect(() => loadConfig({ DIRECTORY: 'graph', GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c' })).toThrow(/^GRAPH_CLIENT_SECRET: required/);
    expect(() => loadConfig({ DIRECTORY: 'graph', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's3cret' })).toThrow(/^GRAPH_TENANT_ID/);
    expect(() => loadConfig({ DIRECTORY_REFRESH_SECONDS: '1', GRAPH_CLIENT_SECRET: 's3cret' })).not.toThrow(/s3cret/);
  });
});
