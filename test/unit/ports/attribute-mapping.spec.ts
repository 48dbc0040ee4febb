import { ConfigurationError } from '../../../src/domain/shared/errors';
import { attributeFor, INET_ORG_PERSON_ATTRIBUTES, itemsOf, parseMappingFile } from '../../../src/ports/directory/attribute-mapping';

describe('attribute → catalogue item mapping', () => {
  it('reads an administrator’s mapping file, attribute names case-insensitive', () => {
    expect(parseMappingFile({ Mobile: 'F.13.3.1', extensionAttribute1: 'F.17' }, 'mapping.json')).toEqual({ mobile: 'F.13.3.1', extensionattribute1: 'F.17' });
  });

  it('rejects an item the catalogue does not have, naming the file and attribute', () => {
    expect(() => parseMappingFile({ mobile: 'F.99' }, 'mapping.json')).toThrow(ConfigurationError);
    expect(() => parseMappingFile({ mobile: 'F.99' }, 'mapping.json')).toThrow(/^mapping\.json: mobile: not a catalogue item/);
  });

  it('names values by item, merging attributes of one item, and writes back to the first attribute listed', () => {
    const items = itemsOf(new Map([['physicalDeliveryOfficeName', ['HQ']], ['roomNumber', ['5.01']], ['uid', ['x']]]), INET_ORG_PERSON_ATTRIBUTES);
    expect(items).toEqual({ 'F.6': ['HQ', '5.01'] });
    expect(attributeFor('F.6', INET_ORG_PERSON_ATTRIBUTES)).toBe('physicaldeliveryofficename');
    expect(attributeFor('F.17', INET_ORG_PERSON_ATTRIBUTES)).toBeUndefined();
  });
});
