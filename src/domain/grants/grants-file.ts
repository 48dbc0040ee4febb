import { z } from 'zod';
import { ConfigurationError } from '../shared/errors';
import { levelSchema } from '../levels';
import type { AdminPolicy, Grant } from './grant';
import { formatScope, parseOwnerScope, parseViewerScope } from './scope';

/** Shape of the administrators' grants file (`GRANTS_FILE`). */
export const grantsFileSchema = z
  .object({
    $comment: z.string().optional(),
    global: levelSchema,
    externalDefault: levelSchema,
    externalDomains: z.record(z.string().min(1), levelSchema).optional(),
    grants: z.array(
      z
        .object({
          owner: z.string(),
          viewer: z.string(),
          level: levelSchema,
          name: z.string().min(1).optional(),
        })
        .strict(),
    ),
  })
  .strict();

/**
 * Validates a grants file and turns it into the administrators' policy. Errors name the
 * offending entry (`grants[3].owner`).
 */
export function parseGrantsFile(input: unknown): AdminPolicy {
  const parsed = grantsFileSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : 'grants file';
    throw new ConfigurationError('GRANTS.INVALID', where, issue?.message ?? 'invalid');
  }
  const grants: Grant[] = parsed.data.grants.map((raw, index) => {
    const owner = parseOwnerScope(raw.owner);
    if (!owner.ok) throw new ConfigurationError('GRANTS.INVALID_SCOPE', `grants[${index}].owner`, owner.reason);
    const viewer = parseViewerScope(raw.viewer);
    if (!viewer.ok) throw new ConfigurationError('GRANTS.INVALID_SCOPE', `grants[${index}].viewer`, viewer.reason);
    const grant: Grant = { owner: owner.scope, viewer: viewer.scope, level: raw.level, source: 'file' };
    if (raw.name !== undefined) grant.name = raw.name;
    return grant;
  });
  const seen = new Map<string, number>();
  grants.forEach((grant, index) => {
    const key = `${formatScope(grant.owner)}→${formatScope(grant.viewer)}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new ConfigurationError('GRANTS.DUPLICATE', `grants[${index}]`, `repeats owner and viewer of grants[${earlier}]`);
    }
    seen.set(key, index);
  });
  const domains = new Map<string, ReturnType<typeof levelSchema.parse>>();
  for (const [domain, level] of Object.entries(parsed.data.externalDomains ?? {})) {
    domains.set(domain.trim().toLowerCase(), level);
  }
  return { global: parsed.data.global, externalDefault: parsed.data.externalDefault, externalDomains: domains, grants };
}
