import { parse } from '../bot/intents/parser';

/** `privacy-desk parse`: what the parser understood, as the ids of docs/glossary.md. */
export async function parseCommand(text: string, options: { json?: boolean }): Promise<void> {
  const parsed = parse(text);
  process.stdout.write(
    options.json
      ? `${JSON.stringify(parsed)}\n`
      : `${Object.entries(parsed)
          .map(([key, value]) => `${key}: ${value}`)
          .join('\n')}\n`,
  );
}
