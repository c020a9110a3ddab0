import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';

/**
 * Retries every throttling, transient (reset, timeout) and 5xx error up to `maxAttempts`, with
 * exponential backoff and full jitter. Unlike the SDK's standard and adaptive strategies there is no
 * shared retry quota and no client-side rate limiter: collection is read-only (every call is safe to
 * repeat), the global concurrency cap already bounds the load, and a quota or limiter drained by a
 * burst of faults would stall or fail the whole run.
 */
export class JitteredRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'iamwright-jittered';

  constructor(
    private readonly options: {
      maxAttempts: number;
      /** Base delay for transient and server errors (ms). */
      baseDelay: number;
      /** Base delay for throttling, which should slow down harder (ms). */
      throttleDelay: number;
      /** Longest wait before a retry after a transient or server error (ms). */
      maxDelay: number;
      /** Longest wait before a retry after throttling (ms). */
      maxThrottleDelay: number;
      random?: () => number;
      onRetry?: (info: RetryErrorInfo) => void;
    },
  ) {}

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return token(0, 0);
  }

  async refreshRetryTokenForRetry(previous: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const attempts = previous.getRetryCount() + 1;
    if (info.errorType === 'CLIENT_ERROR' || attempts >= this.options.maxAttempts) throw new Error('no retry');
    const throttled = info.errorType === 'THROTTLING';
    const base = throttled ? this.options.throttleDelay : this.options.baseDelay;
    const cap = throttled ? this.options.maxThrottleDelay : this.options.maxDelay;
    const ceiling = Math.min(cap, base * 2 ** (attempts - 1));
    const hint = info.retryAfterHint ? Math.min(cap, info.retryAfterHint.getTime() - Date.now()) : 0;
    const delay = Math.max(hint, Math.floor((this.options.random ?? Math.random)() * ceiling));
    this.options.onRetry?.(info);
    return token(attempts, delay);
  }

  recordSuccess(): void {}
}

function token(retryCount: number, delay: number): RetryToken {
  return { getRetryCount: () => retryCount, getRetryDelay: () => delay };
}
