import { DataError } from '../util/errors.js';
import { storedText } from './serialize.js';
import type { Store } from './store.js';

/**
 * Stores a JSON value the iam-collect way: consistently serialized, or the key deleted when the
 * value is empty (undefined, null, {}, [], ''), so a removed policy or tag set disappears.
 * Returns what it did.
 */
export async function writeJson(store: Store, key: string, value: unknown): Promise<'written' | 'deleted'> {
  const text = storedText(value);
  if (text === undefined) {
    await store.delete(key);
    return 'deleted';
  }
  await store.write(key, text);
  return 'written';
}

/** Reads and parses a stored JSON value; undefined when absent, DataError when not JSON. */
export async function readJson<T = unknown>(store: Store, key: string): Promise<T | undefined> {
  const text = await store.read(key);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new DataError(`${store.location}/${key}: not valid JSON (${(error as Error).message})`);
  }
}
