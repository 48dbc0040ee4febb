import { existsSync } from 'node:fs';

/** What a suite does about something it needs from outside the project: run, skip loudly, or fail. */
export type Gate = 'run' | 'skip' | 'fail';

/** Without it a suite skips on a developer's machine, but fails under CI=true, where nothing may be skipped. */
export function serviceGate(available: boolean, ci: string | undefined): Gate {
  if (available) return 'run';
  return ci === 'true' ? 'fail' : 'skip';
}

/**
 * Whether a suite's external service (or file) can be used here. Missing: say so loudly and skip —
 * except under CI=true, where the suite fails (README, "Tests and benchmarks").
 */
export function requireService(name: string, available: boolean, hint: string, ci: string | undefined = process.env.CI): boolean {
  const gate = serviceGate(available, ci);
  if (gate === 'fail') throw new Error(`${name} is required under CI=true but missing: ${hint}`);
  if (gate === 'skip') console.warn(`\n*** ${name} is not available — SKIPPING its tests. ${hint} ***\n`);
  return gate === 'run';
}

export const hasExecutable = (path: string): boolean => existsSync(path);
