import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Teams app manifest validates offline against the schema @microsoft/app-manifest bundles. */
const folder = join(__dirname, '../../../manifest');
const read = (file: string): string => readFileSync(join(folder, file), 'utf8');

/**
 * Schema errors from `AppManifestUtils.validateAgainstSchema`, run in a plain Node process: the
 * package loads an ES module that Node 20 can require but Jest's module loader cannot.
 */
function schemaErrors(manifest: object): string[] {
  const script = `require('@microsoft/app-manifest').AppManifestUtils.validateAgainstSchema(JSON.parse(process.argv[1])).then((errors) => process.stdout.write(JSON.stringify(errors)))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, JSON.stringify(manifest)], { cwd: join(__dirname, '../../..'), encoding: 'utf8' }));
}

/** Placeholders are filled when the app package is built; any GUID will do for validation. */
const filled = (text: string): string =>
  text
    .replace('${{TEAMS_APP_ID}}', '6c3e2a0e-5f1b-4b7a-9d2e-1f0a8b7c6d5e')
    .replace('${{MICROSOFT_APP_ID}}', '0b9f8e7d-6c5b-4a3f-8e2d-1c0b9a8f7e6d')
    .replace('${{BOT_DOMAIN}}', 'privacy-desk.example.com');

describe('Teams app manifest', () => {
  it('is valid against the Teams manifest schema it names', () => {
    const manifest = JSON.parse(filled(read('manifest.json')));
    expect(schemaErrors(manifest)).toEqual([]);
  });

  it('would be caught if it were invalid', () => {
    const manifest = JSON.parse(filled(read('manifest.json')));
    delete manifest.version;
    expect(schemaErrors(manifest).join(' ')).toContain('version');
  });

  it('has the icons Teams requires: 192×192 colour and 32×32 outline PNGs', () => {
    const size = (file: string): [number, number] => {
      const png = readFileSync(join(folder, file));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    expect(size('color.png')).toEqual([192, 192]);
    expect(size('outline.png')).toEqual([32, 32]);
  });

  it('localises every command of every list into German', () => {
    const manifest = JSON.parse(read('manifest.json'));
    const german = JSON.parse(read('de.json'));
    const lists = manifest.bots[0].commandLists as { commands: unknown[] }[];
    expect(lists.length).toBe(2);
    lists.forEach((list, l) =>
      list.commands.forEach((_, i) => {
        expect(german[`bots[0].commandLists[${l}].commands[${i}].title`]).toEqual(expect.any(String));
        expect(german[`bots[0].commandLists[${l}].commands[${i}].description`]).toEqual(expect.any(String));
      }),
    );
  });
});
