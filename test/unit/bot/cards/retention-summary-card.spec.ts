import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { RetentionDesk } from '../../../../src/app/retention-desk';
import { retentionSummaryCard } from '../../../../src/bot/cards/retention-summary.card';
import { messages } from '../../../../src/bot/i18n/messages';
import { shipped } from '../../../../src/config/paths';
import { generateDemoSources } from '../../../../src/demo/demo-sources';
import { parseLdifDirectory } from '../../../../src/ports/directory/ldif-directory.adapter';
import { openSources } from '../../../../src/startup/sources';
import { type Stores, openStores } from '../../../../src/ports/store/sql/stores';
import { compileCardSchema } from '../../../support/card-schema';
import { CARD_SCHEMA_FILE } from '../../../support/shared-files';
import { cardToText } from '../../../../src/bot/cards/card-text';

/** The retention summary card on the demo sources, in both languages, against the Adaptive Cards 1.5 schema. */
describe('the retention summary card', () => {
  const now = new Date('2026-12-05T09:00:00Z');
  let dir: string;
  let stores: Stores;
  let desk: RetentionDesk;
  let validate: ValidateFunction | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'privacy-desk-summary-card-'));
    const directory = parseLdifDirectory(readFileSync(shipped('data', 'demo', 'demo-org.ldif')));
    generateDemoSources(join(dir, 'demo-sources'), directory, now);
    stores = await openStores({ kind: 'sqlite', file: join(dir, 'db.sqlite') });
    const sources = openSources({ sources: { kind: 'demo', folder: join(dir, 'demo-sources') }, phoneRegion: 'DE' }, directory, {}, now);
    desk = new RetentionDesk({ sources, policy: { journalDays: 365, chatDays: 90 }, timeZone: 'Europe/Berlin', audit: stores.audit, requests: stores.requests, clock: { now: () => now } });
    if (existsSync(CARD_SCHEMA_FILE)) validate = compileCardSchema();
    else if (process.env.CI === 'true') throw new Error(`${CARD_SCHEMA_FILE} is missing: under CI=true the card must be validated`);
    else process.stderr.write(`\n*** SKIPPED: retention summary card schema validation — ${CARD_SCHEMA_FILE} not found ***\n`);
  });
  afterAll(async () => {
    await desk.close();
    await stores.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['en', 'Retention summary — week of 2026-11-30', 'H.x Call journal — kept 365 days', 'C.x Chat — kept 90 days', 'Needs action'],
    ['de', 'Löschbericht – Woche ab 2026-11-30', 'H.x Journal/Anruf — 365 Tage aufbewahrt', 'C.x Chat — 90 Tage aufbewahrt', 'Zu tun'],
  ] as const)('in %s: every category, the requests, what needs doing — and a valid card', async (locale, title, journal, chat, needs) => {
    const rendered = retentionSummaryCard(messages(locale), await desk.summary(), 'Europe/Berlin');
    const text = cardToText(rendered.card).text;
    for (const expected of [title, journal, chat, needs]) expect(text).toContain(expected);
    expect(text).toMatch(/journal.*\d+.*2024-12-05/);
    expect(text).toMatch(/logs.*4 /);
    if (validate) expect(validate(rendered.card) ? [] : validate.errors).toEqual([]);
  });
});
