import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { createStore } from '../storage/create-store.js';
import type { Store } from '../storage/store.js';
import type { ResolvedConfig } from './config/resolve.js';
import type { AuthConfig } from './config/types.js';

/**
 * The credentials settings for S3 storage, as iam-collect documents them: `storage.auth`, else the
 * top-level `auth`; only its profile and initial role apply (a bucket is not in every collected
 * account, so the per-account `role` has no meaning here; load.ts rejects one in `storage.auth`).
 * Undefined for file storage, and when neither is set: the SDK's default credential chain.
 */
export function storageAuthOf(config: ResolvedConfig): AuthConfig | undefined {
  const storage = config.storage();
  if (storage.type !== 's3') return undefined;
  const { profile, initialRole } = storage.auth ?? config.auth('', '', '');
  if (!profile && !initialRole) return undefined;
  return { ...(profile ? { profile } : {}), ...(initialRole ? { initialRole } : {}) };
}

/**
 * The configured store. S3 storage: region from the config, else AWS_REGION, else us-east-1; its
 * endpoint from the config, else the `s3` service or top-level `endpoint` setting.
 */
export function openStore(config: ResolvedConfig, credentials?: AwsCredentialIdentityProvider): Promise<Store> {
  const storage = config.storage();
  if (storage.type === 'file') return createStore(storage);
  const region = storage.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const endpoint = storage.endpoint ?? config.endpoint('', 's3', region);
  return createStore(
    {
      type: 's3',
      bucket: storage.bucket,
      region,
      ...(storage.prefix ? { prefix: storage.prefix } : {}),
      ...(endpoint ? { endpoint } : {}),
    },
    credentials ? { credentials } : {},
  );
}
