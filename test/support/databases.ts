import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DatabaseTarget } from '../../src/ports/store/database-target';
import { requireService } from './services';

/** The PostgreSQL server the tests use (trust authentication, as on these machines); POSTGRES_TEST_URL overrides it. */
export const POSTGRES_ADMIN_URL = process.env.POSTGRES_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Whether the PostgreSQL server answers (asked once, synchronously, so that a suite can decide to skip). */
export function postgresAvailable(): boolean {
  const probe = `const { Client } = require('pg'); const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.query('SELECT 1')).then(() => c.end()).then(() => process.exit(0), () => process.exit(1));`;
  return spawnSync(process.execPath, ['-e', probe, POSTGRES_ADMIN_URL], { cwd: join(__dirname, '..', '..'), timeout: 10_000 }).status === 0;
}

/**
 * A PostgreSQL database of this test run's own, created on `setUp` and dropped on `tearDown`; each
 * `fresh()` target is an empty schema in it (a new database per test would be slow), so that every
 * test starts from nothing.
 */
export class TestPostgres {
  readonly name = `privacy_desk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  private schemas = 0;

  get url(): string {
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${this.name}`;
    return url.toString();
  }

  async setUp(): Promise<void> {
    await this.admin(`CREATE DATABASE ${this.name}`);
  }

  async tearDown(): Promise<void> {
    await this.admin(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
  }

  /** `fresh()`, known to be PostgreSQL (for the suites that start instances on it). */
  async freshPostgres(): Promise<DatabaseTarget & { kind: 'postgres' }> {
    const fresh = await this.fresh();
    if (fresh.kind !== 'postgres') throw new Error('expected PostgreSQL');
    return fresh;
  }

  /** A target whose tables live in a new, empty schema of the test database. */
  async fresh(): Promise<DatabaseTarget> {
    const schema = `t${++this.schemas}`;
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
    } finally {
      await client.end();
    }
    const url = new URL(this.url);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return { kind: 'postgres', url: url.toString() };
  }

  private async admin(statement: string): Promise<void> {
    const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }
}

/** A SQLite file in a folder of its own, removed with `remove`. */
export function tempSqlite(): { target: DatabaseTarget & { kind: 'sqlite' }; dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'privacy-desk-db-'));
  return { target: { kind: 'sqlite', file: join(dir, 'privacy-desk.sqlite') }, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A test file's PostgreSQL: the test database set up before the file's tests and dropped after them;
 * `describeIf` runs a block only when the server is there (skipped loudly, failing under CI=true).
 */
export function usePostgres(): { postgres: TestPostgres; available: boolean; describeIf: jest.Describe } {
  const available = requireService('PostgreSQL at 127.0.0.1:5432', postgresAvailable(), 'start PostgreSQL with trust authentication for the user postgres (or set POSTGRES_TEST_URL)');
  const postgres = new TestPostgres();
  beforeAll(async () => {
    if (available) await postgres.setUp();
  }, 30_000);
  afterAll(async () => {
    if (available) await postgres.tearDown();
  }, 30_000);
  return { postgres, available, describeIf: available ? describe : describe.skip };
}
