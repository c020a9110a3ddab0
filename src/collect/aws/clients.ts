import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider, RetryStrategyV2 } from '@smithy/types';
import type { Limiter } from '../run/limiter.js';
import type { RunStats } from '../run/stats.js';

/** The parts of an SDK v3 client the pool uses. */
export interface SdkClient {
  middlewareStack: {
    add(middleware: unknown, options: { step: 'deserialize'; name: string; priority: 'high' }): void;
  };
  destroy(): void;
}

// biome-ignore lint/suspicious/noExplicitAny: SDK client constructors take service-specific configs
export type SdkClientClass<C extends SdkClient> = new (config: any) => C;

export interface ClientKey {
  /** Names the client in call counts and picks its endpoint setting: `iam`, `s3control`, `sts`... */
  name: string;
  account: string;
  region: string;
  credentials: AwsCredentialIdentityProvider;
  /** Identifies the credentials (account + auth settings), so clients are shared when they match. */
  credentialsKey: string;
  endpoint: string | undefined;
}

/**
 * SDK clients cached per (client, account, region, endpoint, credentials). All share one HTTP handler,
 * one retry strategy and one concurrency cap: every HTTP attempt takes a slot from the global limiter
 * (the slot is held for the request only, never across a retry's backoff).
 */
export class ClientPool {
  private readonly clients = new Map<string, SdkClient>();

  constructor(
    private readonly shared: {
      http: NodeHttpHandler;
      limiter: Limiter;
      stats: RunStats;
      retryStrategy: RetryStrategyV2;
      maxAttempts: number;
    },
  ) {}

  get<C extends SdkClient>(Client: SdkClientClass<C>, key: ClientKey): C {
    const id = [Client.name, key.name, key.account, key.region, key.endpoint ?? '', key.credentialsKey].join('|');
    const cached = this.clients.get(id);
    if (cached) return cached as C;
    const client = new Client({
      region: key.region,
      credentials: key.credentials,
      ...(key.endpoint ? { endpoint: key.endpoint } : {}),
      ...(key.endpoint && key.name === 's3' ? { forcePathStyle: true } : {}),
      requestHandler: this.shared.http,
      retryStrategy: this.shared.retryStrategy,
      maxAttempts: this.shared.maxAttempts,
    });
    const { limiter, stats } = this.shared;
    const prefix = key.name;
    client.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
        const release = await limiter.acquire();
        stats.countCall(`${prefix}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`);
        try {
          return await next(args);
        } finally {
          release();
        }
      },
      { step: 'deserialize', name: 'iamwrightConcurrencyCap', priority: 'high' },
    );
    this.clients.set(id, client);
    return client;
  }

  get size(): number {
    return this.clients.size;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
