/**
 * iamwright's compiled dataset: a directory with
 * - `manifest.json`: format, provenance, counts and the service prefixes as one space-separated string
 *   (read by every command, so a few KB: names and links would make it 100 KB);
 * - `service-list.json`: `[{prefix, name, url}]`, read by the commands that list services;
 * - `summaries.json`: `{prefix: [[actionName, levelBits, wildcardOnly01], ...]}` for queries over all services;
 * - `services/<prefix>.json`: one Service each, read on first use, without its descriptions and with
 *   access levels as bits (a third of the bytes and objects every command would otherwise parse);
 * - `services/<prefix>.text.json`: `{actions: [description...], conditionKeys: [description...]}`, in the
 *   service's order, read only by the queries that print descriptions.
 */
import type {
  AccessLevelFlags,
  Action,
  ConditionKey,
  DatasetCounts,
  Provenance,
  Service,
  ServiceInfo,
} from './model.js';

export const DATASET_FORMAT = 'iamwright-dataset';
export const DATASET_FORMAT_VERSION = 2;
/** Version 1 (descriptions inline, access levels as objects) is still read: `data update` wrote it before. */
export const READABLE_FORMAT_VERSIONS: readonly number[] = [1, DATASET_FORMAT_VERSION];
export const MANIFEST_FILE = 'manifest.json';
export const SERVICE_LIST_FILE = 'service-list.json';
export const SUMMARIES_FILE = 'summaries.json';
export const SERVICES_DIR = 'services';
export const SERVICE_TEXT_SUFFIX = '.text.json';

export interface Manifest {
  format: typeof DATASET_FORMAT;
  formatVersion: number;
  provenance: Provenance;
  counts: DatasetCounts;
  /** Format 2: every service prefix, in the dataset's order, separated by spaces. */
  prefixes?: string;
  /** Format 1: the service list itself. */
  services?: ServiceInfo[];
}

/** One action in `summaries.json`: name, access-level bits, 1 when wildcard-only. */
export type SummaryRow = [name: string, levelBits: number, wildcardOnly: 0 | 1];

const LEVEL_BITS: readonly [keyof AccessLevelFlags, number][] = [
  ['list', 1],
  ['read', 2],
  ['write', 4],
  ['permissionsManagement', 8],
  ['tagging', 16],
];

export function levelBits(flags: AccessLevelFlags): number {
  let bits = 0;
  for (const [flag, bit] of LEVEL_BITS) if (flags[flag]) bits |= bit;
  return bits;
}

/** One frozen flags object per combination: summaries of 22,000 actions share a handful. */
const FLAGS_BY_BITS = new Map<number, AccessLevelFlags>();

export function flagsFromBits(bits: number): AccessLevelFlags {
  let flags = FLAGS_BY_BITS.get(bits);
  if (!flags) {
    flags = Object.freeze({
      list: (bits & 1) !== 0,
      read: (bits & 2) !== 0,
      write: (bits & 4) !== 0,
      permissionsManagement: (bits & 8) !== 0,
      tagging: (bits & 16) !== 0,
    });
    FLAGS_BY_BITS.set(bits, flags);
  }
  return flags;
}

/** Service prefixes become file names: only IAM prefix characters are allowed. */
export const SERVICE_PREFIX_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** Sources without a per-service page link (iam-data, the Service Reference) point to the reference's index. */
export const SERVICE_AUTHORIZATION_REFERENCE_URL =
  'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html';

/** The descriptions of a service file, by position: `services/<prefix>.text.json`. */
export interface ServiceText {
  actions: string[];
  conditionKeys: string[];
}

/** A service as stored: no descriptions, access levels as bits. */
export type StoredService = Omit<Service, 'actions' | 'conditionKeys'> & {
  actions: (Omit<Action, 'description' | 'access'> & { access: number })[];
  conditionKeys: Omit<ConditionKey, 'description'>[];
};

/** Splits a service into its stored form and its descriptions. */
export function storedService(service: Service): { stored: StoredService; text: ServiceText } {
  const stored: StoredService = {
    ...service,
    actions: service.actions.map(({ description: _, access, ...action }) => ({ ...action, access: levelBits(access) })),
    conditionKeys: service.conditionKeys.map(({ description: _, ...key }) => key),
  };
  const text: ServiceText = {
    actions: service.actions.map((a) => a.description ?? ''),
    conditionKeys: service.conditionKeys.map((k) => k.description ?? ''),
  };
  return { stored, text };
}

/** Turns a stored service back into a Service, in place (without descriptions). */
export function serviceFromStored(stored: StoredService): Service {
  const service = stored as unknown as Service;
  for (const action of stored.actions) (action as unknown as Action).access = flagsFromBits(action.access);
  return service;
}

/** Adds the descriptions of `text` to a service read with `serviceFromStored`, in place. */
export function describeService(service: Service, text: ServiceText): void {
  service.actions.forEach((action, i) => {
    action.description = text.actions[i] ?? '';
  });
  service.conditionKeys.forEach((key, i) => {
    key.description = text.conditionKeys[i] ?? '';
  });
}
