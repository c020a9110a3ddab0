import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import type { Dirent } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { DataError } from '../util/errors.js';
import { assertSafeKey, UnsafeKeyError } from './layout.js';
import { folderPrefix, sortKeys, type Store, type Versioned } from './store.js';

/**
 * Temp files are written here, under the root, then renamed into place (same file system, so the
 * rename is atomic). Keeping them out of the data folders means a `kill -9` mid-write leaves no
 * stray file in the tree; the next LocalStore on the same root sweeps what a dead process left.
 * Conditional writes hold a lock file here too (`<hash of the key>.lock`).
 */
const STAGING_DIR = '.iamwright-tmp';
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;
/** Temp names are `<pid>-<token>-<n>.tmp`: the token tells this process from an earlier one with the same pid. */
const PROCESS_TOKEN = randomBytes(4).toString('hex');
/** The process that holds a lock: written into the lock file. */
const LOCK_OWNER = `${process.pid}-${PROCESS_TOKEN}`;
/** A lock held longer than this is taken to belong to a stuck writer and is broken. */
const STALE_LOCK_MS = 30_000;
/** How long a conditional write waits for another writer's lock before giving up. */
const LOCK_WAIT_MS = 10_000;
/** Writes between two yields to the event loop (see `write`). */
const WRITES_PER_YIELD = 32;
/** Folders remembered as existing; a job writes one folder's files together, so a few hundred is plenty. */
const KNOWN_DIRS_LIMIT = 512;

/**
 * A Store on a local folder.
 *
 * File operations are synchronous system calls behind the async Store interface. A collection writes
 * thousands of small files, and for those each hand-off to libuv's thread pool (open, write, close,
 * rename: one round trip each) costs several times the CPU of the system call itself: 4,000 writes
 * took 100-180 ms of CPU through the callback API and 25-50 ms synchronously (measured on ext4 and
 * tmpfs). `write` yields to the event loop every few files so HTTP responses keep flowing.
 */
export class LocalStore implements Store {
  readonly location: string;
  private readonly root: string;
  /** `root` and a separator: every key's path starts with it. */
  private readonly rootPrefix: string;
  private readonly staging: string;
  private stagingReady = false;
  /** Folders known to exist, to skip a mkdir per write; forgotten when a delete prunes them. */
  private readonly knownDirs = new Set<string>();
  private writesSinceYield = 0;
  private static tempCounter = 0;

  /** `root` is the folder; `label` names it in messages (default: `root` as given). */
  constructor(root: string, label = root) {
    this.location = label;
    this.root = resolve(root);
    this.rootPrefix = this.root.endsWith(sep) ? this.root : this.root + sep;
    this.staging = join(this.root, STAGING_DIR);
  }

  async read(key: string): Promise<string | undefined> {
    return this.readPath(this.pathOf(key));
  }

  async write(key: string, text: string): Promise<void> {
    const target = this.pathOf(key);
    if (++this.writesSinceYield >= WRITES_PER_YIELD) {
      this.writesSinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.writeSync(target, text);
  }

  async readVersioned(key: string): Promise<Versioned> {
    const text = this.readPath(this.pathOf(key));
    return { text, version: text === undefined ? undefined : sha256(text) };
  }

  /**
   * Compare-and-swap under a lock file: the SHA-256 of the stored text must still be `version`
   * (iam-collect's check). The lock makes the compare and the rename one step for every iamwright
   * process on this folder; a lock left by a dead process is broken at once, any other after 30 s.
   */
  async writeIfVersion(key: string, text: string, version: string | undefined): Promise<boolean> {
    const target = this.pathOf(key);
    const release = await this.lock(key);
    try {
      const current = this.readPath(target);
      if ((current === undefined ? undefined : sha256(current)) !== version) return false;
      this.writeSync(target, text);
      return true;
    } finally {
      release();
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    fs.rmSync(path, { force: true });
    this.pruneEmptyParents(dirname(path));
  }

  async deletePrefix(prefix: string): Promise<void> {
    const path = this.pathOf(prefix);
    fs.rmSync(path, { recursive: true, force: true });
    this.forgetDirsUnder(path);
    this.pruneEmptyParents(dirname(path));
  }

  async list(prefix: string): Promise<string[]> {
    const entries = this.readDir(this.folderOf(prefix));
    return sortKeys(
      entries
        .filter((entry) => !(prefix === '' && entry.name === STAGING_DIR))
        .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name)),
    );
  }

  async listRecursive(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = (dir: string, keyPrefix: string): void => {
      for (const entry of this.readDir(dir)) {
        if (keyPrefix === '' && entry.name === STAGING_DIR) continue;
        if (entry.isDirectory()) walk(join(dir, entry.name), `${keyPrefix}${entry.name}/`);
        else keys.push(`${keyPrefix}${entry.name}`);
      }
    };
    walk(this.folderOf(prefix), folderPrefix(prefix));
    return sortKeys(keys);
  }

  async close(): Promise<void> {
    if (!this.stagingReady) return;
    // Only removes an empty folder: another process may still be writing into it.
    try {
      fs.rmdirSync(this.staging);
    } catch {
      // Not empty, or gone.
    }
  }

  /** The absolute path of a key, refusing anything outside the root. */
  private pathOf(key: string): string {
    assertSafeKey(key);
    // A safe key is already normal (no `.`, `..` or empty segment), so no path.resolve is needed.
    const relative = key.endsWith('/') ? key.slice(0, -1) : key;
    const path = this.rootPrefix + (sep === '/' ? relative : relative.replaceAll('/', sep));
    if (path === this.staging || path.startsWith(this.staging + sep)) {
      throw new UnsafeKeyError(`unsafe storage key ${JSON.stringify(key)}: outside ${this.location}`);
    }
    return path;
  }

  private folderOf(prefix: string): string {
    return prefix === '' ? this.root : this.pathOf(prefix);
  }

  private readPath(path: string): string | undefined {
    try {
      return fs.readFileSync(path, 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return undefined;
      throw error;
    }
  }

  private readDir(dir: string): Dirent[] {
    try {
      return fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return [];
      throw error;
    }
  }

  /** Temp file in the staging folder, then a rename into place. */
  private writeSync(target: string, text: string): void {
    this.prepareStaging();
    const temp = join(this.staging, `${process.pid}-${PROCESS_TOKEN}-${++LocalStore.tempCounter}.tmp`);
    try {
      // The staging folder may be removed under us (another process closing its store, a user cleaning up): make it again.
      for (let attempt = 1; ; attempt++) {
        try {
          fs.writeFileSync(temp, text);
          break;
        } catch (error) {
          if (!isCode(error, 'ENOENT') || attempt >= 5) throw error;
          fs.mkdirSync(this.staging, { recursive: true });
        }
      }
      this.moveIntoPlace(temp, target);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw error;
    }
  }

  private moveIntoPlace(temp: string, target: string): void {
    const dir = dirname(target);
    // Another process's delete may prune the folder between mkdir and rename: make it again and retry.
    for (let attempt = 1; ; attempt++) {
      if (!this.knownDirs.has(dir)) {
        fs.mkdirSync(dir, { recursive: true });
        if (this.knownDirs.size >= KNOWN_DIRS_LIMIT) this.knownDirs.clear();
        this.knownDirs.add(dir);
      }
      try {
        fs.renameSync(temp, target);
        return;
      } catch (error) {
        if (!isCode(error, 'ENOENT') || attempt >= 5) throw error;
        this.knownDirs.delete(dir);
      }
    }
  }

  /** Takes the lock file of `key` (O_EXCL create), waiting for another holder; returns its release. */
  private async lock(key: string): Promise<() => void> {
    this.prepareStaging();
    const path = join(this.staging, `${sha256(key).slice(0, 32)}.lock`);
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
      try {
        fs.writeFileSync(path, LOCK_OWNER, { flag: 'wx' });
        return () => fs.rmSync(path, { force: true });
      } catch (error) {
        // ENOENT: another process closing its store removed the (then empty) staging folder.
        if (isCode(error, 'ENOENT')) {
          fs.mkdirSync(this.staging, { recursive: true });
          continue;
        }
        if (!isCode(error, 'EEXIST')) throw error;
      }
      if (isStaleLock(path)) {
        fs.rmSync(path, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        const owner = this.readPath(path)?.split('-')[0] ?? 'unknown';
        throw new DataError(`${this.location}/${key}: locked by another iamwright process (pid ${owner})`);
      }
      await new Promise((resolve) => setTimeout(resolve, wait * (0.5 + Math.random())));
    }
  }

  /** Removes folders left empty by a delete, up to (not including) the root. */
  private pruneEmptyParents(dir: string): void {
    let current = dir;
    while (current.startsWith(this.rootPrefix)) {
      try {
        fs.rmdirSync(current);
      } catch {
        return; // not empty (or already gone): stop climbing
      }
      this.knownDirs.delete(current);
      current = dirname(current);
    }
  }

  private forgetDirsUnder(path: string): void {
    for (const dir of this.knownDirs) {
      if (dir === path || dir.startsWith(path + sep)) this.knownDirs.delete(dir);
    }
  }

  private prepareStaging(): void {
    if (this.stagingReady) return;
    fs.mkdirSync(this.staging, { recursive: true });
    sweepStaleTemps(this.staging);
    this.stagingReady = true;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Deletes temp files of processes that are gone (killed mid-write), and any older than a day. Locks are left to `lock`. */
export function sweepStaleTemps(staging: string): void {
  const now = Date.now();
  let names: string[];
  try {
    names = fs.readdirSync(staging);
  } catch (error) {
    // Another process closing its store may remove the (then empty) folder between our mkdir and this read.
    if (isCode(error, 'ENOENT')) return;
    throw error;
  }
  for (const name of names) {
    if (name.endsWith('.lock')) continue;
    const [pidText, token] = name.split('-');
    const pid = Number(pidText);
    const path = join(staging, name);
    let stale = pid === process.pid ? token !== PROCESS_TOKEN : !isProcessAlive(pid);
    if (!stale) {
      const info = fs.statSync(path, { throwIfNoEntry: false });
      stale = info !== undefined && now - info.mtimeMs > STALE_TEMP_MS;
    }
    if (stale) fs.rmSync(path, { force: true, recursive: true });
  }
}

/** A lock whose owner process is gone, or that is older than STALE_LOCK_MS. */
function isStaleLock(path: string): boolean {
  let owner: string;
  let modified: number;
  try {
    owner = fs.readFileSync(path, 'utf8');
    modified = fs.statSync(path).mtimeMs;
  } catch {
    return false; // released meanwhile: take it on the next attempt
  }
  if (Date.now() - modified > STALE_LOCK_MS) return true;
  // Empty: just created, its owner not written yet.
  if (owner === '') return false;
  const [pidText, token] = owner.split('-');
  const pid = Number(pidText);
  return pid === process.pid ? token !== PROCESS_TOKEN : !isProcessAlive(pid);
}

function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isCode(error, 'EPERM');
  }
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}
