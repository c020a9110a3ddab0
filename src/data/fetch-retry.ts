/**
 * HTTP GET of a whole text body with a timeout per attempt, retrying network errors, timeouts,
 * 429 and 5xx with exponential backoff. Other statuses fail at once. Failures are one-line DataErrors.
 */
import { DataError } from '../util/errors.js';

export interface FetchPolicy {
  /** Attempts in all, including the first. */
  attempts: number;
  /** Per attempt, headers and body together. */
  timeoutMs: number;
  /** Wait before the second attempt; doubles after each failure. */
  backoffMs: number;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = { attempts: 4, timeoutMs: 30_000, backoffMs: 250 };

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function reasonOf(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return cause.code;
  return error instanceof Error ? (cause?.message ?? error.message) : String(error);
}

/** The body of `url` as text. `cancel` stops retrying (another download already failed). */
export async function fetchText(
  url: string,
  policy: FetchPolicy = DEFAULT_FETCH_POLICY,
  cancel?: AbortSignal,
): Promise<string> {
  let problem = '';
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (attempt > 1) await sleep(policy.backoffMs * 2 ** (attempt - 2));
    if (cancel?.aborted) throw new DataError(`${url}: cancelled`);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, policy.timeoutMs);
    const onCancel = () => controller.abort();
    cancel?.addEventListener('abort', onCancel, { once: true });
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
      if (response.ok) return await response.text();
      await response.body?.cancel();
      problem = `HTTP ${response.status}`;
      if (response.status !== 429 && response.status < 500) throw new DataError(`${url}: ${problem}`);
    } catch (error) {
      if (error instanceof DataError) throw error;
      if (cancel?.aborted) throw new DataError(`${url}: cancelled`);
      problem = timedOut ? `timed out after ${policy.timeoutMs} ms` : reasonOf(error);
    } finally {
      clearTimeout(timer);
      cancel?.removeEventListener('abort', onCancel);
    }
  }
  const tries = policy.attempts === 1 ? '1 attempt' : `${policy.attempts} attempts`;
  throw new DataError(`${url}: ${problem} (gave up after ${tries})`);
}
