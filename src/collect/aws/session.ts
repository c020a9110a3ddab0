import type { ResolvedConfig } from '../config/resolve.js';
import { Limiter } from '../run/limiter.js';
import type { RunStats } from '../run/stats.js';
import { ClientPool } from './clients.js';
import { CredentialBroker } from './credentials.js';
import { createHttpHandler } from './http.js';
import { JitteredRetryStrategy } from './retry.js';

/** Attempts per AWS call: at 40% faulted requests, 20 attempts leave about one failure in 10^8 calls. */
const MAX_ATTEMPTS = 20;

export interface AwsSession {
  pool: ClientPool;
  broker: CredentialBroker;
}

/**
 * The SDK clients and credentials of one command run: one HTTP handler, one retry strategy and one
 * concurrency cap for every client, and one role assumption per account.
 */
export function createAwsSession(
  config: ResolvedConfig,
  options: { concurrency: number; stats: RunStats; sessionName: string },
): AwsSession {
  const { concurrency, stats } = options;
  const pool = new ClientPool({
    http: createHttpHandler(concurrency * 2 + 4),
    limiter: new Limiter(concurrency),
    stats,
    maxAttempts: MAX_ATTEMPTS,
    retryStrategy: new JitteredRetryStrategy({
      maxAttempts: MAX_ATTEMPTS,
      baseDelay: 50,
      // Throttling waits are capped short: a run lasts as long as its unluckiest chain of retries
      // (docs/collect.md, Failure policy).
      throttleDelay: 100,
      maxDelay: 3_000,
      maxThrottleDelay: 2_000,
      onRetry: () => {
        stats.retries++;
      },
    }),
  });
  const stsRegion = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const broker = new CredentialBroker({
    pool,
    stats,
    region: stsRegion,
    stsEndpoint: (account) => config.endpoint(account, 'sts', stsRegion),
    sessionName: options.sessionName,
  });
  return { pool, broker };
}
