import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentityProvider, RetryStrategyV2 } from '@smithy/types';
import type { Limiter } from '../run/limiter.js';
import type { RunStats } from '../run/stats.js';
import { isIpEndpoint, keepIpEndpointHost } from './ip-endpoint.js';

/**
 * True when requests go to an IP address: the configured endpoint, or else AWS_ENDPOINT_URL, which
 * the SDK reads itself (as the AWS CLI does). Some operations put a host prefix before the endpoint
 * (HealthOmics: `control-storage.`), which an IP address cannot take.
 */
function hostPrefixUnusable(configured: string | undefined, env = process.env): boolean {
  const endpoint = configured ?? env.AWS_ENDPOINT_URL;
  return endpoint !== undefined && isIpEndpoint(endpoint);
}

/**
 * Clients whose newest release on npm predates the SDK's support for AWS_ENDPOINT_URL, by client
 * name, with their service's suffix for AWS_ENDPOINT_URL_<SERVICE>: the pool reads the variables
 * for them, as the AWS CLI and every other client do.
 */
const ENDPOINT_VARIABLE_SUFFIX: Readonly<Record<string, string>> = { oam: 'OAM' };

/** The configured endpoint, or for a client that cannot read them itself, the AWS_ENDPOINT_URL variables. */
export function endpointOf(key: Pick<ClientKey, 'name' | 'endpoint'>, env = process.env): string | undefined {
  if (key.endpoint !== undefined) return key.endpoint;
  const suffix = ENDPOINT_VARIABLE_SUFFIX[key.name];
  if (suffix === undefined || env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
  return env[`AWS_ENDPOINT_URL_${suffix}`] || env.AWS_ENDPOINT_URL || undefined;
}

/** The parts of an SDK v3 client the pool uses. */
export interface SdkClient {
  middlewareStack: {
    add(middleware: unknown, options: { step: 'deserialize'; name: string; priority: 'high' }): void;
    remove(name: string): boolean;
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
  /** Account -> client id -> client. */
  private readonly clients = new Map<string, Map<string, SdkClient>>();

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
    const id = [Client.name, key.name, key.region, key.endpoint ?? '', key.credentialsKey].join('|');
    let ofAccount = this.clients.get(key.account);
    if (!ofAccount) {
      ofAccount = new Map();
      this.clients.set(key.account, ofAccount);
    }
    const cached = ofAccount.get(id);
    if (cached) return cached as C;
    const endpoint = endpointOf(key);
    const client = new Client({
      region: key.region,
      credentials: key.credentials,
      ...(endpoint ? { endpoint } : {}),
      ...(endpoint && key.name === 's3' ? { forcePathStyle: true } : {}),
      ...(hostPrefixUnusable(endpoint) ? { disableHostPrefix: true } : {}),
      requestHandler: this.shared.http,
      retryStrategy: this.shared.retryStrategy,
      maxAttempts: this.shared.maxAttempts,
    });
    if (endpoint && key.name === 's3control') keepIpEndpointHost(client as unknown as { config: unknown }, endpoint);
    // The SDK's logger middleware builds a redacted copy of every input and output for its logger,
    // even the default no-op one: a deep walk of each response (5% of a collection's CPU, measured).
    client.middlewareStack.remove('loggerMiddleware');
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
    ofAccount.set(id, client);
    return client;
  }

  get size(): number {
    let size = 0;
    for (const ofAccount of this.clients.values()) size += ofAccount.size;
    return size;
  }

  /**
   * Forgets the clients of an account whose jobs are all done, so that memory does not grow with the
   * number of accounts. Not destroyed: `destroy` would close the HTTP handler every client shares.
   */
  release(account: string): void {
    this.clients.delete(account);
  }

  destroy(): void {
    for (const ofAccount of this.clients.values()) for (const client of ofAccount.values()) client.destroy();
    this.clients.clear();
    // Also when every client was released: the handler's keep-alive sockets must close.
    this.shared.http.destroy();
  }
}
