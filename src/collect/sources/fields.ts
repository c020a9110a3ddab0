import { classifyError, describeError } from '../aws/errors.js';
import type { Issue } from './types.js';

/** The outcome of reading one optional field of a resource. */
export type FieldResult<T> =
  | { readonly state: 'ok'; readonly value: T }
  | { readonly state: 'absent' }
  | { readonly state: 'denied' | 'failed'; readonly message: string };

/**
 * Reads one field of one resource without letting it fail the job: not-found means absent,
 * AccessDenied and other errors (after the SDK's retries) are reported and the field kept as stored.
 */
export async function readField<T>(read: () => Promise<T>): Promise<FieldResult<T>> {
  try {
    return { state: 'ok', value: await read() };
  } catch (error) {
    const kind = classifyError(error);
    if (kind === 'absent') return { state: 'absent' };
    return { state: kind, message: describeError(error) };
  }
}

/**
 * Collects field results into a resource's files: ok -> the value, absent -> undefined (the file is
 * deleted), denied/failed -> the file is kept and an issue recorded.
 */
export class FieldCollector {
  readonly files: Record<string, unknown> = {};
  readonly keep: string[] = [];
  readonly issues: Issue[] = [];

  constructor(readonly arn: string) {}

  set<T>(file: string, result: FieldResult<T>, shape: (value: T) => unknown = (v) => v): void {
    if (result.state === 'ok') this.files[file] = shape(result.value);
    else if (result.state === 'absent') this.files[file] = undefined;
    else {
      this.keep.push(file);
      this.issues.push({ kind: result.state, arn: this.arn, field: file, message: result.message });
    }
  }
}

/** AWS tag lists -> `{key: value}`; undefined when there are none (the tags file is then deleted). */
export function tagsObject(
  tags: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> | undefined,
): Record<string, string> | undefined {
  if (!tags || tags.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const tag of tags) if (tag.Key !== undefined) out[tag.Key] = tag.Value ?? '';
  return out;
}

/** Tag lists some services write in lower case (`[{key, value}]`) -> `{key: value}`; undefined when none. */
export function lowerCaseTagsObject(
  tags: ReadonlyArray<{ key?: string | undefined; value?: string | undefined }> | undefined,
): Record<string, string> | undefined {
  return tagsObject(tags?.map((tag) => ({ Key: tag.key, Value: tag.value })));
}

/** Dates as iam-collect stores them: ISO 8601 in UTC with milliseconds. */
export function isoDate(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

/**
 * IAM returns policy documents URL-encoded; they are stored parsed. Text that is not JSON is stored as
 * a JSON string, so every stored file stays valid JSON.
 */
export function iamPolicyDocument(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // Not URL-encoded.
  }
  try {
    return JSON.parse(decoded);
  } catch {
    return JSON.stringify(decoded);
  }
}
