import { resolve } from 'node:path';
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { LocalStore } from './local-store.js';
import type { Store } from './store.js';

/** The `storage` key of the config file (iam-collect's, spec §3), minus SQLite. */
export type StorageConfig = { type: 'file'; path: string } | S3StorageConfig;

export interface S3StorageConfig {
  type: 's3';
  bucket: string;
  prefix?: string;
  region: string;
  endpoint?: string;
}

export interface CreateStoreOptions {
  /** Folder that a relative `path` is resolved against; default the process cwd. */
  cwd?: string;
  /** Credentials for S3 (from the `storage.auth` chain); default the SDK's default chain. */
  credentials?: S3ClientConfig['credentials'];
  /** Attempts per S3 request (whole-object puts and reads are idempotent); default 10. */
  maxAttempts?: number;
}

/**
 * The Store for a storage config. The S3 SDK is imported only for S3 storage, so local runs never
 * load it. A custom `endpoint` (MinIO, LocalStack, moto) switches to path-style addressing.
 */
export async function createStore(config: StorageConfig, options: CreateStoreOptions = {}): Promise<Store> {
  if (config.type === 'file') {
    return new LocalStore(resolve(options.cwd ?? process.cwd(), config.path), config.path);
  }
  const { createS3Store } = await import('./s3-store.js');
  return createS3Store(config, options);
}
