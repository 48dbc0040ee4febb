import fc from 'fast-check';
import { inputDefaults } from '../../../../src/bot/cards/card-text';
import { intakeFormCard } from '../../../../src/bot/cards/intake-form.card';
import { type CheckedForm, type IntakeForm, checkIntakeForm, intakeFormSchema } from '../../../../src/bot/cards/request-form';
import type { RequestTextContext } from '../../../../src/bot/cards/request-view';
import { LOCALES } from '../../../../src/bot/i18n/locale';
import { messages, requestTexts } from '../../../../src/bot/i18n/messages';
import { CRITERIA_KEYS, RECEIPT_CHANNELS, REQUEST_TYPES } from '../../../../src/domain/requests/request';

const rt = requestTexts('en');
const TOKEN = '0b5e4a3c-8f1d-4c2a-9e7b-3d6f5a1c2b4e';
const TODAY = '2026-01-20';

/** An outside person's form as the card sends it: everything valid unless a test changes it. */
function outsideForm(fields: Partial<IntakeForm> = {}): IntakeForm {
  return intakeFormSchema.parse({ verb: 'request', token: TOKEN, type: 'access', self: false, channel: 'letter', receivedOn: TODAY, lastName: 'Musterfrau', ...fields });
}

const check = (form: IntakeForm, today = TODAY): CheckedForm => checkIntakeForm(form, today, rt);
const problemsOf = (form: IntakeForm, today = TODAY): string[] => {
  const checked = check(form, today);
  return checked.ok ? [] : checked.problems;
};

describe('checkIntakeForm: search criteria of an outside person', () => {
  it('needs a last name, an e-mail address or a phone number', () => {
    const none = { lastName: '', firstName: 'Erika', street: 'Hauptstr. 1', postcodeCity: '80331 München' };
    expect(problemsOf(outsideForm(none))).toEqual([rt.formNeedsCriteria]);
    expect(problemsOf(outsideForm({ ...none, lastName: 'Musterfrau' }))).toEqual([]);
    expect(problemsOf(outsideForm({ ...none, email: 'erika@mail.example' }))).toEqual([]);
    expect(problemsOf(outsideForm({ ...none, phone: '089 1234567' }))).toEqual([]);
  });

  it('does not count blanks as a criterion', () => {
    expect(problemsOf(outsideForm({ lastName: '   ', email: ' ', phone: '\t' }))).toEqual([rt.formNeedsCriteria]);
  });

  it.each(['12', 'abc', '0000', '+49 1'])('refuses the phone number %j', (phone) => {
    expect(problemsOf(outsideForm({ phone }))).toEqual([rt.formPhoneInvalid]);
  });

  it.each(['089 1234567', '+49 30 123456', '030 123456', '0171 2345678', '+49 (0)89 1234567', ' 089 1234567 '])('takes the German phone number %j', (phone) => {
    expect(problemsOf(outsideForm({ phone }))).toEqual([]);
  });

  it.each(['not-a-mail', 'erika@', '@mail.example', 'erika mail.example', 'erika@@mail.example'])('refuses the e-mail address %j', (email) => {
    expect(problemsOf(outsideForm({ email }))).toEqual([rt.formEmailInvalid]);
  });

  it.each(['erika@mail.example', 'erika.musterfrau+dsr@sub.mail.example', ' erika@mail.example '])('takes the e-mail address %j', (email) => {
    expect(problemsOf(outsideForm({ email }))).toEqual([]);
  });
});

describe('checkIntakeForm: date of receipt', () => {
  it.each([
    ['today', TODAY],
    ['yesterday', '2026-01-19'],
    ['a leap day', '2025-12-29'],
    ['exactly a year ago', '2025-01-20'],
    ['the German way', '19.01.2026'],
    ['the German way, unpadded', '5.1.2026'],
  ])('takes %s', (_name, receivedOn) => {
    expect(problemsOf(outsideForm({ receivedOn }))).toEqual([]);
  });

  it('reads a German date as the same day', () => {
    expect(check(outsideForm({ receivedOn: '5.1.2026' })).values.receivedOn).toBe('2026-01-05');
  });

  it.each([
    ['tomorrow', '2026-01-21'],
    ['next year', '2027-01-01'],
  ])('refuses %s: in the future', (_name, receivedOn) => {
    expect(problemsOf(outsideForm({ receivedOn }))).toEqual([rt.formBadDate]);
  });

  it.each([
    ['an impossible date', '2026-02-30'],
    ['29 February of a common year', '2025-02-29'],
    ['month 13', '2026-13-01'],
    ['another format', '2026/01/20'],
    ['a date without padding', '2026-1-5'],
    ['a date with a time', '2026-01-20T10:00'],
  ])('refuses %s: no date', (_name, receivedOn) => {
    expect(problemsOf(outsideForm({ receivedOn }))).toEqual([rt.formDateInvalid]);
  });

  it('asks for a missing date', () => {
    const { receivedOn: _receivedOn, ...form } = outsideForm();
    expect(problemsOf(form)).toEqual([rt.formNeedsDate]);
    expect(problemsOf(outsideForm({ receivedOn: '  ' }))).toEqual([rt.formNeedsDate]);
  });

  it('asks to check a date more than a year ago (a typo, most likely)', () => {
    expect(problemsOf(outsideForm({ receivedOn: '2025-01-19' }))).toEqual([rt.formDateTooOld]);
    expect(problemsOf(outsideForm({ receivedOn: '2024-02-29' }))).toEqual([rt.formDateTooOld]);
  });
});

describe('checkIntakeForm: the requester about themselves', () => {
  it('needs no criteria, channel or date', () => {
    const form = intakeFormSchema.parse({ verb: 'request', token: TOKEN, type: 'rectification', self: true, item: 'Office phone', newValue: '+49 89 7654321' });
    const checked = check(form);
    expect(checked.ok).toBe(true);
    expect(checked.values).toEqual({ type: 'rectification', self: true, criteria: {}, item: 'Office phone', newValue: '+49 89 7654321' });
  });

  it('takes the form as the self card sends it once the wrong detail is named, and asks for it otherwise', () => {
    const card = intakeFormCard(context(), { type: 'rectification', self: true, item: 'Mobile number', newValue: '+49 170 7654321' }, TOKEN, TODAY).card as Record<string, unknown>;
    const data = ((card.actions as Record<string, unknown>[])[0] as Record<string, unknown>).data as Record<string, unknown>;
    const form = intakeFormSchema.parse({ ...data, ...inputDefaults(card) });
    expect(check(form).ok).toBe(true);
    const unnamed = check({ ...form, item: '' });
    expect(unnamed).toMatchObject({ ok: false, problems: [requestTexts('en').formNeedsItem] });
    // Nothing to put right without the correct value (Art. 16).
    expect(check({ ...form, newValue: '  ' })).toMatchObject({ ok: false, problems: [requestTexts('en').formNeedsNewValue] });
  });
});

describe('checkIntakeForm: several problems and what was typed', () => {
  const typed = outsideForm({
    lastName: '  Müller-Lüdenscheidt ',
    firstName: 'Zoë',
    street: 'Hauptstr. 1',
    postcodeCity: '80331 München',
    phone: '12',
    email: 'not-a-mail',
    channel: 'phone',
    receivedOn: '2026-02-30',
    item: 'Office **phone**',
    newValue: '[x](http://evil)',
    note: 'Please\nhurry  ',
    type: 'erasure',
  });

  it('reports every problem at once', () => {
    expect(problemsOf(typed)).toEqual([rt.formPhoneInvalid, rt.formEmailInvalid, rt.formDateInvalid]);
  });

  it('gives back everything that was typed (trimmed), so the form can be shown again', () => {
    const checked = check(typed);
    expect(checked.ok).toBe(false);
    expect(checked.values).toEqual({
      type: 'erasure',
      self: false,
      criteria: { lastName: 'Müller-Lüdenscheidt', firstName: 'Zoë', street: 'Hauptstr. 1', postcodeCity: '80331 München', phone: '12', email: 'not-a-mail' },
      channel: 'phone',
      receivedOn: '2026-02-30',
      item: 'Office **phone**',
      newValue: '[x](http://evil)',
      note: 'Please\nhurry',
    });
  });

  it.each(LOCALES)('%s: the form drawn again from the values holds what was typed', (locale) => {
    const checked = check(typed);
    const ctx = context(locale);
    const card = intakeFormCard(ctx, checked.values, TOKEN, TODAY, checked.ok ? [] : checked.problems).card as Record<string, unknown>;
    expect(inputDefaults(card)).toEqual({
      type: 'erasure',
      lastName: 'Müller-Lüdenscheidt',
      firstName: 'Zoë',
      street: 'Hauptstr. 1',
      postcodeCity: '80331 München',
      phone: '12',
      email: 'not-a-mail',
      channel: 'phone',
      receivedOn: '2026-02-30',
      item: 'Office **phone**',
      newValue: '[x](http://evil)',
      note: 'Please\nhurry',
    });
  });

  it('returns the criteria of a good form, without blanks', () => {
    const checked = check(outsideForm({ firstName: ' ', email: 'erika@mail.example', phone: '' }));
    expect(checked).toMatchObject({ ok: true, criteria: { lastName: 'Musterfrau', email: 'erika@mail.example' } });
    expect(checked.ok && Object.keys(checked.criteria).sort()).toEqual(['email', 'lastName']);
  });

  it('loses nothing that was typed, whatever was typed', () => {
    const text = fc.string({ maxLength: 40 });
    const arbitraryForm = fc.record(
      {
        type: fc.constantFrom(...REQUEST_TYPES),
        self: fc.boolean(),
        lastName: text,
        firstName: text,
        street: text,
        postcodeCity: text,
        phone: text,
        email: text,
        channel: fc.constantFrom(...RECEIPT_CHANNELS),
        receivedOn: text,
        item: text,
        newValue: text,
        note: text,
      },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(arbitraryForm, (fields) => {
        const form = intakeFormSchema.parse({ verb: 'request', token: TOKEN, ...fields });
        const { values } = check(form);
        expect(values.type).toBe(form.type);
        expect(values.self).toBe(form.self === true);
        for (const key of CRITERIA_KEYS) expect(values.criteria?.[key]).toBe(form[key]?.trim() || undefined);
        for (const key of ['receivedOn', 'item', 'newValue', 'note'] as const) expect(values[key]).toBe(form[key]?.trim() || undefined);
        expect(values.channel).toBe(form.channel);
      }),
    );
  });
});

function context(locale: (typeof LOCALES)[number] = 'en'): RequestTextContext {
  return { t: messages(locale), rt: requestTexts(locale), timeZone: 'Europe/Berlin', nameOf: (id) => id };
}
