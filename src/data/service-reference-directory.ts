/**
 * A folder of AWS Service Reference files used directly as a dataset (`--data <dir>`): either
 * `<dir>/<svc>.json` files or the service's own layout `<dir>/v1/<svc>/<svc>.json`. Each file is
 * compiled on first use; descriptions come from `hintsFor` (the bundled dataset).
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ActionSummary, Dataset, DatasetCounts, Provenance, Service, ServiceInfo } from './model.js';
import { SERVICE_AUTHORIZATION_REFERENCE_URL, SERVICE_PREFIX_PATTERN } from './dataset-format.js';
import { type ServiceHints, compileServiceReference } from './compile/service-reference.js';
import { readJsonFile } from './read-json.js';

/** Service prefix -> file, sorted by prefix; empty when the folder has no Service Reference layout. */
export function serviceReferenceFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const v1 = join(dir, 'v1');
  if (existsSync(v1)) {
    for (const entry of readdirSync(v1, { withFileTypes: true })) {
      const file = join(v1, entry.name, `${entry.name}.json`);
      if (entry.isDirectory() && SERVICE_PREFIX_PATTERN.test(entry.name) && existsSync(file))
        files.set(entry.name, file);
    }
  } else {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const prefix = basename(entry.name, '.json');
      if (
        entry.isFile() &&
        entry.name.endsWith('.json') &&
        prefix !== 'mapping' &&
        SERVICE_PREFIX_PATTERN.test(prefix)
      ) {
        files.set(prefix, join(dir, entry.name));
      }
    }
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** True when the first service file looks like a Service Reference document (`Name` and `Actions`). */
export function looksLikeServiceReference(files: ReadonlyMap<string, string>): boolean {
  const first = files.values().next();
  if (first.done) return false;
  const doc = readJsonFile(first.value);
  return typeof doc === 'object' && doc !== null && 'Name' in doc && 'Actions' in doc;
}

export function serviceReferenceDirectoryDataset(
  files: ReadonlyMap<string, string>,
  location: string,
  date: string,
  hintsFor: (prefix: string) => ServiceHints | undefined,
): Dataset {
  const compiled = new Map<string, { service: Service; version: string | undefined }>();
  const load = (prefix: string) => {
    let entry = compiled.get(prefix);
    const file = files.get(prefix);
    if (!entry && file) {
      entry = compileServiceReference(readJsonFile(file), file, hintsFor(prefix), prefix);
      compiled.set(prefix, entry);
    }
    return entry;
  };
  const prefixes = [...files.keys()];
  // Each file holds the whole service: with and without condition keys, described or not, are one read.
  const getService = (prefix: string): Service | undefined => load(prefix)?.service;
  let provenance: Provenance | undefined;
  let counts: DatasetCounts | undefined;
  let infos: ServiceInfo[] | undefined;
  let summaries: Map<string, ActionSummary[]> | undefined;
  return {
    get provenance() {
      const first = prefixes[0] === undefined ? undefined : load(prefixes[0]);
      provenance ??= { source: 'aws-service-reference', date, version: first?.version ?? 'v1' };
      return provenance;
    },
    location,
    get counts() {
      if (!counts) {
        counts = { services: prefixes.length, actions: 0, resourceTypes: 0, conditionKeys: 0 };
        for (const prefix of prefixes) {
          const { service } = load(prefix)!;
          counts.actions += service.actions.length;
          counts.resourceTypes += service.resourceTypes.length;
          counts.conditionKeys += service.conditionKeys.length;
        }
      }
      return counts;
    },
    listServices() {
      // Names and links come from the hints, so listing needs no file reads.
      infos ??= prefixes.map((prefix) => {
        const hints = hintsFor(prefix);
        return { prefix, name: hints?.name ?? prefix, url: hints?.url ?? SERVICE_AUTHORIZATION_REFERENCE_URL };
      });
      return infos;
    },
    getService,
    serviceWithoutConditionKeys: getService,
    describedService: getService,
    actionSummaries() {
      summaries ??= new Map(
        prefixes.map((prefix) => [
          prefix,
          load(prefix)!.service.actions.map((a) => ({
            name: a.name,
            access: a.access,
            wildcardOnly: a.resourceTypes.length === 0,
          })),
        ]),
      );
      return summaries;
    },
  };
}
