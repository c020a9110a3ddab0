import { mkdirSync, writeFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { DatasetCounts, Provenance, Service } from '../model.js';
import {
  DATASET_FORMAT,
  DATASET_FORMAT_VERSION,
  type Manifest,
  MANIFEST_FILE,
  SERVICE_LIST_FILE,
  SERVICES_DIR,
  SERVICE_CONDITIONS_SUFFIX,
  SERVICE_TEXT_SUFFIX,
  SUMMARIES_FILE,
  type SummaryRow,
  SERVICE_PREFIX_PATTERN,
  levelBits,
  storedService,
} from '../dataset-format.js';
import { DataError } from '../../util/errors.js';

export function countDataset(services: readonly Service[]): DatasetCounts {
  const counts: DatasetCounts = { services: services.length, actions: 0, resourceTypes: 0, conditionKeys: 0 };
  for (const service of services) {
    counts.actions += service.actions.length;
    counts.resourceTypes += service.resourceTypes.length;
    counts.conditionKeys += service.conditionKeys.length;
  }
  return counts;
}

/** The files of a compiled dataset, by relative path. */
export function datasetFiles(provenance: Provenance, services: readonly Service[]): Map<string, string> {
  const files = new Map<string, string>();
  const summaries: Record<string, SummaryRow[]> = {};
  const seen = new Set<string>();
  for (const service of services) {
    if (!SERVICE_PREFIX_PATTERN.test(service.prefix)) throw new DataError(`invalid service prefix "${service.prefix}"`);
    if (seen.has(service.prefix)) throw new DataError(`service "${service.prefix}" appears twice`);
    seen.add(service.prefix);
    summaries[service.prefix] = service.actions.map((a) => [
      a.name,
      levelBits(a.access),
      a.resourceTypes.length ? 0 : 1,
    ]);
    const { stored, conditions, text } = storedService(service);
    files.set(`${SERVICES_DIR}/${service.prefix}.json`, JSON.stringify(stored));
    files.set(`${SERVICES_DIR}/${service.prefix}${SERVICE_CONDITIONS_SUFFIX}`, JSON.stringify(conditions));
    files.set(`${SERVICES_DIR}/${service.prefix}${SERVICE_TEXT_SUFFIX}`, JSON.stringify(text));
  }
  const manifest: Manifest = {
    format: DATASET_FORMAT,
    formatVersion: DATASET_FORMAT_VERSION,
    provenance,
    counts: countDataset(services),
    prefixes: services.map((s) => s.prefix).join(' '),
  };
  files.set(SERVICE_LIST_FILE, JSON.stringify(services.map(({ prefix, name, url }) => ({ prefix, name, url }))));
  files.set(SUMMARIES_FILE, JSON.stringify(summaries));
  files.set(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}

/** Writes a dataset into a fresh directory `dir` (which must not exist). */
export function writeDatasetDirectory(dir: string, provenance: Provenance, services: readonly Service[]): void {
  const files = datasetFiles(provenance, services);
  mkdirSync(join(dir, SERVICES_DIR), { recursive: true });
  for (const [path, text] of files) writeFileSync(join(dir, path), text);
}

/**
 * Replaces `outDir` with a compiled dataset, whole or not at all: everything is written into a
 * temp directory beside it, which is then renamed into place.
 */
export async function writeDatasetAtomic(
  outDir: string,
  provenance: Provenance,
  services: readonly Service[],
): Promise<void> {
  const suffix = randomBytes(6).toString('hex');
  const temp = join(dirname(outDir), `.${basename(outDir)}.${suffix}.tmp`);
  const old = join(dirname(outDir), `.${basename(outDir)}.${suffix}.old`);
  try {
    writeDatasetDirectory(temp, provenance, services);
    const hadOld = await rename(outDir, old).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    await rename(temp, outDir).catch(async (error) => {
      if (hadOld) await rename(old, outDir);
      throw error;
    });
  } finally {
    await rm(temp, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
}
