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
  /** The stored text with its version, for a later `writeIfVersion` (optimistic locking of shared files). */
  readVersioned(key: string): Promise<Versioned>;
  /**
   * Writes the whole text only if the stored version is still `version` (undefined: still absent).
   * Returns false, and writes nothing, when another writer changed the key in between.
   */
  writeIfVersion(key: string, text: string, version: string | undefined): Promise<boolean>;
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

/**
 * A stored text and a token that changes whenever the text does: a SHA-256 of the file locally, the
 * ETag on S3. Both undefined when the key is absent.
 */
export interface Versioned {
  text: string | undefined;
  version: string | undefined;
}

/** Sorts names by UTF-16 code unit, the order S3 lists keys in for ASCII, so both stores agree. */
export function sortKeys(keys: string[]): string[] {
  return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `a/b` and `a/b/` -> `a/b/`; '' stays '' (the root). */
export function folderPrefix(prefix: string): string {
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
}
