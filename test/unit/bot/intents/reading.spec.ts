import { readFileSync } from 'node:fs';
import { shipped } from '../../../../src/config/paths';
import { DirectoryIndex } from '../../../../src/domain/directory/directory-index';
import { parse } from '../../../../src/bot/intents/parser';
import { Reader, readingWith } from '../../../../src/bot/intents/reading';
import { parseLdifDirectory } from '../../../../src/ports/directory/ldif-directory.adapter';

const ldif = readFileSync(shipped('data', 'demo', 'demo-org.ldif'));
const directory = new DirectoryIndex(parseLdifDirectory(ldif));

describe('the reader', () => {
  it('reads as the parser does with the directory at hand, the second time from memory', () => {
    const reader = new Reader();
    const text = 'ein kunde, Herr Schulz, hat per mail geschrieben dass er gelöscht werden will';
    const first = reader.read(text, directory);
    expect(first).toEqual(parse(text, readingWith(directory)));
    expect(reader.read(text, directory)).toEqual(first);
  });

  it('hands every caller its own copy: changing one reading changes no later one', () => {
    const reader = new Reader();
    const text = 'customer Hans Meier, hans@example.org, wants a copy of his data';
    const first = reader.read(text, directory);
    first.intent = 'unknown';
    if (first.contact) first.contact.email = 'changed@example.org';
    const second = reader.read(text, directory);
    expect(second.intent).toBe('startRequest');
    expect(second.contact?.email).toBe('hans@example.org');
  });

  it('starts afresh with a reloaded directory, whose names may read differently', () => {
    const reader = new Reader();
    // Without Priya in the directory, "priya" is no colleague's name, and the manager is the one meant.
    const without = new DirectoryIndex({ ...parseLdifDirectory(ldif), people: [] });
    const text = 'gib priya bitte teammitglied, sie ist meine neue teamleiterin';
    expect(reader.read(text, without)).toEqual({ intent: 'setLevel', relation: 'manager', level: 'team' });
    expect(reader.read(text, directory)).toEqual({ intent: 'setLevel', person: 'priya', level: 'team' });
  });

  it('reads a long message afresh every time, with the same result', () => {
    const reader = new Reader();
    const text = `Sehr geehrte Damen und Herren, ${'hiermit bitte ich um Auskunft über meine Daten. '.repeat(6)}`;
    expect(text.length).toBeGreaterThan(200);
    expect(reader.read(text, directory)).toEqual(reader.read(text, directory));
    expect(reader.read(text, directory)).toEqual(parse(text, readingWith(directory)));
  });
});
