import { join, resolve } from 'node:path';

/** The package root: shipped data (demo organisation, matrix, card templates) lives under it. */
export const PACKAGE_ROOT = resolve(__dirname, __dirname.includes(`${join('dist', 'src')}`) ? '../../..' : '../..');

export const shipped = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);
