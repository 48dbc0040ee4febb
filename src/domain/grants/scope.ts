/**
 * Who a grant is about (owner) and who it is for (viewer). Written as strings in the grants
 * file and the store: `all`, `group:<group name>`, `user:<mail or UPN>`, `external:<address>`
 * (viewer only).
 */
export type OwnerScope = { kind: 'all' } | { kind: 'group'; name: string } | { kind: 'user'; id: string };
export type ViewerScope = OwnerScope | { kind: 'external'; address: string };

export type ScopeParseResult<S> = { ok: true; scope: S } | { ok: false; reason: string };

/** Mail addresses and UPNs compare case-insensitively. */
export const normaliseAddress = (value: string): string => value.trim().toLowerCase();

const looksLikeAddress = (value: string): boolean => /^[^\s@]+@[^\s@]+$/.test(value);

export function parseViewerScope(text: string): ScopeParseResult<ViewerScope> {
  const trimmed = text.trim();
  if (trimmed === 'all') return { ok: true, scope: { kind: 'all' } };
  const colon = trimmed.indexOf(':');
  if (colon < 0) return { ok: false, reason: 'expected all, group:<name>, user:<mail> or external:<address>' };
  const kind = trimmed.slice(0, colon);
  const value = trimmed.slice(colon + 1).trim();
  if (value === '') return { ok: false, reason: `"${kind}:" needs a value` };
  switch (kind) {
    case 'group':
      return { ok: true, scope: { kind: 'group', name: value } };
    case 'user':
      return looksLikeAddress(value)
        ? { ok: true, scope: { kind: 'user', id: normaliseAddress(value) } }
        : { ok: false, reason: `"${value}" is not a mail address or UPN` };
    case 'external':
      return looksLikeAddress(value)
        ? { ok: true, scope: { kind: 'external', address: normaliseAddress(value) } }
        : { ok: false, reason: `"${value}" is not a mail address` };
    default:
      return { ok: false, reason: `unknown scope "${kind}" (use all, group, user or external)` };
  }
}

export function parseOwnerScope(text: string): ScopeParseResult<OwnerScope> {
  const parsed = parseViewerScope(text);
  if (parsed.ok && parsed.scope.kind === 'external') {
    return { ok: false, reason: 'an external contact can only be a viewer' };
  }
  return parsed as ScopeParseResult<OwnerScope>;
}

export function formatScope(scope: ViewerScope): string {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'group':
      return `group:${scope.name}`;
    case 'user':
      return `user:${scope.id}`;
    case 'external':
      return `external:${scope.address}`;
  }
}

/** The domain part of an address, lower-case. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** One string per viewer, as buttons send it back: a mail, an address, `group:<name>` or `all`. */
export function viewerKey(scope: ViewerScope): string {
  switch (scope.kind) {
    case 'user':
      return scope.id;
    case 'external':
      return scope.address;
    default:
      return formatScope(scope);
  }
}

/** Whether two scopes name the same viewer (group names compare case-insensitively). */
export function sameViewer(a: ViewerScope, b: ViewerScope): boolean {
  return a.kind === 'group' && b.kind === 'group' ? a.name.toLowerCase() === b.name.toLowerCase() : viewerKey(a) === viewerKey(b);
}
