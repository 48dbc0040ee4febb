import { addressSpellings, foldAddress, foldName, fullNames, isSearchable, nameSpellings, normalisePhone, phoneSpellings, subjectPhones } from '../../../src/domain/sources/subject';

describe('phone numbers', () => {
  it.each([
    ['+49 89 1234-567', '+49891234567'],
    ['089 1234567', '+49891234567'],
    ['0049891234567', '+49891234567'],
    ['+49 (89) 1234-567', '+49891234567'],
    ['tel:+49891234567', '+49891234567'],
    ['0171/2222222', '+491712222222'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('%s is %s', (written, e164) => {
    expect(normalisePhone(written, 'DE')).toBe(e164);
  });

  it('reads a national number by the configured region', () => {
    expect(normalisePhone('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normalisePhone('020 7946 0958', 'DE')).not.toBe('+442079460958');
  });

  it.each(['', 'sip:alice@example.com', 'call me', '12'])('%j is no phone number', (written) => {
    expect(normalisePhone(written, 'DE')).toBeUndefined();
  });

  it('gives the spellings a source may have stored a number in', () => {
    expect(phoneSpellings('+49891234567', 'DE')).toEqual(expect.arrayContaining(['+49891234567', '0049891234567', '0891234567', '089 1234567', '+49 89 1234567']));
  });

  it('keeps a subject\'s numbers once each, leaving out what is none', () => {
    expect(subjectPhones({ phones: ['089 1234567', '+49 89 1234-567', 'n/a'] }, 'DE')).toEqual(['+49891234567']);
  });
});

describe('names', () => {
  it.each([
    ['Müller', 'muller'],
    ['Mueller', 'muller'],
    ['MÜLLER', 'muller'],
    ['Weiß', 'weiss'],
    ['  Jan   de  Vries ', 'jan de vries'],
    ["O'Brien", 'o brien'],
  ])('%s folds to %s', (name, folded) => {
    expect(foldName(name)).toBe(folded);
  });

  it('gives the spellings a source may hold a name in, lower-cased', () => {
    expect(nameSpellings('Erika Müller')).toEqual(expect.arrayContaining(['erika müller', 'erika mueller', 'erika muller']));
    expect(nameSpellings('Mueller')).toEqual(expect.arrayContaining(['mueller', 'müller']));
    expect(nameSpellings('Weiß')).toEqual(expect.arrayContaining(['weiß', 'weiss']));
  });

  it('looks for the whole name, from its parts or as given', () => {
    expect(fullNames({ firstName: 'Erika', lastName: 'Müller' })).toEqual(['Erika Müller']);
    expect(fullNames({ name: ' Erika  Müller ' })).toEqual(['Erika Müller']);
    expect(fullNames({ lastName: 'Müller' })).toEqual([]);
  });

  it('knows when a subject gives nothing to look for', () => {
    expect(isSearchable({})).toBe(false);
    expect(isSearchable({ firstName: 'Erika' })).toBe(false);
    expect(isSearchable({ lastName: 'Müller' })).toBe(true);
    expect(isSearchable({ phones: ['089 1234567'] })).toBe(true);
    // A street finds somebody; a postcode and city alone would find a whole town.
    expect(isSearchable({ street: 'Leopoldstraße 12' })).toBe(true);
    expect(isSearchable({ postcodeCity: '80802 München' })).toBe(false);
  });
});

describe('addresses', () => {
  it.each([
    ['Leopoldstraße 12', 'leopoldstr 12'],
    ['Leopoldstrasse 12', 'leopoldstr 12'],
    ['LEOPOLDSTR. 12', 'leopoldstr 12'],
    ['Leopoldstr 12', 'leopoldstr 12'],
    ['Am Rotbach 3', 'am rotbach 3'],
    ['80802 München', '80802 munchen'],
    ['80802 Muenchen', '80802 munchen'],
  ])('%s folds to %s', (address, folded) => {
    expect(foldAddress(address)).toBe(folded);
  });

  it('gives the spellings a source may hold a street in, lower-cased', () => {
    expect(addressSpellings('Leopoldstraße 12')).toEqual(expect.arrayContaining(['leopoldstraße 12', 'leopoldstrasse 12', 'leopoldstr. 12', 'leopoldstr 12']));
    expect(addressSpellings('Am Rotbach 3')).toEqual(['am rotbach 3']);
    expect(addressSpellings('80802 München')).toEqual(expect.arrayContaining(['80802 münchen', '80802 muenchen', '80802 munchen']));
  });
});
