import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AwsAccessError } from '../util/errors.js';
import type { CreateStoreOptions, S3StorageConfig } from './create-store.js';
import { assertSafeKey } from './layout.js';
import { folderPrefix, sortKeys, type Store, type Versioned } from './store.js';

/** DeleteObjects takes at most this many keys per call. */
const DELETE_BATCH = 1000;

/** Errors that mean the user must fix the storage settings or permissions, not retry. */
const ACCESS_ERRORS = new Set(['AccessDenied', 'NoSuchBucket', 'InvalidAccessKeyId', 'SignatureDoesNotMatch']);

/** An S3Store with its own client: region, endpoint (path-style, for MinIO, LocalStack, moto), retries. */
export function createS3Store(config: S3StorageConfig, options: CreateStoreOptions): S3Store {
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint, forcePathStyle: true } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: options.maxAttempts ?? 10,
  });
  // Its logger middleware copies every request and response for the default no-op logger.
  client.middlewareStack.remove('loggerMiddleware');
  return new S3Store(client, config.bucket, config.prefix ?? '');
}

/**
 * A Store in an S3 bucket under an optional prefix. Every write is one PutObject of the whole
 * text, so a reader never sees half a file. The client is built by `createStore` (region,
 * endpoint, path-style, retries) and owned by this store.
 */
export class S3Store implements Store {
  readonly location: string;
  private readonly base: string;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    prefix = '',
  ) {
    const trimmed = prefix.replace(/^\/+|\/+$/g, '');
    this.base = trimmed === '' ? '' : `${assertSafeKey(trimmed)}/`;
    this.location = `s3://${bucket}/${this.base}`;
  }

  async read(key: string): Promise<string | undefined> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return (await response.Body?.transformToString('utf-8')) ?? '';
    } catch (error) {
      if (isAbsent(error)) return undefined;
      throw this.accessError(error, key);
    }
  }

  async write(key: string, text: string): Promise<void> {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: this.objectKey(key),
      Body: text,
      ContentType: 'application/json',
    });
    await this.guard(key, this.client.send(command));
  }

  async readVersioned(key: string): Promise<Versioned> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return { text: (await response.Body?.transformToString('utf-8')) ?? '', version: response.ETag };
    } catch (error) {
      if (isAbsent(error)) return { text: undefined, version: undefined };
      throw this.accessError(error, key);
    }
  }

  /** A conditional PutObject: `If-Match: <ETag>`, or `If-None-Match: *` for a key that must still be absent. */
  async writeIfVersion(key: string, text: string, version: string | undefined): Promise<boolean> {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: this.objectKey(key),
      Body: text,
      ContentType: 'application/json',
      ...(version === undefined ? { IfNoneMatch: '*' } : { IfMatch: version }),
    });
    try {
      await this.client.send(command);
      return true;
    } catch (error) {
      // 412: the ETag changed (or the key appeared); 409: a concurrent conditional write won;
      // NoSuchKey: deleted meanwhile.
      const status = httpStatus(error);
      if (status === 412 || status === 409 || isAbsent(error)) return false;
      throw this.accessError(error, key);
    }
  }

  async delete(key: string): Promise<void> {
    await this.guard(key, this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) })));
  }

  async deletePrefix(prefix: string): Promise<void> {
    const keys = await this.listObjectKeys(this.objectPrefix(prefix));
    for (let start = 0; start < keys.length; start += DELETE_BATCH) {
      const batch = keys.slice(start, start + DELETE_BATCH);
      const command = new DeleteObjectsCommand({
        Bucket: this.bucket,
        Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
      });
      const response = await this.guard(prefix, this.client.send(command));
      const failed = response.Errors ?? [];
      if (failed.length > 0) {
        const first = failed[0];
        throw new AwsAccessError(
          `${this.location}${prefix}: could not delete ${failed.length} object(s), first ${first?.Key}: ${first?.Code} ${first?.Message ?? ''}`.trim(),
        );
      }
    }
  }

  async list(prefix: string): Promise<string[]> {
    const objectPrefix = this.objectPrefix(prefix);
    const names: string[] = [];
    let token: string | undefined;
    do {
      const command = new ListObjectsV2Command({
        Bucket: this.bucket,
        Prefix: objectPrefix,
        Delimiter: '/',
        ContinuationToken: token,
      });
      const page = await this.guard(prefix, this.client.send(command));
      for (const folder of page.CommonPrefixes ?? []) {
        if (folder.Prefix) names.push(folder.Prefix.slice(objectPrefix.length));
      }
      for (const object of page.Contents ?? []) {
        // A zero-byte "folder marker" made by consoles has the prefix itself as key: not a file.
        if (object.Key && object.Key !== objectPrefix) names.push(object.Key.slice(objectPrefix.length));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return sortKeys(names);
  }

  async listRecursive(prefix: string): Promise<string[]> {
    const keys = await this.listObjectKeys(this.objectPrefix(prefix));
    return sortKeys(keys.filter((key) => !key.endsWith('/')).map((key) => key.slice(this.base.length)));
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private async listObjectKeys(objectPrefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const command = new ListObjectsV2Command({ Bucket: this.bucket, Prefix: objectPrefix, ContinuationToken: token });
      const page = await this.guard(objectPrefix, this.client.send(command));
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  private objectKey(key: string): string {
    return this.base + assertSafeKey(key);
  }

  /** The object prefix of a folder: always ends with `/` so `a/b` never matches `a/bc`. */
  private objectPrefix(prefix: string): string {
    return prefix === '' ? this.base : this.base + folderPrefix(assertSafeKey(prefix));
  }

  private async guard<T>(key: string, request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (error) {
      throw this.accessError(error, key);
    }
  }

  /** Access and bucket errors become one-line AwsAccessErrors naming the location; others pass. */
  private accessError(error: unknown, key: string): unknown {
    const name = errorName(error);
    if (name && (ACCESS_ERRORS.has(name) || httpStatus(error) === 403)) {
      return new AwsAccessError(`${this.location}${key}: ${name}: ${(error as Error).message}`);
    }
    return error;
  }
}

/** The key is not there (as opposed to the bucket). */
function isAbsent(error: unknown): boolean {
  return errorName(error) === 'NoSuchKey' || (httpStatus(error) === 404 && errorName(error) !== 'NoSuchBucket');
}

function errorName(error: unknown): string | undefined {
  return (error as { name?: string } | undefined)?.name;
}

function httpStatus(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}
