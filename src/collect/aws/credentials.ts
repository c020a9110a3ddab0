import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsAccessError } from '../../util/errors.js';
import type { AuthConfig } from '../config/types.js';
import type { RunStats } from '../run/stats.js';
import type { ClientPool } from './clients.js';
import { describeError } from './errors.js';
import { roleArn } from './partitions.js';

/** Credentials that expire within this margin are refreshed (the SDK itself refreshes at 5 minutes). */
const REFRESH_MARGIN_MS = 10 * 60_000;

/** Caches a provider's result until shortly before it expires; concurrent callers share one request. */
export function refreshing(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  return async () => {
    if (current && (!current.expiration || current.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS))
      return current;
    pending ??= provider()
      .then((fresh) => {
        current = fresh;
        return fresh;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}

export interface Identity {
  provider: AwsCredentialIdentityProvider;
  /** Identifies these credentials in client cache keys. */
  key: string;
  accountId: string;
  partition: string;
}

export interface CredentialsOptions {
  pool: ClientPool;
  stats: RunStats;
  /** Region for STS calls. */
  region: string;
  /** The configured STS endpoint, if any. */
  stsEndpoint: (account: string) => string | undefined;
  sessionName: string;
}

/**
 * Resolves the auth chain of spec §3 (profile or default chain, optional initial role, per-account role)
 * with one AssumeRole per (account, auth settings) per run: the resolved provider is cached and shared by
 * every client of that account, and refreshed before it expires. When the credentials are already in the
 * target account, they are used as they are (no role assumption).
 */
export class CredentialBroker {
  private readonly identities = new Map<string, Promise<Identity>>();
  private readonly accounts = new Map<string, Promise<Identity>>();

  constructor(private readonly options: CredentialsOptions) {}

  /** The base credentials (profile or default chain), then the initial role if one is set. */
  identity(auth: AuthConfig): Promise<Identity> {
    const key = JSON.stringify([auth.profile ?? null, auth.initialRole ?? null]);
    let identity = this.identities.get(key);
    if (!identity) {
      identity = this.resolveIdentity(auth, key);
      this.identities.set(key, identity);
    }
    return identity;
  }

  /** Credentials for one account under the given auth settings. */
  forAccount(account: string, auth: AuthConfig): Promise<Identity> {
    const key = JSON.stringify([account, auth.profile ?? null, auth.initialRole ?? null, auth.role ?? null]);
    let resolved = this.accounts.get(key);
    if (!resolved) {
      resolved = this.resolveAccount(account, auth, key);
      this.accounts.set(key, resolved);
    }
    return resolved;
  }

  private async resolveIdentity(auth: AuthConfig, key: string): Promise<Identity> {
    const base = refreshing(auth.profile ? fromIni({ profile: auth.profile }) : fromNodeProviderChain());
    const sts = this.sts('base', base, `base|${key}`);
    let caller: { Account?: string; Arn?: string };
    try {
      caller = await sts.send(new GetCallerIdentityCommand({}));
    } catch (error) {
      throw new AwsAccessError(
        `cannot use the ${auth.profile ? `profile "${auth.profile}"` : 'default credentials'}: ${describeError(error)}`,
      );
    }
    const accountId = caller.Account ?? '';
    const partition = caller.Arn?.split(':')[1] ?? 'aws';
    const identity: Identity = { provider: base, key: `base|${key}`, accountId, partition };
    const initial = auth.initialRole;
    if (!initial) return identity;
    const arn = initial.arn ?? roleArn(partition, accountId, initial.pathAndName ?? '');
    const [, arnPartition = partition, , , arnAccount = accountId] = arn.split(':');
    return {
      provider: this.assume(identity, arn, initial.externalId, initial.sessionName),
      key: `initial|${key}`,
      accountId: arnAccount,
      partition: arnPartition,
    };
  }

  private async resolveAccount(account: string, auth: AuthConfig, key: string): Promise<Identity> {
    const identity = await this.identity(auth);
    if (identity.accountId === account) return identity;
    if (!auth.role?.pathAndName)
      throw new AwsAccessError(
        `account ${account}: the credentials are for account ${identity.accountId}; set auth.role.pathAndName to assume a role in each account`,
      );
    const arn = roleArn(identity.partition, account, auth.role.pathAndName);
    const provider = this.assume(identity, arn, auth.role.externalId, auth.role.sessionName);
    // Fail here, once, rather than in every job of the account.
    await provider();
    return { provider, key: `role|${key}`, accountId: account, partition: identity.partition };
  }

  private sts(account: string, credentials: AwsCredentialIdentityProvider, credentialsKey: string): STSClient {
    return this.options.pool.get(STSClient, {
      name: 'sts',
      account,
      region: this.options.region,
      credentials,
      credentialsKey,
      endpoint: this.options.stsEndpoint(account),
    });
  }

  private assume(
    source: Identity,
    arn: string,
    externalId: string | undefined,
    sessionName: string | undefined,
  ): AwsCredentialIdentityProvider {
    const sts = this.sts(source.accountId, source.provider, source.key);
    return refreshing(async () => {
      this.options.stats.assumeRole++;
      try {
        const out = await sts.send(
          new AssumeRoleCommand({
            RoleArn: arn,
            RoleSessionName: sessionName ?? this.options.sessionName,
            ...(externalId ? { ExternalId: externalId } : {}),
          }),
        );
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
        return {
          accessKeyId: c.AccessKeyId,
          secretAccessKey: c.SecretAccessKey,
          sessionToken: c.SessionToken,
          expiration: c.Expiration,
        };
      } catch (error) {
        throw new AwsAccessError(`cannot assume ${arn}: ${describeError(error)}`);
      }
    });
  }
}
