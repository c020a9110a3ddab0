/**
 * Where collected data lives. Keys are `/`-separated relative paths under the storage root
 * (e.g. `aws/aws/accounts/111122223333/iam/role/admin/metadata.json`), built with `layout.ts`.
 * Implementations: LocalStore (a folder) and S3Store (a bucket and prefix); `createStore` picks one
 * from the storage config. Write JSON values with `writeJson` (write-json.ts), which applies
 * iam-collect's serialization and its "empty value deletes the file" rule.
 *
 * Every write is whole-or-nothing: a temp file then a rename locally, a single PutObject on S3, so a
 * crash never leaves a truncated file. Every method rejects keys and prefixes that could escape the
 * root (`..`, absolute paths, NUL) with UnsafeKeyError. Folders are implicit, as on S3: a local
 * folder emptied by a delete is removed, so both stores list the same tree. All methods are safe
 * to call concurrently on different keys.
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
  /** Deletes every key under a folder prefix (`a/b` means `a/b/...`, never `a/bc`); absent is fine. */
  deletePrefix(prefix: string): Promise<void>;
  /** Immediate child names under a folder prefix ('' = root): folders end with `/`, files do not. Sorted. */
  list(prefix: string): Promise<string[]>;
  /** Every key under a folder prefix ('' = root), recursively, as full keys, sorted. */
  listRecursive(prefix: string): Promise<string[]>;
  /** Releases resources (temp folder, HTTP sockets). Call once when the run is over. */
  close(): Promise<void>;
}

/** Sorts names by UTF-16 code unit, the order S3 lists keys in for ASCII, so both stores agree. */
export function sortKeys(keys: string[]): string[] {
  return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `a/b` and `a/b/` -> `a/b/`; '' stays '' (the root). */
export function folderPrefix(prefix: string): string {
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
}
