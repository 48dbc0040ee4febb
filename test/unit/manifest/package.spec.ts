import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import Ajv from 'ajv';
import { PNG } from 'pngjs';
import { loadPackageConfig } from '../../../src/config/config';
import { ConfigurationError } from '../../../src/domain/shared/errors';
import { PACKAGE_FILES, buildAppPackage, filledManifest } from '../../../src/startup/app-package';

const ROOT = join(__dirname, '../../..');
const ENV = { TEAMS_APP_ID: '6C3E2A0E-5F1B-4B7A-9D2E-1F0A8B7C6D5E', MICROSOFT_APP_ID: '0b9f8e7d-6c5b-4a3f-8e2d-1c0b9a8f7e6d', BOT_DOMAIN: 'privacy-desk.example.com' };

/** Schema errors from `@microsoft/app-manifest`, in a plain Node process (it loads an ES module Jest cannot). */
function manifestErrors(manifest: object): string[] {
  const script = `require('@microsoft/app-manifest').AppManifestUtils.validateAgainstSchema(JSON.parse(process.argv[1])).then((errors) => process.stdout.write(JSON.stringify(errors)))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, JSON.stringify(manifest)], { cwd: ROOT, encoding: 'utf8' })) as string[];
}

/** The newest Teams schema version `@microsoft/app-manifest` bundles (not the developer preview). */
function newestBundled(): string {
  const folder = join(ROOT, 'node_modules/@microsoft/app-manifest/build/json-schemas/teams');
  const versions = execFileSync('ls', [folder], { encoding: 'utf8' }).split('\n').filter((v) => /^v\d+\.\d+$/.test(v));
  return versions.sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)) || Number(a.split('.')[0]?.slice(1)) - Number(b.split('.')[0]?.slice(1))).at(-1) as string;
}

describe('the Teams app package', () => {
  const { zip } = buildAppPackage(loadPackageConfig(ENV));
  const archive = new AdmZip(zip);
  const file = (name: string): Buffer => {
    const entry = archive.getEntry(name);
    if (!entry) throw new Error(`${name} is not in the package`);
    return entry.getData();
  };
  const manifest = JSON.parse(file('manifest.json').toString('utf8')) as Record<string, unknown> & { bots: { botId: string; supportsFiles: boolean; commandLists: { scopes: string[] }[] }[] };

  it('holds exactly the manifest, the German localisation and both icons, at its top', () => {
    expect(archive.getEntries().map((e) => e.entryName).sort()).toEqual([...PACKAGE_FILES].sort());
  });

  it('has a manifest on the newest schema the validator bundles, valid against it, with every placeholder filled', () => {
    expect(`v${String(manifest.manifestVersion)}`).toBe(newestBundled());
    expect(manifestErrors(manifest)).toEqual([]);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifest.id).toBe(ENV.TEAMS_APP_ID.toLowerCase());
    expect(manifest.bots[0]?.botId).toBe(ENV.MICROSOFT_APP_ID);
    expect(manifest.validDomains).toEqual([ENV.BOT_DOMAIN]);
    // Reports go to the DPO as files in the personal chat; commands for the personal chat and for teams.
    expect(manifest.bots[0]?.supportsFiles).toBe(true);
    expect(manifest.bots[0]?.commandLists.map((l) => l.scopes)).toEqual([['personal'], ['team', 'groupChat']]);
  });

  it('has a German localisation valid against the bundled localisation schema', () => {
    // A draft-04 schema: Ajv checks instances against it without checking the schema itself.
    const { $schema: _draft, ...schema } = JSON.parse(readFileSync(join(ROOT, `node_modules/@microsoft/app-manifest/build/json-schemas/teams/${newestBundled()}/MicrosoftTeams.Localization.schema.json`), 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    expect(validate({ 'name.short': 42 })).toBe(false);
    const german = JSON.parse(file('de.json').toString('utf8')) as Record<string, string>;
    expect(validate(german) ? [] : validate.errors).toEqual([]);
    expect(german['$schema']).toContain(newestBundled());
  });

  it('has the icons Teams requires: 192×192 colour, 32×32 outline in white on transparent', () => {
    const color = PNG.sync.read(file('color.png'));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = PNG.sync.read(file('outline.png'));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a === 0) transparent++;
      else expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(0);
  });

  it('is refused without a setting, naming it, and with a malformed one', () => {
    for (const missing of ['TEAMS_APP_ID', 'MICROSOFT_APP_ID', 'BOT_DOMAIN'] as const) {
      const env: Record<string, string> = { ...ENV };
      delete env[missing];
      expect(() => loadPackageConfig(env)).toThrow(ConfigurationError);
      expect(() => loadPackageConfig(env)).toThrow(missing);
    }
    expect(() => loadPackageConfig({ ...ENV, BOT_DOMAIN: 'https://privacy-desk.example.com/api' })).toThrow('BOT_DOMAIN: expected a host name');
    expect(() => loadPackageConfig({ ...ENV, TEAMS_APP_ID: 'privacy-desk' })).toThrow('TEAMS_APP_ID: expected a GUID');
    expect(() => filledManifest(loadPackageConfig(ENV), '{"id": "${{SOMETHING_ELSE}}"}')).toThrow('SOMETHING_ELSE');
  });
});
