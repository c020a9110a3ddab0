/**
 * Where collected data lives. Keys are `/`-separated relative paths under the storage root
 * (e.g. `aws/aws/accounts/111122223333/iam/role/admin/metadata.json`). Implementations:
 * LocalStore (a folder) and S3Store (a bucket and prefix).
 *
 * Every write is whole-or-nothing: a temp file then a rename locally, a single PutObject on S3.
 * Implementations reject keys that would escape the root (`..`, absolute paths, NUL).
 */
export interface Store {
  /** A human-readable location, e.g. `./iam-data` or `s3://bucket/prefix`. */
  readonly location: string;
  /** The stored text, or undefined when absent. */
  read(key: string): Promise<string | undefined>;
  /** Writes the whole text atomically, creating parent folders as needed. */
  write(key: string, text: string): Promise<void>;
  /** Deletes one key; absent is fine. */
  delete(key: string): Promise<void>;
  /** Deletes every key under a prefix (a "folder"); absent is fine. */
  deletePrefix(prefix: string): Promise<void>;
  /** Immediate child names under a prefix: folders end with `/`, files do not. Sorted. */
  list(prefix: string): Promise<string[]>;
  /** Every key under a prefix, recursively, sorted. */
  listRecursive(prefix: string): Promise<string[]>;
}
