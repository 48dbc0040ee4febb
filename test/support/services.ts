import { existsSync } from 'node:fs';

/**
 * Whether a suite's external service can run here. Missing: say so loudly and skip — except under
 * CI=true, where the suite fails (DEVELOPERS.md).
 */
export function requireService(name: string, available: boolean, hint: string): boolean {
  if (available) return true;
  if (process.env.CI === 'true') throw new Error(`${name} is required under CI=true but missing: ${hint}`);
  console.warn(`\n*** ${name} is not available — SKIPPING its tests. ${hint} ***\n`);
  return false;
}

export const hasExecutable = (path: string): boolean => existsSync(path);
