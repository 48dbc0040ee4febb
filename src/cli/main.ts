import { Command, InvalidArgumentError } from 'commander';
import { ConfigurationError } from '../domain/shared/errors';
import { auditVerifyCommand } from './audit.command';
import { dbCopyCommand, dbMigrateCommand } from './db.command';
import { askCommand, chatCommand } from './conversation.command';
import { matrixCommand } from './matrix.command';
import { parseCommand } from './parse.command';
import { requestsCommand } from './requests.command';
import { jobsCommand } from './jobs.command';
import { reportCommand } from './report.command';
import { replayCommand } from './replay.command';
import { serveCommand } from './serve.command';
import { packageCommand } from './package.command';
import { subjectFindCommand } from './subject.command';
import { retentionPurgeCommand, retentionSummaryCommand } from './retention.command';

const locale = (value: string): 'en' | 'de' => {
  if (value !== 'en' && value !== 'de') throw new InvalidArgumentError('use en or de');
  return value;
};

/** The `privacy-desk` command. */
export function program(): Command {
  const cli = new Command('privacy-desk').description('Answers privacy questions and runs GDPR requests — in Teams or in a terminal.');
  cli.command('serve').description('start the bot server (POST /api/messages, GET /healthz)').action(serveCommand);
  const conversationOptions = (command: Command): Command =>
    command
      .requiredOption('--as <mail>', 'who is asking (mail or UPN in the directory)')
      .option('--directory <file.ldif>', 'answer from this LDIF directory instead of the configured one')
      .option('--grants <file.json>', "use this administrators' grants file instead of the configured one")
      .option('--database <file>', 'grants database (default: DATABASE_FILE; in memory when --directory or --grants is given)')
      .option('--locale <en|de>', 'answer language', locale, 'en');
  conversationOptions(cli.command('ask').description('ask one question and print the answer').argument('<text>', 'the question'))
    .option('--json', 'print the Bot Framework activities the bot sent, cards included')
    .action(askCommand);
  conversationOptions(cli.command('chat').description('talk to the bot in the terminal; type a number to press a button')).action(chatCommand);
  cli
    .command('parse')
    .description('show what the parser understood')
    .argument('<text>', 'a message')
    .option('--json', 'print JSON')
    .action(parseCommand);
  cli
    .command('package')
    .description('write the Teams app package (TEAMS_APP_ID, MICROSOFT_APP_ID, BOT_DOMAIN from the environment) and print its path')
    .option('--out <folder>', 'where to write it (default: dist/package)')
    .action(packageCommand);
  cli.command('matrix').description('print the permission matrix in force').option('--json', 'print JSON').action(matrixCommand);
  cli
    .command('audit')
    .description('check the audit trail')
    .command('verify')
    .description('verify the hash chain of the whole audit trail (exit code 1 when broken, 2 without a database)')
    .option('--database <file or url>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else DATABASE_FILE)')
    .option('--json', 'print the verdict as JSON')
    .action(auditVerifyCommand);
  const db = cli.command('db').description('the database: bring it up to date, or move it to another');
  db.command('migrate')
    .description("apply this version's schema migrations (the bot does so when it starts)")
    .option('--database <file or url>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else DATABASE_FILE)')
    .option('--json', 'print JSON')
    .action(dbMigrateCommand);
  db.command('copy')
    .description('copy everything into another database (e.g. the embedded SQLite file into PostgreSQL) and verify the audit trail there')
    .requiredOption('--from <file or url>', 'the database to copy (not changed)')
    .requiredOption('--to <file or url>', 'the database to copy into (migrated first; must be empty)')
    .option('--replace', 'remove everything the target holds first, its audit trail included')
    .option('--json', 'print JSON')
    .action(dbCopyCommand);
  const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
  cli
    .command('subject')
    .description("a person's records in the personal-data sources (SOURCES_FILE): the call journal, tasks, chat")
    .command('find')
    .description('where a person\'s records are: counts, oldest and newest, per source')
    .option('--name <full name>', 'the whole name, e.g. "Erika Musterfrau"')
    .option('--first-name <name>', 'first name (with --last-name)')
    .option('--last-name <name>', 'last name')
    .option('--phone <number>', 'a phone number, written any way (repeatable)', collect)
    .option('--email <address>', 'a mail address (repeatable)', collect)
    .option('--sip <address>', 'a SIP address (repeatable)', collect)
    .option('--street <street>', 'street and number, e.g. "Leopoldstraße 12" (Str., Strasse alike)')
    .option('--postcode-city <place>', 'postcode and city, e.g. "80802 München" (with --street)')
    .option('--json', 'print JSON')
    .action(subjectFindCommand);
  const retention = cli.command('retention').description('retention of the personal-data sources (seed 4.1.3)');
  retention
    .command('summary')
    .description('per category its retention and state, the week\'s privacy requests, and what needs doing')
    .option('--json', 'print JSON')
    .action(retentionSummaryCommand);
  retention
    .command('purge')
    .description('delete call-journal and chat records past their period (RETENTION_JOURNAL_DAYS, RETENTION_CHAT_DAYS) where the source may be written')
    .option('--dry-run', 'only count what would be deleted')
    .option('--batch-size <n>', 'records deleted per batch (default 10000)', (value) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new InvalidArgumentError('a whole number from 1 to 1000000');
      return n;
    })
    .option('--json', 'print JSON')
    .action(retentionPurgeCommand);
  const requests = cli.command('requests').description('export the privacy-request cases for the accountability record (Art. 5(2) GDPR)');
  requests
    .addOption(requests.createOption('--json', 'print the stored cases as JSON').conflicts('csv'))
    .addOption(requests.createOption('--csv', 'print CSV (RFC 4180, formula-safe)').conflicts('json'))
    .option('--open', 'only open cases')
    .option('--database <file or url>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else DATABASE_FILE)')
    .action(requestsCommand);
  cli
    .command('jobs')
    .description('the execution jobs of approved cases and the state of each step')
    .option('--json', 'print JSON')
    .option('--database <file or url>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else DATABASE_FILE)')
    .action(jobsCommand);
  cli
    .command('report <case>')
    .description("write an access case's report: the ZIP as the DPO received it, or one format from it")
    .option('--format <format>', 'pdf, html, json or zip', 'zip')
    .option('--out <dir>', 'where to write it', '.')
    .option('--database <file or url>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else DATABASE_FILE)')
    .action(reportCommand);
  cli
    .command('replay')
    .description('after restoring a backup: the rectifications, erasures, restrictions and objections completed since a time; --apply applies them again')
    .requiredOption('--since <time>', 'when the backup was taken (2026-12-01 or 2026-12-01T08:00:00Z)')
    .option('--apply', 'apply the bot’s steps again and list what must be redone by hand')
    .option('--json', 'print JSON')
    .action(replayCommand);
  return cli;
}

/** Runs the CLI; configuration errors end with exit code 2 and a message naming what is wrong. */
export async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`privacy-desk: configuration error: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}
