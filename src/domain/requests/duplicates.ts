import { fold } from '../shared/text';
import { type PrivacyRequest, type RequestSubject, isOpen } from './request';

const digits = (text: string | undefined): string => (text ?? '').replace(/\D/g, '').replace(/^(00|0)/, '');
/** Folded, with runs of blanks as one space and none at the ends: `' Anna  Maria '` is `anna maria`. */
const words = (text: string | undefined): string => fold(text ?? '').replace(/\s+/g, ' ').trim();
/** Mail addresses compare without case; `fold` is for names and would make `joe@…` and `jo@…` alike. */
const mailbox = (text: string): string => text.trim().toLowerCase();

/**
 * Whether two subjects are the same person as far as the seed's search criteria can tell: the same
 * employee, or outside persons sharing an e-mail address, a phone number, or full name and place.
 */
export function sameSubject(a: RequestSubject, b: RequestSubject): boolean {
  if (a.kind === 'employee' || b.kind === 'employee') {
    if (a.kind === 'employee' && b.kind === 'employee') return a.id === b.id;
    const employee = (a.kind === 'employee' ? a : b) as Extract<RequestSubject, { kind: 'employee' }>;
    const outside = (a.kind === 'outside' ? a : b) as Extract<RequestSubject, { kind: 'outside' }>;
    return outside.criteria.email !== undefined && mailbox(outside.criteria.email) === mailbox(employee.id);
  }
  const x = a.criteria;
  const y = b.criteria;
  const mailX = mailbox(x.email ?? '');
  if (mailX !== '' && mailX === mailbox(y.email ?? '')) return true;
  const phoneX = digits(x.phone);
  if (phoneX.length >= 6 && phoneX.slice(-9) === digits(y.phone).slice(-9)) return true;
  const name = (c: typeof x): string => (words(c.firstName) && words(c.lastName) ? `${words(c.firstName)} ${words(c.lastName)}` : '');
  const place = (c: typeof x): string => words(c.postcodeCity);
  return name(x) !== '' && name(x) === name(y) && place(x) !== '' && place(x) === place(y);
}

/**
 * Open cases of the same type about the same subject (Art. 12(5): repetitive requests). Two
 * rectifications are the same request only when they correct the same detail.
 */
export function findDuplicates(candidate: Pick<PrivacyRequest, 'type' | 'subject'> & Partial<Pick<PrivacyRequest, 'id' | 'rectification'>>, cases: readonly PrivacyRequest[]): PrivacyRequest[] {
  const sameDetail = (c: PrivacyRequest): boolean => candidate.type !== 'rectification' || words(c.rectification?.item) === words(candidate.rectification?.item);
  return cases.filter((c) => c.id !== candidate.id && isOpen(c.status) && c.type === candidate.type && sameSubject(c.subject, candidate.subject) && sameDetail(c));
}
