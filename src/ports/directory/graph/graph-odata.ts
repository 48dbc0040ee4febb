/**
 * OData query text for Microsoft Graph, built from values by escaping only — never by splicing a
 * raw value into a query, so no name or address can change what is asked (as for LDAP filters: README,
 * "LDAP: OpenLDAP and Active Directory").
 */

/** An OData string literal: single quotes doubled (`O'Brien` → `'O''Brien'`). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A `$search` term: quoted, with `\` and `"` escaped (Graph requires the quotes). */
export function searchTerm(property: string, value: string): string {
  return `"${property}:${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** A query string with every value percent-encoded; keys are left as written (`$select`). */
export function queryString(parameters: Readonly<Record<string, string | number>>): string {
  const pairs = Object.entries(parameters).map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/** A path segment (an object id), encoded so that it can never leave its segment. */
export const segment = (value: string): string => encodeURIComponent(value);

const isControl = (c: string): boolean => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;

/** Control characters (NUL, line breaks, …) replaced by spaces: no search means them. */
export const withoutControls = (value: string): string => Array.from(value, (c) => (isControl(c) ? ' ' : c)).join('');

/** Whether a value can be a mail address or UPN at all: no control characters, no spaces. */
export const isAddressLike = (value: string): boolean => value.length > 0 && value.length <= 320 && !/\s/.test(value) && !Array.from(value).some(isControl);

/** Entra object ids are GUIDs. */
export const isObjectId = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
