/**
 * `data update`: downloads the AWS Service Reference (the index, then every service file), validates
 * and compiles it, and makes it the active dataset only when all of it succeeded. The compiled
 * dataset is written to a temp directory in the cache, renamed into `<cache>/data/<id>`, and then
 * `active.json` is switched atomically; on any failure the previous dataset stays active.
 */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { DatasetCounts, Provenance, Service } from './model.js';
import { type ServiceHints, compileServiceReference } from './compile/service-reference.js';
import { countDataset, writeDatasetDirectory } from './compile/write-dataset.js';
import { SERVICE_PREFIX_PATTERN } from './dataset-format.js';
import { DEFAULT_FETCH_POLICY, type FetchPolicy, fetchText } from './fetch-retry.js';
import { fsReason, parseJsonText } from './read-json.js';
import { DATASET_ID_PATTERN, activePointerPath, datasetsDir } from './cache-dir.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { DataError, IamwrightError, UsageError } from '../util/errors.js';

export const DEFAULT_SERVICE_REFERENCE_URL = 'https://servicereference.us-east-1.amazonaws.com/';

export interface UpdateOptions {
  baseUrl: string;
  cacheDir: string;
  /** Names and descriptions the Service Reference lacks, per service prefix. */
  hintsFor: (prefix: string) => ServiceHints | undefined;
  /** Called after each service file is downloaded and compiled. */
  onProgress?: (done: number, total: number) => void;
  concurrency?: number;
  fetchPolicy?: FetchPolicy;
  /** Today, for the dataset's date. */
  now?: Date;
}

export interface UpdateResult {
  /** The new active dataset's directory. */
  location: string;
  provenance: Provenance;
  counts: DatasetCounts;
}

/** The index: `[{service, url}, ...]`. Service names become paths, so they are checked. */
function readIndex(doc: unknown, where: string): string[] {
  if (!Array.isArray(doc)) throw new DataError(`${where}: $: expected the service index (an array)`);
  if (doc.length === 0) throw new DataError(`${where}: $: the service index lists no services`);
  const seen = new Set<string>();
  return doc.map((entry, i) => {
    const path = `$[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new DataError(`${where}: ${path}: expected an object`);
    }
    for (const key of Object.keys(entry)) {
      if (key !== 'service' && key !== 'url') throw new DataError(`${where}: ${path}: unexpected key "${key}"`);
    }
    const { service, url } = entry as { service?: unknown; url?: unknown };
    if (typeof service !== 'string' || !SERVICE_PREFIX_PATTERN.test(service)) {
      throw new DataError(`${where}: ${path}.service: expected a service prefix, found ${JSON.stringify(service)}`);
    }
    if (typeof url !== 'string') throw new DataError(`${where}: ${path}.url: expected a string`);
    if (seen.has(service)) throw new DataError(`${where}: ${path}.service: duplicate "${service}"`);
    seen.add(service);
    return service;
  });
}

export function normaliseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url: not a URL: ${baseUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`--base-url: not an http(s) URL: ${baseUrl}`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** Runs `work` over `items`, at most `limit` at a time; the first failure stops new work and is thrown. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, cancel: AbortSignal) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const controller = new AbortController();
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const i = next++;
      try {
        results[i] = await work(items[i]!, controller.signal);
      } catch (error) {
        failure ??= { error };
        controller.abort();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}

/** Downloads and compiles every service; throws on the first file that fails. Writes nothing. */
export async function downloadServiceReference(
  options: UpdateOptions,
): Promise<{ services: Service[]; versions: string[] }> {
  const base = normaliseBaseUrl(options.baseUrl);
  const policy = options.fetchPolicy ?? DEFAULT_FETCH_POLICY;
  const indexUrl = base.href;
  const prefixes = readIndex(parseJsonText(await fetchText(indexUrl, policy), indexUrl), indexUrl);
  let done = 0;
  options.onProgress?.(0, prefixes.length);
  const compiled = await mapLimit(prefixes, options.concurrency ?? 8, async (prefix, cancel) => {
    // Service files are fetched from the base URL's own layout, not from the index's URLs.
    const url = new URL(`v1/${prefix}/${prefix}.json`, base).href;
    const doc = parseJsonText(await fetchText(url, policy, cancel), url);
    const result = compileServiceReference(doc, url, options.hintsFor(prefix), prefix);
    options.onProgress?.(++done, prefixes.length);
    return result;
  });
  compiled.sort((a, b) => (a.service.prefix < b.service.prefix ? -1 : a.service.prefix > b.service.prefix ? 1 : 0));
  const versions = [...new Set(compiled.flatMap((c) => (c.version ? [c.version] : [])))].sort();
  return { services: compiled.map((c) => c.service), versions };
}

function modifiedBefore(path: string, time: number): boolean {
  try {
    return statSync(path).mtimeMs < time;
  } catch {
    return false;
  }
}

function removeOtherDatasets(dir: string, keep: string): Promise<unknown> {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return Promise.resolve();
  }
  // Temp dirs are removed only when old: a younger one may belong to an update running now.
  const hourAgo = Date.now() - 3_600_000;
  const stale = names.filter(
    (n) => n !== keep && (DATASET_ID_PATTERN.test(n) || (n.endsWith('.tmp') && modifiedBefore(join(dir, n), hourAgo))),
  );
  return Promise.all(stale.map((n) => rm(join(dir, n), { recursive: true, force: true })));
}

export async function updateDataset(options: UpdateOptions): Promise<UpdateResult> {
  const { services, versions } = await downloadServiceReference(options);
  const now = options.now ?? new Date();
  const provenance: Provenance = {
    source: 'aws-service-reference',
    date: now.toISOString().slice(0, 10),
    version: versions.length ? versions.join(',') : 'v1',
  };
  const dir = datasetsDir(options.cacheDir);
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z');
  const id = `dataset-${stamp}-${randomBytes(3).toString('hex')}`;
  const temp = join(dir, `.${id}.tmp`);
  const target = join(dir, id);
  try {
    mkdirSync(dir, { recursive: true });
    writeDatasetDirectory(temp, provenance, services);
    await rename(temp, target);
    await writeFileAtomic(activePointerPath(options.cacheDir), `${JSON.stringify({ dataset: id })}\n`);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    await rm(target, { recursive: true, force: true });
    if (error instanceof IamwrightError) throw error;
    throw new DataError(`${dir}: cannot write the dataset (${fsReason(error)})`);
  }
  // The new dataset is active; earlier ones (and temp dirs of crashed runs) are no longer needed.
  await removeOtherDatasets(dir, id);
  return { location: target, provenance, counts: countDataset(services) };
}

/** `data reset`: removes every updated dataset, so the bundled one is active again. True when one existed. */
export async function resetDataset(cacheDir: string): Promise<boolean> {
  const dir = datasetsDir(cacheDir);
  let existed = true;
  await rm(activePointerPath(cacheDir)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    existed = false;
  });
  await rm(dir, { recursive: true, force: true });
  return existed;
}
