/**
 * Starts `privacy-desk serve` as a separate process from the TypeScript sources (no build step),
 * configured by the environment: `node -r ./test/support/ts-register.cjs test/support/serve-instance.ts`.
 */
import { main } from '../../src/cli/main';

main(['node', 'privacy-desk', 'serve']).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
