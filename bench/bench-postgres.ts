import { Client } from 'pg';

/**
 * Runs `work` on a PostgreSQL database of its own, created on BENCH_POSTGRES_URL's server (default
 * postgres://postgres@127.0.0.1:5432/postgres) and dropped afterwards; says loudly, and returns a
 * `skipped` result, when the server cannot be reached.
 */
export async function withPostgres<T>(prefix: string, work: (url: string) => Promise<T>): Promise<T | { skipped: string }> {
  const admin = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `${prefix}_${process.pid}`;
  const client = new Client({ connectionString: admin, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch {
    process.stderr.write('*** PostgreSQL cannot be reached: the PostgreSQL round is SKIPPED ***\n');
    return { skipped: 'PostgreSQL not reachable' };
  }
  try {
    await client.query(`CREATE DATABASE ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  }
}
