import { resourceFolder, resourceTypeFolder } from '../../storage/layout.js';
import type { Store } from '../../storage/store.js';
import { readJson, writeJson } from '../../storage/write-json.js';
import type { Issue, ResourceRecord, Source, SourceResult, StoredType } from '../sources/types.js';
import { mapLimit } from './limiter.js';
import type { RunStats } from './stats.js';

/** Parallel file operations per job: the store is local disk or S3, both happy with a few at once. */
const IO_CONCURRENCY = 16;

export interface ApplyTarget {
  store: Store;
  partition: string;
  account: string;
  region: string;
  /** Skip every deletion (stale resources and absent files): faster on a first run. */
  writeOnly: boolean;
  stats: RunStats;
}

export interface Applied {
  counts: Record<string, number>;
  issues: Issue[];
}

/**
 * Stores a source's complete result: writes every resource's files, deletes files a resource no longer
 * has, then deletes stored resources the listing did not return. Only called after a complete listing,
 * so a failed job never deletes data from an earlier run.
 */
export async function applyResult(source: Source, result: SourceResult, target: ApplyTarget): Promise<Applied> {
  const { store, partition, account, writeOnly, stats } = target;
  const region = source.scope === 'regional' ? target.region : '';
  const issues: Issue[] = [];
  const counts: Record<string, number> = {};
  const types = new Map<string, StoredType>();
  for (const type of source.stores) {
    const folderRegion = type.regionless ? '' : region;
    types.set(
      resourceTypeFolder(partition, account, type.service, folderRegion, type.resourceType, type.awsOwned),
      type,
    );
    counts[type.label] = 0;
  }

  // What is stored now, per resource folder (one recursive listing per type, not one per resource).
  const existing = new Map<string, Set<string>>();
  if (!writeOnly) {
    for (const [typeFolder, type] of types) {
      const found = new Map<string, Set<string>>();
      for (const key of await store.listRecursive(typeFolder)) {
        const slash = key.lastIndexOf('/');
        const folder = key.slice(0, slash);
        if (folder.lastIndexOf('/') !== typeFolder.length) continue;
        const files = found.get(folder) ?? new Set<string>();
        found.set(folder, files);
        files.add(key.slice(slash + 1));
      }
      const owned = type.owns ? await ownedFolders(store, found, type.owns, target.region) : [...found.keys()];
      for (const folder of owned) existing.set(folder, found.get(folder) as Set<string>);
    }
  }

  const placed: Array<{ folder: string; record: ResourceRecord }> = [];
  /** Folder -> the ARN stored there. The layout lower-cases paths (as iam-collect's does), so two
   * resources whose names differ only in case (SQS queues, SSM parameters) would share a folder. */
  const seen = new Map<string, string>();
  for (const record of result.resources ?? []) {
    let folder: string;
    try {
      folder = resourceFolder(account, record.arn);
    } catch (error) {
      issues.push({ kind: 'skipped', arn: record.arn, message: `not stored: ${(error as Error).message}` });
      continue;
    }
    const type = types.get(folder.slice(0, folder.lastIndexOf('/')));
    if (!type) throw new Error(`${source.name}: ${record.arn} is outside the folders the source declares`);
    const taken = seen.get(folder);
    if (taken !== undefined) {
      // The same resource listed twice is stored once; another one is reported, never silently dropped.
      if (taken !== record.arn) {
        issues.push({
          kind: 'skipped',
          arn: record.arn,
          message: `not stored: its folder ${folder} holds ${taken} (the layout lower-cases names, as iam-collect's does)`,
        });
      }
      continue;
    }
    seen.set(folder, record.arn);
    counts[type.label] = (counts[type.label] ?? 0) + 1;
    placed.push({ folder, record });
  }

  await mapLimit(placed, IO_CONCURRENCY, async ({ folder, record }) => {
    const stored = existing.get(folder);
    const keep = new Set(record.keep ?? []);
    for (const [name, value] of Object.entries(record.files)) {
      if (keep.has(name)) continue;
      const file = `${name}.json`;
      if (writeOnly || stored?.has(file) || !isEmpty(value)) {
        const done = await writeJson(store, `${folder}/${file}`, value);
        if (done === 'written') stats.filesWritten++;
        else if (stored?.has(file)) stats.filesDeleted++;
      }
      stored?.delete(file);
    }
    // Files from an earlier run this resource no longer has.
    for (const file of stored ?? []) {
      if (keep.has(file.replace(/\.json$/, ''))) continue;
      await store.delete(`${folder}/${file}`);
      stats.filesDeleted++;
    }
  });

  if (!writeOnly) {
    const stale = [...existing.keys()].filter((folder) => !seen.has(folder));
    await mapLimit(stale, IO_CONCURRENCY, async (folder) => {
      await store.deletePrefix(folder);
      stats.filesDeleted += existing.get(folder)?.size ?? 0;
    });
  }

  await mapLimit(result.files ?? [], IO_CONCURRENCY, async ({ key, value }) => {
    if (writeOnly && isEmpty(value)) return;
    const done = await writeJson(store, key, value);
    if (done === 'written') stats.filesWritten++;
  });

  if (!writeOnly) {
    for (const { prefix, children, files } of result.folders ?? []) {
      const keepChildren = new Set(children.map((c) => `${c.toLowerCase()}/`));
      const keepFiles = files ? new Set(files) : undefined;
      for (const child of await store.list(prefix)) {
        if (child.endsWith('/') && !keepChildren.has(child))
          await store.deletePrefix(`${prefix}/${child.slice(0, -1)}`);
        else if (keepFiles && !child.endsWith('/') && !keepFiles.has(child)) {
          await store.delete(`${prefix}/${child}`);
          stats.filesDeleted++;
        }
      }
    }
  }

  return { counts, issues };
}

/** The folders whose stored metadata the type `owns`; unreadable metadata means not owned. */
async function ownedFolders(
  store: Store,
  found: Map<string, Set<string>>,
  owns: NonNullable<StoredType['owns']>,
  region: string,
): Promise<string[]> {
  const folders = [...found.keys()];
  const verdicts = await mapLimit(folders, IO_CONCURRENCY, async (folder) => {
    let metadata: Record<string, unknown> | undefined;
    try {
      const value = await readJson(store, `${folder}/metadata.json`);
      if (value && typeof value === 'object' && !Array.isArray(value)) metadata = value as Record<string, unknown>;
    } catch {
      // Not JSON: treated like absent metadata.
    }
    return owns(metadata, { region });
  });
  return folders.filter((_, index) => verdicts[index]);
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}
