/**
 * The slice of Microsoft Graph's OData that the fake server understands — strictly, so that a
 * query Graph would reject (an unescaped quote, a $search term without quotes) is rejected here too.
 */

/** A query Graph answers with 400 Bad Request. */
export class BadRequest extends Error {
  constructor(
    readonly graphCode: string,
    message: string,
  ) {
    super(message);
  }
}

export type FakeUser = { id: string; accountEnabled: boolean } & Record<string, unknown>;

/** Properties `$filter=… eq '…'` may name (compared case-insensitively, as Graph does). */
const FILTERABLE = new Set(['mail', 'userPrincipalName']);
/** Properties `$search="property:term"` may name. */
const SEARCHABLE = new Set(['displayName', 'mail', 'givenName', 'surname', 'userPrincipalName']);

/** `mail eq 'a@x' or userPrincipalName eq 'O''Brien@x'` → a predicate; anything else is a 400. */
export function parseFilter(text: string): (user: FakeUser) => boolean {
  const clauses: { property: string; value: string }[] = [];
  let rest = text.trim();
  for (;;) {
    const head = /^(\w+) eq '/.exec(rest);
    if (!head?.[1] || !FILTERABLE.has(head[1])) throw new BadRequest('Request_UnsupportedQuery', `unsupported filter clause: ${rest.slice(0, 40)}`);
    let value = '';
    let i = head[0].length;
    for (;;) {
      const quote = rest.indexOf("'", i);
      if (quote < 0) throw new BadRequest('BadRequest', 'unterminated string literal');
      value += rest.slice(i, quote);
      if (rest[quote + 1] === "'") {
        value += "'";
        i = quote + 2;
      } else {
        i = quote + 1;
        break;
      }
    }
    clauses.push({ property: head[1], value: value.toLowerCase() });
    rest = rest.slice(i).trim();
    if (rest === '') break;
    if (!rest.startsWith('or ')) throw new BadRequest('BadRequest', `syntax error at '${rest.slice(0, 20)}'`);
    rest = rest.slice(3).trim();
  }
  return (user) => clauses.some(({ property, value }) => String(user[property] ?? '').toLowerCase() === value);
}

/**
 * `"displayName:Jo"` terms joined by OR / AND, each quoted, `\` and `"` escaped. A term matches
 * when each of its words starts a word of the property (Graph's tokenised prefix search).
 */
export function parseSearch(text: string): (user: FakeUser) => boolean {
  const terms: { property: string; words: string[]; join: 'OR' | 'AND' }[] = [];
  let i = 0;
  let join: 'OR' | 'AND' = 'OR';
  const source = text.trim();
  while (i < source.length) {
    if (source[i] !== '"') throw new BadRequest('Request_UnsupportedQuery', 'Syntax error: $search terms must be enclosed in double quotes');
    let term = '';
    for (i += 1; ; i += 1) {
      const c = source[i];
      if (c === undefined) throw new BadRequest('Request_UnsupportedQuery', 'unterminated $search term');
      if (c === '\\') {
        i += 1;
        term += source[i] ?? '';
      } else if (c === '"') break;
      else term += c;
    }
    const colon = term.indexOf(':');
    const property = term.slice(0, colon);
    if (colon < 0 || !SEARCHABLE.has(property)) throw new BadRequest('Request_UnsupportedQuery', `unsupported $search property in "${term.slice(0, 30)}"`);
    terms.push({ property, words: term.slice(colon + 1).toLowerCase().split(/\s+/).filter(Boolean), join });
    const operator = /^\s+(OR|AND)\s+/.exec(source.slice(i + 1));
    if (!operator) {
      i += 1;
      if (source.slice(i).trim() !== '') throw new BadRequest('Request_UnsupportedQuery', 'Syntax error in $search');
      break;
    }
    join = operator[1] as 'OR' | 'AND';
    i += 1 + operator[0].length;
  }
  const matches = (user: FakeUser, term: (typeof terms)[number]): boolean => {
    const value = String(user[term.property] ?? '').toLowerCase();
    const words = [value, ...value.split(/[\s]+/)];
    return term.words.length > 0 && term.words.every((w) => words.some((v) => v.startsWith(w)));
  };
  return (user) => terms.reduce<boolean>((acc, term, n) => (n === 0 ? matches(user, term) : term.join === 'AND' ? acc && matches(user, term) : acc || matches(user, term)), false);
}

/** Graph's default user properties when no `$select` is given. */
const DEFAULT_USER_PROPERTIES = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];

/** A user with only the selected properties; every selected property is present, null if unset. */
export function project(user: FakeUser, select: string | null | undefined, options: { expandManager?: boolean; delta?: boolean } = {}): Record<string, unknown> {
  const properties = (select ? select.split(',').map((p) => p.trim()) : DEFAULT_USER_PROPERTIES).filter((p) => p !== 'manager');
  const projected: Record<string, unknown> = Object.fromEntries(properties.map((p) => [p, user[p] ?? (p === 'businessPhones' ? [] : null)]));
  const manager = typeof user.managerId === 'string' ? { '@odata.type': '#microsoft.graph.user', id: user.managerId } : undefined;
  // Delta with `manager` selected: `manager@delta`, the removed one marked when there is none any more.
  if (options.delta && select?.split(',').includes('manager')) {
    projected['manager@delta'] = manager ? [manager] : typeof user.formerManagerId === 'string' ? [{ '@odata.type': '#microsoft.graph.user', id: user.formerManagerId, '@removed': { reason: 'deleted' } }] : [];
  }
  // `$expand=manager($select=id)`: the manager as an object, left out when there is none.
  if (options.expandManager && manager) projected.manager = manager;
  return projected;
}
