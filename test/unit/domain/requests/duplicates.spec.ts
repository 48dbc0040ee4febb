import fc from 'fast-check';
import { findDuplicates, sameSubject } from '../../../../src/domain/requests/duplicates';
import { CLOSED_STATUSES, REQUEST_STATUSES, REQUEST_TYPES, type PrivacyRequest, type RequestStatus, type RequestSubject, type RequestType, type SubjectCriteria } from '../../../../src/domain/requests/request';
import { openRequest } from '../../../../src/domain/requests/workflow';

const employee = (id: string, name = 'Some Body'): RequestSubject => ({ kind: 'employee', id, name });
const outside = (criteria: SubjectCriteria): RequestSubject => ({ kind: 'outside', criteria });

/** Checks both orders: being the same person does not depend on which case came first. */
function same(a: RequestSubject, b: RequestSubject): boolean {
  const forward = sameSubject(a, b);
  expect(sameSubject(b, a)).toBe(forward);
  return forward;
}

describe('sameSubject', () => {
  describe('employees', () => {
    it('are the same by directory id', () => {
      expect(same(employee('bob@corp.example', 'Bob'), employee('bob@corp.example', 'Robert'))).toBe(true);
    });

    it('are different with different ids, even with the same name', () => {
      expect(same(employee('bob@corp.example', 'Bob Meier'), employee('bob.meier@corp.example', 'Bob Meier'))).toBe(false);
    });

    it('match an outside subject whose mail is the employee id, ignoring case', () => {
      expect(same(employee('bob@corp.example'), outside({ email: 'Bob@Corp.Example' }))).toBe(true);
      expect(same(employee('bob@corp.example'), outside({ email: ' bob@corp.example ' }))).toBe(true);
    });

    it('do not match an outside subject with another mail, or none', () => {
      expect(same(employee('bob@corp.example'), outside({ email: 'bob@private.example' }))).toBe(false);
      expect(same(employee('bob@corp.example'), outside({ firstName: 'Bob', lastName: 'Meier', phone: '+49 89 1234567' }))).toBe(false);
    });

    it('do not match an outside subject whose mail only folds to the employee id', () => {
      // `fold` is for names: "joe" → "jo", "ue" → "u". Mail addresses must not be folded so.
      expect(same(employee('jo@corp.example'), outside({ email: 'joe@corp.example' }))).toBe(false);
      expect(same(employee('muller@corp.example'), outside({ email: 'mueller@corp.example' }))).toBe(false);
    });
  });

  describe('outside subjects by e-mail', () => {
    it('match ignoring case and surrounding blanks', () => {
      expect(same(outside({ email: 'Erika.Musterfrau@Mail.Example' }), outside({ email: 'erika.musterfrau@mail.example' }))).toBe(true);
      expect(same(outside({ email: 'erika@mail.example ' }), outside({ email: 'erika@mail.example' }))).toBe(true);
    });

    it('match by mail even when everything else differs', () => {
      expect(same(outside({ email: 'e@mail.example', lastName: 'Musterfrau', postcodeCity: 'Berlin' }), outside({ email: 'e@mail.example', lastName: 'Mustermann', postcodeCity: 'Köln' }))).toBe(true);
    });

    it('do not match different addresses', () => {
      expect(same(outside({ email: 'erika@mail.example' }), outside({ email: 'erika@other.example' }))).toBe(false);
      expect(same(outside({ email: 'erika1@mail.example' }), outside({ email: 'erika2@mail.example' }))).toBe(false);
    });

    it('do not fold addresses like names (joe@ is not jo@)', () => {
      expect(same(outside({ email: 'joe@mail.example' }), outside({ email: 'jo@mail.example' }))).toBe(false);
      expect(same(outside({ email: 'mueller@mail.example' }), outside({ email: 'muller@mail.example' }))).toBe(false);
    });

    it('do not match when one or both have no address, or a blank one', () => {
      expect(same(outside({ email: 'erika@mail.example' }), outside({}))).toBe(false);
      expect(same(outside({}), outside({}))).toBe(false);
      expect(same(outside({ email: '' }), outside({ email: '' }))).toBe(false);
      expect(same(outside({ email: '  ' }), outside({ email: '  ' }))).toBe(false);
    });
  });

  describe('outside subjects by phone', () => {
    it.each([
      ['+49 89 1234567', '089/1234567'],
      ['+49 89 1234567', '0049 89 1234567'],
      ['+49 (0)89 123 45 67', '089-123 45 67'],
      ['+49 171 2345678', '0171 2345678'],
      ['089 1234567', '(089) 12 34 567'],
      ['089 123456', '89 123456'],
    ])('%s is %s', (a, b) => {
      expect(same(outside({ phone: a }), outside({ phone: b }))).toBe(true);
    });

    it.each([
      ['+49 89 1234567', '+49 89 1234568'],
      ['+49 89 1234567', '+49 30 1234567'],
      ['089/1234567', '089/123456'],
    ])('%s is not %s', (a, b) => {
      expect(same(outside({ phone: a }), outside({ phone: b }))).toBe(false);
    });

    it('ignores numbers too short to tell people apart, and missing ones', () => {
      expect(same(outside({ phone: '12345' }), outside({ phone: '12345' }))).toBe(false);
      expect(same(outside({ phone: '0-12345' }), outside({ phone: '12345' }))).toBe(false);
      expect(same(outside({ phone: '+49 89 1234567' }), outside({}))).toBe(false);
      expect(same(outside({ phone: '' }), outside({ phone: '' }))).toBe(false);
      expect(same(outside({ phone: 'unknown' }), outside({ phone: 'n/a' }))).toBe(false);
    });

    it('six digits are enough', () => {
      expect(same(outside({ phone: '123456' }), outside({ phone: '12 34 56' }))).toBe(true);
    });
  });

  describe('outside subjects by name and place', () => {
    const erika: SubjectCriteria = { firstName: 'Jürgen', lastName: 'Müller', postcodeCity: '80331 München' };

    it('match with case and umlaut spellings folded', () => {
      expect(same(outside(erika), outside({ firstName: 'juergen', lastName: 'MUELLER', postcodeCity: '80331 muenchen' }))).toBe(true);
      expect(same(outside(erika), outside({ firstName: 'Jurgen', lastName: 'Muller', postcodeCity: '80331 Munchen' }))).toBe(true);
      expect(same(outside({ firstName: 'Hans', lastName: 'Weiß', postcodeCity: '10115 Berlin' }), outside({ firstName: 'hans', lastName: 'WEISS', postcodeCity: '10115 berlin' }))).toBe(true);
    });

    it('match with different blanks around and between the words', () => {
      expect(same(outside(erika), outside({ firstName: ' Jürgen ', lastName: 'Müller ', postcodeCity: '80331  München' }))).toBe(true);
    });

    it('match even when street and phone differ', () => {
      expect(same(outside({ ...erika, street: 'Hauptstr. 1', phone: '089 111111' }), outside({ ...erika, street: 'Nebenweg 2', phone: '089 222222' }))).toBe(true);
    });

    it.each<[string, SubjectCriteria]>([
      ['another first name', { firstName: 'Jörg', lastName: 'Müller', postcodeCity: '80331 München' }],
      ['another last name', { firstName: 'Jürgen', lastName: 'Möller', postcodeCity: '80331 München' }],
      ['another place', { firstName: 'Jürgen', lastName: 'Müller', postcodeCity: '80333 München' }],
      ['another city', { firstName: 'Jürgen', lastName: 'Müller', postcodeCity: '80331 Münster' }],
      ['no first name', { lastName: 'Müller', postcodeCity: '80331 München' }],
      ['no place', { firstName: 'Jürgen', lastName: 'Müller' }],
      ['first and last name swapped', { firstName: 'Müller', lastName: 'Jürgen', postcodeCity: '80331 München' }],
    ])('do not match with %s', (_what, other) => {
      expect(same(outside(erika), outside(other))).toBe(false);
    });

    it('do not match on last name and place alone, nor on the same street', () => {
      expect(same(outside({ lastName: 'Müller', postcodeCity: '80331 München' }), outside({ lastName: 'Müller', postcodeCity: '80331 München' }))).toBe(false);
      expect(same(outside({ lastName: 'Müller', street: 'Hauptstr. 1' }), outside({ lastName: 'Müller', street: 'Hauptstr. 1' }))).toBe(false);
    });

    it('do not match forms left blank', () => {
      const blank: SubjectCriteria = { firstName: ' ', lastName: '  ', postcodeCity: ' ' };
      expect(same(outside(blank), outside(blank))).toBe(false);
    });
  });

  it('property: symmetric, and every subject with a usable criterion is itself', () => {
    const text = fc.constantFrom('', ' ', 'Anna', 'anna', 'Jürgen', 'Juergen', 'Müller', 'Mueller', '80331 München', 'Berlin');
    const phone = fc.constantFrom('', '+49 89 1234567', '089/1234567', '0171 2345678', '12345');
    const mail = fc.constantFrom('', 'a@x.example', 'A@X.example', 'jo@x.example', 'joe@x.example');
    const criteria = fc.record({ firstName: text, lastName: text, postcodeCity: text, phone, email: mail }, { requiredKeys: [] });
    const subject: fc.Arbitrary<RequestSubject> = fc.oneof(
      criteria.map((c) => outside(c)),
      fc.constantFrom('a@x.example', 'jo@x.example').map((id) => employee(id)),
    );
    fc.assert(
      fc.property(subject, subject, (a, b) => {
        expect(sameSubject(a, b)).toBe(sameSubject(b, a));
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(criteria, (c) => {
        const usable =
          (c.email ?? '').trim() !== '' ||
          (c.phone ?? '').replace(/\D/g, '').replace(/^0+/, '').length >= 6 ||
          ((c.firstName ?? '').trim() !== '' && (c.lastName ?? '').trim() !== '' && (c.postcodeCity ?? '').trim() !== '');
        expect(sameSubject(outside(c), outside({ ...c }))).toBe(usable);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('findDuplicates', () => {
  const context = { now: new Date('2026-01-10T09:00:00Z'), timeZone: 'Europe/Berlin' };
  let sequence = 0;
  function makeCase(type: RequestType, subject: RequestSubject, status: RequestStatus = 'awaitingDecision'): PrivacyRequest {
    sequence++;
    const request = openRequest(
      { type, subject, requester: 'anna@corp.example', channel: 'teams', receivedAt: '2026-01-10T09:00:00Z' },
      { id: `id-${sequence}`, number: `DSR-2026-${String(sequence).padStart(4, '0')}` },
      context,
    );
    request.status = status;
    return request;
  }

  const erika = outside({ firstName: 'Erika', lastName: 'Musterfrau', postcodeCity: '10115 Berlin', email: 'erika@mail.example' });
  const erikaAgain = outside({ email: 'ERIKA@mail.example' });
  const max = outside({ firstName: 'Max', lastName: 'Mustermann', postcodeCity: '10115 Berlin' });

  it('returns the open cases of the same type about the same subject, in order', () => {
    const a = makeCase('access', erikaAgain, 'received');
    const b = makeCase('access', max);
    const c = makeCase('erasure', erika);
    const d = makeCase('access', erika, 'inProgress');
    const e = makeCase('access', erika, 'completed');
    expect(findDuplicates({ type: 'access', subject: erika }, [a, b, c, d, e])).toEqual([a, d]);
  });

  it('excludes the candidate itself by id, but not another case with the same content', () => {
    const candidate = makeCase('access', erika);
    const twin = makeCase('access', erika);
    expect(findDuplicates(candidate, [candidate, twin])).toEqual([twin]);
    expect(findDuplicates(candidate, [candidate])).toEqual([]);
    // Without an id (before it is stored) nothing is excluded.
    expect(findDuplicates({ type: candidate.type, subject: candidate.subject }, [candidate, twin])).toEqual([candidate, twin]);
  });

  it.each(REQUEST_STATUSES.map((status) => [status, !CLOSED_STATUSES.has(status)] as const))('a case in state %s counts: %s', (status, counts) => {
    const existing = makeCase('access', erika, status);
    expect(findDuplicates({ type: 'access', subject: erika }, [existing])).toEqual(counts ? [existing] : []);
  });

  it('treats rejected, completed, withdrawn and merged as closed', () => {
    const closed = (['rejected', 'completed', 'withdrawn', 'merged'] as const).map((status) => makeCase('access', erika, status));
    expect(findDuplicates({ type: 'access', subject: erika }, closed)).toEqual([]);
  });

  it.each(REQUEST_TYPES)('only cases of the same type: %s', (type) => {
    const all = REQUEST_TYPES.map((t) => makeCase(t, erika));
    const found = findDuplicates({ type, subject: erika }, all);
    expect(found.map((c) => c.type)).toEqual([type]);
  });

  it('matches an employee case with an outside case using the employee mail', () => {
    const employeeCase = makeCase('access', employee('bob@corp.example'));
    expect(findDuplicates({ type: 'access', subject: outside({ email: 'Bob@corp.example' }) }, [employeeCase])).toEqual([employeeCase]);
    expect(findDuplicates({ type: 'access', subject: employee('bob@corp.example') }, [employeeCase])).toEqual([employeeCase]);
    expect(findDuplicates({ type: 'access', subject: employee('rob@corp.example') }, [employeeCase])).toEqual([]);
  });

  it('returns nothing for no cases', () => {
    expect(findDuplicates({ type: 'access', subject: erika }, [])).toEqual([]);
  });

  it('takes two rectifications for the same request only when they correct the same detail', () => {
    const anna = employee('anna@corp.example');
    const mobile = { ...makeCase('rectification', anna), rectification: { item: 'Mobile number', newValue: '+49 170 1' } };
    const address = { ...makeCase('rectification', anna), rectification: { item: 'Address, business', newValue: 'Hauptstr. 1' } };
    expect(findDuplicates({ type: 'rectification', subject: anna, rectification: { item: ' mobile  NUMBER ' } }, [mobile, address]).map((c) => c.number)).toEqual([mobile.number]);
    expect(findDuplicates({ type: 'rectification', subject: anna, rectification: { item: 'Photo' } }, [mobile, address])).toEqual([]);
  });
});
