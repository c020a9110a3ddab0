import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { createStore } from '../storage/create-store.js';
import type { Store } from '../storage/store.js';
import type { ResolvedConfig } from './config/resolve.js';

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
