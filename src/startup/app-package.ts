import { readFileSync } from 'node:fs';
import AdmZip from 'adm-zip';
import type { PackageConfig } from '../config/config';
import { shipped } from '../config/paths';
import { ConfigurationError } from '../domain/shared/errors';

/** The files of the Teams app package, as Teams wants them: all at the top of the zip. */
export const PACKAGE_FILES = ['manifest.json', 'de.json', 'color.png', 'outline.png'] as const;

/** `${{NAME}}` in the manifest, filled from the package settings. */
const PLACEHOLDERS: Record<string, keyof PackageConfig> = { TEAMS_APP_ID: 'teamsAppId', MICROSOFT_APP_ID: 'botAppId', BOT_DOMAIN: 'botDomain' };

/** The manifest with every placeholder filled; a placeholder nobody fills is refused, named. */
export function filledManifest(config: PackageConfig, template = readFileSync(shipped('manifest', 'manifest.json'), 'utf8')): Record<string, unknown> {
  const text = template.replace(/\$\{\{(\w+)\}\}/g, (_match, name: string) => {
    const key = PLACEHOLDERS[name];
    if (!key) throw new ConfigurationError('PACKAGE.PLACEHOLDER', name, 'the manifest names a placeholder the package does not fill');
    return config[key];
  });
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * The Teams app package (zip): the filled manifest, the German localisation and both icons. The
 * manifest names its schema; the tests check it against the schemas `@microsoft/app-manifest` bundles.
 */
export function buildAppPackage(config: PackageConfig): { zip: Buffer; manifest: Record<string, unknown> } {
  const manifest = filledManifest(config);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  for (const file of PACKAGE_FILES.slice(1)) zip.addFile(file, readFileSync(shipped('manifest', file)));
  return { zip: zip.toBuffer(), manifest };
}
