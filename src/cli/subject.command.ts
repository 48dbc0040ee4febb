import { findSubject } from '../app/subject-finder';
import type { CategoryId } from '../domain/catalogue/catalogue.data';
import { type Subject, isSearchable } from '../domain/sources/subject';
import type { SourceFinding } from '../ports/sources/personal-data-source.port';
import { configuredSources } from './configured-sources';

export interface SubjectFindOptions {
  name?: string;
  firstName?: string;
  lastName?: string;
  phone?: string[];
  email?: string[];
  sip?: string[];
  street?: string;
  postcodeCity?: string;
  json?: boolean;
}

/** What a category's records are called, one and many. */
const NOUNS: Record<CategoryId, [string, string]> = {
  F: ['directory entry', 'directory entries'],
  H: ['journal entry', 'journal entries'],
  T: ['task', 'tasks'],
  C: ['chat message', 'chat messages'],
  L: ['log line', 'log lines'],
};

const month = (date: Date | undefined): string => (date ? date.toISOString().slice(0, 7) : '?');

/** "412 journal entries 2024-03 … 2026-11". */
export function describeFinding(finding: SourceFinding): string {
  const [one, many] = NOUNS[finding.category];
  const span = finding.oldest ? ` ${month(finding.oldest)} … ${month(finding.newest)}` : '';
  return `${finding.count} ${finding.count === 1 ? one : many}${span}`;
}

/**
 * `privacy-desk subject find`: where a person's records are, per source — counts, oldest and newest —
 * by the seed's search criteria and the SIP address. Numbers and addresses match whichever way they
 * were written; names only, as such, are counted apart. Exit code 1 when a source could not be asked
 * or nothing was given to look for.
 */
export async function subjectFindCommand(options: SubjectFindOptions): Promise<void> {
  const subject: Subject = {
    ...(options.name ? { name: options.name } : {}),
    ...(options.firstName ? { firstName: options.firstName } : {}),
    ...(options.lastName ? { lastName: options.lastName } : {}),
    ...(options.phone?.length ? { phones: options.phone } : {}),
    ...(options.email?.length ? { emails: options.email } : {}),
    ...(options.sip?.length ? { sipAddresses: options.sip } : {}),
    ...(options.street ? { street: options.street } : {}),
    ...(options.postcodeCity ? { postcodeCity: options.postcodeCity } : {}),
  };
  if (!isSearchable(subject)) {
    process.stderr.write('privacy-desk: give a name (--name, or --last-name with --first-name), a --phone, an --email, a --sip address or a --street (with --postcode-city)\n');
    process.exitCode = 1;
    return;
  }
  const { sources, close } = configuredSources();
  try {
    const { findings, failed } = await findSubject(sources, subject);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ findings, failed, sources: sources.map((s) => s.id) }, null, 2)}\n`);
    } else if (sources.length === 0) {
      process.stdout.write('No personal-data sources are configured (SOURCES_FILE).\n');
    } else {
      const lines = sources.map((source) => {
        const own = findings.filter((f) => f.source === source.id);
        const byId = own.find((f) => f.match === 'identifier');
        const byName = own.find((f) => f.match === 'name');
        if (failed.some((f) => f.source === source.id)) return `  ${source.id} (${source.category}): could not be asked — ${failed.find((f) => f.source === source.id)?.reason}`;
        if (!byId && !byName) return `  ${source.id} (${source.category}): nothing`;
        const parts = [byId ? describeFinding(byId) : undefined, byName ? `${describeFinding(byName)} by name or address only` : undefined].filter(Boolean);
        return `  ${source.id} (${source.category}): ${parts.join('; ')}`;
      });
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    if (failed.length > 0) process.exitCode = 1;
  } finally {
    await close();
  }
}
