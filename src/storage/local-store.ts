import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import type { Dirent } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { assertSafeKey, UnsafeKeyError } from './layout.js';
import { folderPrefix, sortKeys, type Store } from './store.js';

/**
 * Temp files are written here, under the root, then renamed into place (same file system, so the
 * rename is atomic). Keeping them out of the data folders means a `kill -9` mid-write leaves no
 * stray file in the tree; the next LocalStore on the same root sweeps what a dead process left.
 */
const STAGING_DIR = '.iamwright-tmp';

// The callback API, promisified: for the small files of a collection it takes about half the CPU
// of node:fs/promises, whose FileHandle objects cost more than the write itself (measured).
const readFile = promisify(fs.readFile);
const writeFile = promisify(fs.writeFile);
const rename = promisify(fs.rename);
const mkdir = promisify(fs.mkdir);
const readdir = promisify(fs.readdir);
const rm = promisify(fs.rm);
const rmdir = promisify(fs.rmdir);
const stat = promisify(fs.stat);
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;
/** Temp names are `<pid>-<token>-<n>.tmp`: the token tells this process from an earlier one with the same pid. */
const PROCESS_TOKEN = randomBytes(4).toString('hex');

/** A Store on a local folder. */
export class LocalStore implements Store {
  readonly location: string;
  private readonly root: string;
  private readonly staging: string;
  private stagingReady: Promise<void> | undefined;
  /** Folders known to exist, to skip a mkdir per write; forgotten when a delete prunes them. */
  private readonly knownDirs = new Set<string>();
  private static tempCounter = 0;

  /** `root` is the folder; `label` names it in messages (default: `root` as given). */
  constructor(root: string, label = root) {
    this.location = label;
    this.root = resolve(root);
    this.staging = join(this.root, STAGING_DIR);
  }

  async read(key: string): Promise<string | undefined> {
    try {
      return await readFile(this.pathOf(key), 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return undefined;
      throw error;
    }
  }

  async write(key: string, text: string): Promise<void> {
    const target = this.pathOf(key);
    await this.prepareStaging();
    const temp = join(this.staging, `${process.pid}-${PROCESS_TOKEN}-${++LocalStore.tempCounter}.tmp`);
    try {
      await writeFile(temp, text).catch(async (error: unknown) => {
        // The staging folder was removed under us (a user cleaning up): make it again, once.
        if (!isCode(error, 'ENOENT')) throw error;
        await mkdir(this.staging, { recursive: true });
        await writeFile(temp, text);
      });
      await this.moveIntoPlace(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await rm(path, { force: true });
    await this.pruneEmptyParents(dirname(path));
  }

  async deletePrefix(prefix: string): Promise<void> {
    const path = this.pathOf(prefix);
    await rm(path, { recursive: true, force: true });
    this.forgetDirsUnder(path);
    await this.pruneEmptyParents(dirname(path));
  }

  async list(prefix: string): Promise<string[]> {
    const entries = await this.readDir(this.folderOf(prefix));
    return sortKeys(
      entries
        .filter((entry) => !(prefix === '' && entry.name === STAGING_DIR))
        .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name)),
    );
  }

  async listRecursive(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (dir: string, keyPrefix: string): Promise<void> => {
      for (const entry of await this.readDir(dir)) {
        if (keyPrefix === '' && entry.name === STAGING_DIR) continue;
        if (entry.isDirectory()) await walk(join(dir, entry.name), `${keyPrefix}${entry.name}/`);
        else keys.push(`${keyPrefix}${entry.name}`);
      }
    };
    await walk(this.folderOf(prefix), folderPrefix(prefix));
    return sortKeys(keys);
  }

  async close(): Promise<void> {
    if (!this.stagingReady) return;
    await this.stagingReady;
    // Only removes an empty folder: another process may still be writing into it.
    await rmdir(this.staging).catch(() => undefined);
  }

  /** The absolute path of a key, refusing anything outside the root. */
  private pathOf(key: string): string {
    const path = resolve(this.root, assertSafeKey(key));
    if (!path.startsWith(this.root + sep) || path === this.staging || path.startsWith(this.staging + sep)) {
      throw new UnsafeKeyError(`unsafe storage key ${JSON.stringify(key)}: outside ${this.location}`);
    }
    return path;
  }

  private folderOf(prefix: string): string {
    return prefix === '' ? this.root : this.pathOf(prefix);
  }

  private async readDir(dir: string): Promise<Dirent[]> {
    try {
      return await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return [];
      throw error;
    }
  }

  private async moveIntoPlace(temp: string, target: string): Promise<void> {
    const dir = dirname(target);
    // A concurrent delete may prune the folder between mkdir and rename: make it again and retry.
    for (let attempt = 1; ; attempt++) {
      if (!this.knownDirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        this.knownDirs.add(dir);
      }
      try {
        await rename(temp, target);
        return;
      } catch (error) {
        if (!isCode(error, 'ENOENT') || attempt >= 5) throw error;
        this.knownDirs.delete(dir);
      }
    }
  }

  /** Removes folders left empty by a delete, up to (not including) the root. */
  private async pruneEmptyParents(dir: string): Promise<void> {
    let current = dir;
    while (current.startsWith(this.root + sep)) {
      try {
        await rmdir(current);
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

  private prepareStaging(): Promise<void> {
    this.stagingReady ??= (async () => {
      await mkdir(this.staging, { recursive: true });
      await sweepStaleTemps(this.staging);
    })();
    return this.stagingReady;
  }
}

/** Deletes temp files of processes that are gone (killed mid-write), and any older than a day. */
async function sweepStaleTemps(staging: string): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(staging)) {
    const [pidText, token] = name.split('-');
    const pid = Number(pidText);
    const path = join(staging, name);
    let stale = pid === process.pid ? token !== PROCESS_TOKEN : !isProcessAlive(pid);
    if (!stale) {
      const info = await stat(path).catch(() => undefined);
      stale = info !== undefined && now - info.mtimeMs > STALE_TEMP_MS;
    }
    if (stale) await rm(path, { force: true, recursive: true });
  }
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
