/**
 * Where `data update` keeps the updated dataset:
 * `<cache>/data/<id>/` (one compiled dataset each) and `<cache>/data/active.json` naming the active one.
 * Switching datasets is one atomic write of active.json, so a reader sees the old or the new one, never half.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { manifestPath } from './directory-dataset.js';

/** `$IAMWRIGHT_CACHE_DIR`, else `$XDG_CACHE_HOME/iamwright`, else `~/.cache/iamwright`. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.IAMWRIGHT_CACHE_DIR) return env.IAMWRIGHT_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'iamwright');
  return join(homedir(), '.cache', 'iamwright');
}

export function datasetsDir(cache: string): string {
  return join(cache, 'data');
}

export function activePointerPath(cache: string): string {
  return join(datasetsDir(cache), 'active.json');
}

/** Dataset directory names: made by us, so anything else in active.json is ignored. */
export const DATASET_ID_PATTERN = /^dataset-[0-9A-Za-z-]+$/;

/** The active updated dataset's directory, when there is one and it is complete. */
export function activeUpdatedDataset(cache: string = cacheDir()): string | undefined {
  let pointer: unknown;
  try {
    pointer = JSON.parse(readFileSync(activePointerPath(cache), 'utf8'));
  } catch {
    return undefined;
  }
  const id = (pointer as { dataset?: unknown } | null)?.dataset;
  if (typeof id !== 'string' || !DATASET_ID_PATTERN.test(id)) return undefined;
  const dir = join(datasetsDir(cache), id);
  return existsSync(manifestPath(dir)) ? dir : undefined;
}
