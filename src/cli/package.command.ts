import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadPackageConfig, processEnvironment } from '../config/config';
import { buildAppPackage } from '../startup/app-package';

/**
 * `privacy-desk package`: writes the Teams app package (TEAMS_APP_ID, MICROSOFT_APP_ID and
 * BOT_DOMAIN from the environment) and prints its path.
 */
export function packageCommand(options: { out?: string }): void {
  const config = loadPackageConfig(processEnvironment());
  const { zip, manifest } = buildAppPackage(config);
  const folder = resolve(options.out ?? join('dist', 'package'));
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `privacy-desk-${String(manifest.version)}.zip`);
  writeFileSync(file, zip);
  process.stdout.write(`${file}\n`);
}
