import { join } from 'node:path';
import type { ActionSummary, Dataset, Service, ServiceInfo } from './model.js';
import {
  DATASET_FORMAT,
  DATASET_FORMAT_VERSION,
  READABLE_FORMAT_VERSIONS,
  type Manifest,
  MANIFEST_FILE,
  SERVICE_LIST_FILE,
  SERVICES_DIR,
  SERVICE_CONDITIONS_SUFFIX,
  SERVICE_TEXT_SUFFIX,
  type ServiceConditions,
  type ServiceText,
  type StoredService,
  type StoredServiceV2,
  SUMMARIES_FILE,
  type SummaryRow,
  describeService,
  addConditions,
  flagsFromBits,
  serviceFromStored,
  serviceFromStoredV2,
} from './dataset-format.js';
import { readJsonFile } from './read-json.js';
import { DataError } from '../util/errors.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkManifest(doc: unknown, file: string): Manifest {
  if (!isRecord(doc) || doc.format !== DATASET_FORMAT)
    throw new DataError(`${file}: not an iamwright dataset manifest`);
  if (typeof doc.formatVersion !== 'number' || !READABLE_FORMAT_VERSIONS.includes(doc.formatVersion)) {
    throw new DataError(
      `${file}: unsupported dataset format version ${JSON.stringify(doc.formatVersion)} (expected ${DATASET_FORMAT_VERSION})`,
    );
  }
  const { provenance, counts, services, prefixes } = doc;
  const hasServices = doc.formatVersion === 1 ? Array.isArray(services) : typeof prefixes === 'string';
  if (!isRecord(provenance) || !isRecord(counts) || !hasServices) {
    throw new DataError(`${file}: manifest lacks provenance, counts or services`);
  }
  return doc as unknown as Manifest;
}

/** True when `dir` holds our manifest (the directory may still be incomplete or damaged). */
export function manifestPath(dir: string): string {
  return join(dir, MANIFEST_FILE);
}

/** The service list of a format-2 dataset (`service-list.json`). */
function readServiceList(dir: string): ServiceInfo[] {
  const file = join(dir, SERVICE_LIST_FILE);
  const doc = readJsonFile(file);
  if (!Array.isArray(doc) || !doc.every((s) => isRecord(s) && typeof s.prefix === 'string')) {
    throw new DataError(`${file}: not a service list`);
  }
  return doc as ServiceInfo[];
}

/**
 * A dataset in our compiled format. The manifest is read now; the service list when listed;
 * `summaries.json` on the first all-services query; each service file on its first `getService`.
 */
export function directoryDataset(dir: string, location: string = dir): Dataset {
  const manifest = checkManifest(readJsonFile(manifestPath(dir)), manifestPath(dir));
  let infos = manifest.services;
  const listServices = (): ServiceInfo[] => {
    infos ??= readServiceList(dir);
    return infos;
  };
  // In the dataset's order: all-services queries go through them without reading the service list.
  const prefixes =
    manifest.prefixes === undefined
      ? listServices().map((s) => s.prefix)
      : manifest.prefixes.split(' ').filter(Boolean);
  const known = new Set(prefixes);
  const services = new Map<string, Service>();
  // Version 1 files hold everything, descriptions included; version 2 everything but descriptions.
  const inline = manifest.formatVersion === 1;
  const conditionsApart = manifest.formatVersion >= 3;
  const described = new Set<string>();
  const conditioned = new Set<string>();
  let summaries: Map<string, ActionSummary[]> | undefined;
  /** One of a service's files (`<prefix><suffix>`), read and shape-checked; a bad one is a DataError naming it. */
  function readServiceFile(
    prefix: string,
    suffix: string,
    what: string,
    valid: (doc: Record<string, unknown>) => boolean,
  ) {
    const file = join(dir, SERVICES_DIR, `${prefix}${suffix}`);
    const doc = readJsonFile(file);
    if (!isRecord(doc) || !valid(doc)) throw new DataError(`${file}: not the ${what} file of "${prefix}"`);
    return doc;
  }
  function serviceWithoutConditionKeys(prefix: string): Service | undefined {
    if (!known.has(prefix)) return undefined;
    let service = services.get(prefix);
    if (!service) {
      const doc = readServiceFile(
        prefix,
        '.json',
        'service',
        (d) => d.prefix === prefix && Array.isArray(d.actions),
      ) as unknown;
      if (inline) service = doc as Service;
      else if (conditionsApart) service = serviceFromStored(doc as StoredService);
      else service = serviceFromStoredV2(doc as StoredServiceV2);
      services.set(prefix, service);
    }
    return service;
  }
  function getService(prefix: string): Service | undefined {
    const service = serviceWithoutConditionKeys(prefix);
    if (service && conditionsApart && !conditioned.has(prefix)) {
      const doc = readServiceFile(
        prefix,
        SERVICE_CONDITIONS_SUFFIX,
        'condition-keys',
        (d) =>
          Array.isArray(d.conditionKeys) &&
          Array.isArray(d.lists) &&
          Array.isArray(d.actions) &&
          d.actions.length === service.actions.length &&
          Array.isArray(d.resourceTypes),
      );
      addConditions(service, doc as unknown as ServiceConditions);
      conditioned.add(prefix);
    }
    return service;
  }
  return {
    provenance: manifest.provenance,
    location,
    counts: manifest.counts,
    listServices,
    getService,
    serviceWithoutConditionKeys,
    describedService(prefix) {
      const service = getService(prefix);
      if (service && !inline && !described.has(prefix)) {
        const doc = readServiceFile(
          prefix,
          SERVICE_TEXT_SUFFIX,
          'descriptions',
          (d) => Array.isArray(d.actions) && Array.isArray(d.conditionKeys),
        );
        describeService(service, doc as unknown as ServiceText);
        described.add(prefix);
      }
      return service;
    },
    actionSummaries() {
      if (!summaries) {
        const file = join(dir, SUMMARIES_FILE);
        const doc = readJsonFile(file);
        if (!isRecord(doc)) throw new DataError(`${file}: not an action summaries file`);
        summaries = new Map();
        for (const prefix of prefixes) {
          const rows = doc[prefix];
          if (!Array.isArray(rows)) throw new DataError(`${file}: no summaries for service "${prefix}"`);
          summaries.set(
            prefix,
            (rows as SummaryRow[]).map(([name, bits, wildcardOnly]) => ({
              name,
              access: flagsFromBits(bits),
              wildcardOnly: wildcardOnly === 1,
            })),
          );
        }
      }
      return summaries;
    },
  };
}
