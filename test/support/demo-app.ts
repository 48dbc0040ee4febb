import { loadConfig } from '../../src/config/config';
import { silentLogger } from '../../src/ports/logger/logger.port';
import { type App, createApp } from '../../src/startup/create-app';

/**
 * The app on the shipped demo organisation (data/demo) with a throwaway in-memory SQLite store:
 * every call starts from the grants file again, so tests that change levels do not see each other.
 * Close it when done.
 */
export function demoApp(settings: Record<string, string> = {}): Promise<App> {
  return createApp(loadConfig({ DATABASE_FILE: ':memory:', ...settings }), silentLogger);
}
