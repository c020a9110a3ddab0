/**
 * Field rules and parsers shared by the resource-policy sources (issue 5): one resource's denied
 * field is recorded and the resource kept, not-found means absent, and anything else fails the whole
 * job (that resource type in that account and region), so nothing stored earlier is deleted.
 */
import { classifyError, describeError } from '../aws/errors.js';
import type { FieldResult } from './fields.js';

/**
 * Reads one field of one resource: ok, absent (not found) or denied (recorded, the stored file kept).
 * Any other error, after the SDK's retries, is rethrown and fails the job.
 */
export async function readResourceField<T>(read: () => Promise<T>): Promise<FieldResult<T>> {
  try {
    return { state: 'ok', value: await read() };
  } catch (error) {
    const kind = classifyError(error);
    if (kind === 'absent') return { state: 'absent' };
    if (kind === 'denied') return { state: 'denied', message: describeError(error) };
    throw error;
  }
}

/**
 * A resource policy as AWS returns it (JSON text), parsed. Empty means no policy. Text that is not
 * JSON is kept as a JSON string, so the stored file stays valid JSON and the policy is not lost.
 */
export function policyDocument(text: string | undefined | null): unknown {
  if (text === undefined || text === null || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * API Gateway returns a REST API's policy with its quotes backslash-escaped (`{\"Version\":...}`),
 * which is not JSON until unescaped (iam-collect #165). Plain JSON is taken as is.
 */
export function escapedPolicyDocument(text: string | undefined | null): unknown {
  if (text === undefined || text === null || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // Escaped: read it as the body of a JSON string, which undoes \" \\ \/ and \uXXXX, then parse.
  }
  try {
    return JSON.parse(JSON.parse(`"${text}"`) as string);
  } catch {
    return text;
  }
}

/** AWS tag maps (`{key: value}`) -> the same, or undefined when empty (the tags file is then deleted). */
export function tagsMap(
  tags: Readonly<Record<string, string | undefined>> | undefined,
): Record<string, string> | undefined {
  const entries = Object.entries(tags ?? {});
  return entries.length > 0 ? Object.fromEntries(entries.map(([key, value]) => [key, value ?? ''])) : undefined;
}

/** `items` in consecutive groups of at most `size`, for batch APIs. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let start = 0; start < items.length; start += size) groups.push(items.slice(start, start + size));
  return groups;
}

/** Every page of a paged call: `fetch(token)` until `next(page)` gives no token. */
export async function allPages<P>(
  fetch: (token: string | undefined) => Promise<P>,
  next: (page: P) => string | undefined,
): Promise<P[]> {
  const pages: P[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    pages.push(page);
    token = next(page);
  } while (token);
  return pages;
}
