/** Where the data lives: the embedded SQLite file (the default), or a PostgreSQL database for several instances. */
export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** Reads `postgres://…` or `postgresql://…` as PostgreSQL and anything else as a SQLite file. */
export function targetOf(text: string): DatabaseTarget {
  return /^postgres(ql)?:\/\//i.test(text) ? { kind: 'postgres', url: text } : { kind: 'sqlite', file: text };
}

/** A target named for logs and messages: a file's path, or a PostgreSQL URL without its credentials. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === 'sqlite') return target.file;
  try {
    const url = new URL(target.url);
    return `postgres://${url.host}${url.pathname}`;
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
