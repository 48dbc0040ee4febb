import type { CategoryId } from '../domain/catalogue/catalogue.data';
import { type Subject, isSearchable } from '../domain/sources/subject';
import type { PersonalDataSource, SourceFinding } from '../ports/sources/personal-data-source.port';

/** What the sources hold about a subject, per source, and what could not be asked. */
export interface SubjectFindings {
  findings: SourceFinding[];
  /** Sources that failed to answer (unreachable, a missing table): named, never silently left out. */
  failed: { source: string; category: CategoryId; reason: string }[];
}

/**
 * Asks every source for the subject's records, all at once; a source that fails is reported, the
 * others still answer. A subject that gives nothing to look for (no name, number or address) is
 * refused by the caller before this.
 */
export async function findSubject(sources: readonly PersonalDataSource[], subject: Subject): Promise<SubjectFindings> {
  if (!isSearchable(subject)) return { findings: [], failed: [] };
  const answers = await Promise.allSettled(sources.map((source) => source.find(subject)));
  const result: SubjectFindings = { findings: [], failed: [] };
  answers.forEach((answer, i) => {
    const source = sources[i] as PersonalDataSource;
    if (answer.status === 'fulfilled') result.findings.push(...answer.value);
    else result.failed.push({ source: source.id, category: source.category, reason: answer.reason instanceof Error ? answer.reason.message : String(answer.reason) });
  });
  return result;
}
