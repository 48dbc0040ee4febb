import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { loadConfig, processEnvironment, type Config } from '../config/config';
import { LocalConversation, type LocalReply, localRequestServices } from '../bot/teams/local-conversation';
import { silentLogger } from '../ports/logger/logger.port';
import { createApp, type App } from '../startup/create-app';
import { resolve } from 'node:path';
import { type DatabaseTarget, describeTarget, targetOf } from '../ports/store/database-target';

interface ConversationOptions {
  as: string;
  directory?: string;
  grants?: string;
  database?: string;
  locale: 'en' | 'de';
  json?: boolean;
}

/** The configuration with the command line's files; other files mean a throwaway database. */
function configFor(options: ConversationOptions, config: Config): Config {
  const overridden = options.directory !== undefined || options.grants !== undefined;
  return {
    ...config,
    directory: options.directory ? { kind: 'ldif', file: resolve(options.directory) } : config.directory,
    grantsFile: options.grants ? resolve(options.grants) : config.grantsFile,
    database: options.database ? databaseOption(options.database) : overridden ? { kind: 'sqlite', file: ':memory:' } : config.database,
  };
}

/** `--database`: a PostgreSQL URL, `:memory:`, or a SQLite file. */
function databaseOption(text: string): DatabaseTarget {
  const target = targetOf(text);
  return target.kind === 'sqlite' && target.file !== ':memory:' ? { kind: 'sqlite', file: resolve(target.file) } : target;
}

const isThrowaway = (target: DatabaseTarget): boolean => target.kind === 'sqlite' && target.file === ':memory:';

async function open(options: ConversationOptions): Promise<{ app: App; conversation: LocalConversation }> {
  const base = loadConfig(processEnvironment());
  const config = configFor(options, base);
  // The terminal takes the caller's word for who they are: on a deployed bot's own database, say
  // plainly that whatever is done here is recorded in that person's name.
  if (!base.bot.authDisabled && !isThrowaway(config.database) && describeTarget(config.database) === describeTarget(base.database)) {
    process.stderr.write(
      `warning: acting as ${options.as} on the bot's own database (${describeTarget(config.database)}); every change is recorded in that person's name, and nobody is told in Teams (no messages are sent and no cards redrawn from here)\n`,
    );
  }
  const app = await createApp(config, silentLogger);
  // The same retention summary as in Teams for administrators and DPOs (its buttons act here too; a purge's result goes to the channel, if any).
  const conversation = new LocalConversation(app.desk, { id: options.as, locale: options.locale }, silentLogger, localRequestServices(app), app.admins, app.retention);
  return { app, conversation };
}

export function formatReplies(replies: LocalReply[]): string {
  return replies
    .map((reply) => {
      const buttons = reply.actions
        .map((a, i) => (a.inline ? '' : `  [${i + 1}] ${a.title}`))
        .filter(Boolean)
        .join('\n');
      return buttons ? `${reply.text}\n${buttons}` : reply.text;
    })
    .join('\n\n');
}

/** `privacy-desk ask`: one question, answer printed as text or as the activities sent. */
export async function askCommand(text: string, options: ConversationOptions): Promise<void> {
  const { app, conversation } = await open(options);
  try {
    const replies = await conversation.say(text);
    process.stdout.write(
      options.json ? `${JSON.stringify(replies.map((r) => r.activity), null, 2)}\n` : `${formatReplies(replies)}\n`,
    );
  } finally {
    await app.close();
  }
}

/** `privacy-desk chat`: a conversation in the terminal; a number presses that button. */
export async function chatCommand(options: ConversationOptions): Promise<void> {
  const { app, conversation } = await open(options);
  try {
    await runChat(conversation, options.locale, process.stdin, process.stdout);
  } finally {
    await app.close();
  }
}

/** The chat loop over any input and output stream, until `quit` or the end of input. */
export async function runChat(conversation: LocalConversation, locale: 'en' | 'de', input: Readable, output: Writable): Promise<void> {
  const terminal = createInterface({ input, terminal: false });
  // Reading through the iterator buffers lines, so piped input is not lost between prompts.
  const lines = terminal[Symbol.asyncIterator]();
  const ask = async (prompt: string): Promise<string | undefined> => {
    output.write(prompt);
    const next = await lines.next();
    return next.done ? undefined : String(next.value).trim();
  };
  let last: LocalReply[] = await conversation.say(locale === 'de' ? 'Hilfe' : 'help');
  output.write(`${formatReplies(last)}\n`);
  try {
    for (let line = await ask('\n> '); line !== undefined && !/^(exit|quit|:q)$/i.test(line); line = await ask('\n> ')) {
      if (line === '') continue;
      const actions = last.flatMap((r) => r.actions);
      const pressed = /^\d+$/.test(line) ? actions[Number(line) - 1] : undefined;
      if (pressed) {
        // Each input the button sends, as a client would: Enter keeps what it holds, `-` empties it.
        const values: Record<string, unknown> = {};
        for (const input of pressed.inputs ?? []) {
          const choices = input.choices.map((c, i) => `  (${i + 1}) ${c.title}`).join('\n');
          const current = input.choices.find((c) => c.value === input.value)?.title ?? input.value;
          const answer = (await ask(`${choices ? `${choices}\n` : ''}${input.label}${current ? ` [${current}]` : ''}: `)) ?? '';
          if (answer === '') values[input.id] = input.value;
          else if (answer === '-') values[input.id] = '';
          else if (input.choices.length > 0) values[input.id] = (input.choices[Number(answer) - 1] ?? input.choices.find((c) => c.value === answer || c.title === answer))?.value ?? input.value;
          else values[input.id] = answer;
        }
        last = await conversation.click({ ...(pressed.data as Record<string, unknown>), ...values });
      } else {
        last = await conversation.say(line);
      }
      output.write(`${formatReplies(last)}\n`);
    }
  } finally {
    terminal.close();
  }
}
