import { isValidPhoneNumber } from 'libphonenumber-js';
import { z } from 'zod';
import { CRITERIA_KEYS, RECEIPT_CHANNELS, REQUEST_TYPES, type SubjectCriteria } from '../../domain/requests/request';
import type { RequestTexts } from '../i18n/messages';
import type { IntakeFormValues } from './intake-form.card';

const field = z.string().max(500).optional();

/** What the intake form sends back (`Action.Submit`): inputs merged into the button's data. */
export const intakeFormSchema = z.object({
  verb: z.literal('request'),
  token: z.string().uuid(),
  self: z.boolean().optional(),
  type: z.enum(REQUEST_TYPES),
  lastName: field,
  firstName: field,
  street: field,
  postcodeCity: field,
  phone: field,
  email: field,
  channel: z.enum(RECEIPT_CHANNELS).optional(),
  receivedOn: z.string().max(20).optional(),
  item: field,
  newValue: field,
  note: z.string().max(2000).optional(),
});
export type IntakeForm = z.infer<typeof intakeFormSchema>;

const trimmed = (text: string | undefined): string | undefined => {
  const value = text?.trim();
  return value ? value : undefined;
};

/** A checked form, or the problems to show with the form filled in again (nothing typed is lost). */
export type CheckedForm =
  | { ok: true; criteria: SubjectCriteria; values: IntakeFormValues }
  | { ok: false; problems: string[]; values: IntakeFormValues };

/**
 * Checks a submitted form: at least a name, mail or phone for an outside person; a plausible phone
 * number (libphonenumber, German numbers without a country code) and mail address; a date of
 * receipt that is a real date and not in the future.
 */
export function checkIntakeForm(form: IntakeForm, today: string, rt: RequestTexts): CheckedForm {
  const criteria = criteriaFrom(form);
  const values: IntakeFormValues = { type: form.type, self: form.self === true, criteria };
  const optional = { channel: form.channel, receivedOn: isoDate(trimmed(form.receivedOn)), item: trimmed(form.item), newValue: trimmed(form.newValue), note: trimmed(form.note) };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (values as unknown as Record<string, string>)[key] = value;
  const problems: string[] = [];
  if (form.type === 'rectification' && !values.item) problems.push(rt.formNeedsItem);
  // Art. 16: rectification means the correct data; without it there is nothing to put right.
  if (form.type === 'rectification' && !values.newValue) problems.push(rt.formNeedsNewValue);
  if (!values.self) {
    problems.push(...criteriaProblems(criteria, rt));
    const date = values.receivedOn;
    if (date === undefined) problems.push(rt.formNeedsDate);
    else if (!isRealDate(date)) problems.push(rt.formDateInvalid);
    else if (date > today) problems.push(rt.formBadDate);
    // A request is answered within a month: one received over a year ago is almost surely a typo.
    else if (date < `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`) problems.push(rt.formDateTooOld);
  }
  return problems.length > 0 ? { ok: false, problems, values } : { ok: true, criteria, values };
}

/**
 * What is wrong with the search criteria of an outside person: at least a last name, a mail or a
 * phone; a plausible phone number (libphonenumber, German numbers without a country code) and mail.
 */
export function criteriaProblems(criteria: SubjectCriteria, rt: RequestTexts): string[] {
  const problems: string[] = [];
  if (!criteria.lastName && !criteria.email && !criteria.phone) problems.push(rt.formNeedsCriteria);
  if (criteria.phone && !isValidPhoneNumber(criteria.phone, 'DE')) problems.push(rt.formPhoneInvalid);
  if (criteria.email && !z.string().email().safeParse(criteria.email).success) problems.push(rt.formEmailInvalid);
  return problems;
}

/** The criteria a form filled in, trimmed, empty fields left out. */
export function criteriaFrom(form: Partial<Record<(typeof CRITERIA_KEYS)[number], string | undefined>>): SubjectCriteria {
  const criteria: SubjectCriteria = {};
  for (const key of CRITERIA_KEYS) {
    const value = trimmed(form[key]);
    if (value !== undefined) criteria[key] = value;
  }
  return criteria;
}

/** A date as typed: `YYYY-MM-DD` as a date picker sends it, or `D.M.YYYY` as Germans write it. */
function isoDate(text: string | undefined): string | undefined {
  const german = text === undefined ? null : /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (!german) return text;
  return `${german[3] as string}-${(german[2] as string).padStart(2, '0')}-${(german[1] as string).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` naming a day that exists (no 30 February). */
function isRealDate(date: string | undefined): boolean {
  if (date === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}
