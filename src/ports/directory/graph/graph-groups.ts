import { GraphError } from '@microsoft/microsoft-graph-client';
import type { Group } from '../../../domain/directory/person';
import type { GraphHttp, Page } from './graph-http';
import { RETRY_STATUSES, retryAfterSeconds, type Sleep } from './graph-middleware';
import { queryString, segment } from './graph-odata';

/** Graph answers at most twenty requests per `$batch`. */
export const BATCH_LIMIT = 20;

export interface GroupReadOptions {
  pageSize: number;
  maxRetries: number;
  sleep: Sleep;
  /** Batches in flight at once. */
  concurrency: number;
}

interface GraphGroup {
  id: string;
  displayName?: string | null;
}

interface DirectoryObject {
  id: string;
  '@odata.type'?: string;
}

interface BatchReply {
  responses?: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[];
}

/** One members page still to fetch: the first one of a group, a next link, or a throttled retry. */
interface MemberRequest {
  groupId: string;
  url: string;
  attempt: number;
}

/**
 * Every group with its direct members: people (Graph user id → person id) and groups. Nesting is
 * left to the caller's index, as for the other adapters; members that are neither an enabled user
 * nor a listed group (devices, contacts, service principals) are left out.
 */
export async function readGroups(http: GraphHttp, personOfUser: ReadonlyMap<string, string>, options: GroupReadOptions): Promise<Group[]> {
  const { items } = await http.all<GraphGroup>(`/groups${queryString({ $select: 'id,displayName', $top: options.pageSize })}`);
  const known = new Set(items.map((g) => g.id));
  const members = await membersOf(http, items.map((g) => g.id), options);
  return items.flatMap((group) => {
    const direct = members.get(group.id);
    if (!direct) return [];
    const memberPeople = direct.flatMap((m) => (m['@odata.type'] === '#microsoft.graph.user' ? (personOfUser.get(m.id) ?? []) : []));
    const memberGroups = direct.flatMap((m) => (m['@odata.type'] === '#microsoft.graph.group' && known.has(m.id) ? [m.id] : []));
    return [{ id: group.id, name: group.displayName || group.id, memberPeople, memberGroups }];
  });
}

/**
 * Direct members of many groups through `POST /$batch`, twenty member pages per batch: a page
 * with a next link queues that link, a throttled page (429/503 inside the batch) is asked again
 * after the longest Retry-After of the round, at most `maxRetries` times. A group deleted since it
 * was listed (404) is left out.
 */
async function membersOf(http: GraphHttp, groupIds: readonly string[], options: GroupReadOptions): Promise<Map<string, DirectoryObject[]>> {
  const members = new Map(groupIds.map((id) => [id, [] as DirectoryObject[]]));
  const first = queryString({ $select: 'id', $top: options.pageSize });
  let pending: MemberRequest[] = groupIds.map((groupId) => ({ groupId, url: `/groups/${segment(groupId)}/members${first}`, attempt: 0 }));
  while (pending.length > 0) {
    const next: MemberRequest[] = [];
    let waitSeconds = 0;
    await inParallel(chunks(pending, BATCH_LIMIT), options.concurrency, async (chunk) => {
      const reply = await http.post<BatchReply>('/$batch', { requests: chunk.map((r, i) => ({ id: String(i), method: 'GET', url: r.url })) });
      chunk.forEach((request, i) => {
        const response = reply.responses?.find((r) => r.id === String(i));
        if (!response) throw graphError(-1, 'BatchResponseMissing');
        if (response.status === 200) {
          const page = (response.body ?? {}) as Page<DirectoryObject>;
          members.get(request.groupId)?.push(...(page.value ?? []));
          const link = page['@odata.nextLink'];
          if (link) next.push({ groupId: request.groupId, url: http.relative(link), attempt: 0 });
        } else if (RETRY_STATUSES.has(response.status) && request.attempt < options.maxRetries) {
          next.push({ ...request, attempt: request.attempt + 1 });
          waitSeconds = Math.max(waitSeconds, retryAfterSeconds(header(response.headers, 'retry-after'), request.attempt + 1));
        } else if (response.status === 404) {
          members.delete(request.groupId);
        } else {
          throw graphError(response.status, (response.body as { error?: { code?: string } } | undefined)?.error?.code);
        }
      });
    });
    if (waitSeconds > 0) await options.sleep(waitSeconds * 1000);
    pending = next.filter((r) => members.has(r.groupId));
  }
  return members;
}

/** A batch item's failure as the Graph client would report it, for the one translation point. */
function graphError(status: number, code: string | undefined): GraphError {
  const error = new GraphError(status, `batch item answered ${status}`);
  error.code = code ?? null;
  return error;
}

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  return Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async (): Promise<void> => {
    try {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    } catch (error) {
      queue.length = 0; // the read has failed: send nothing more
      throw error;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker));
}
