/**
 * iamwright's compiled dataset: a directory with
 * - `manifest.json`: format, provenance, counts and the service prefixes as one space-separated string
 *   (read by every command, so a few KB: names and links would make it 100 KB);
 * - `service-list.json`: `[{prefix, name, url}]`, read by the commands that list services;
 * - `summaries.json`: `{prefix: [[actionName, levelBits, wildcardOnly01], ...]}` for queries over all services;
 * - `services/<prefix>.json`: one Service each, read on first use, without its descriptions and condition
 *   keys, with access levels as bits and without empty lists or false flags (format 3: under half the
 *   bytes and objects of the whole service, and all the policy writer needs);
 * - `services/<prefix>.conditions.json`: the service's condition keys and, by position, those of each
 *   action, each action's resource types and each resource type (format 3), read by `getService`;
 * - `services/<prefix>.text.json`: `{actions: [description...], conditionKeys: [description...]}`, in the
 *   service's order, read only by the queries that print descriptions.
 *
 * Format 2 (`services/<prefix>.json` with condition keys and empty lists, access levels as bits) and
 * format 1 (descriptions inline, access levels as objects) are still read: `data update` wrote them before.
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
export const DATASET_FORMAT_VERSION = 3;
/** Versions 1 and 2 are still read: `data update` wrote them before (see above). */
export const READABLE_FORMAT_VERSIONS: readonly number[] = [1, 2, DATASET_FORMAT_VERSION];
export const MANIFEST_FILE = 'manifest.json';
export const SERVICE_LIST_FILE = 'service-list.json';
export const SUMMARIES_FILE = 'summaries.json';
export const SERVICES_DIR = 'services';
export const SERVICE_TEXT_SUFFIX = '.text.json';
export const SERVICE_CONDITIONS_SUFFIX = '.conditions.json';

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

/** One resource type of an action as stored (format 3): `required` and `dependentActions` only when set. */
export interface StoredActionResourceType {
  name: string;
  required?: true;
  dependentActions?: string[];
}

/** An action as stored (format 3): access as bits; no description or condition keys; no empty list or false flag. */
export interface StoredAction {
  name: string;
  access: number;
  resourceTypes?: StoredActionResourceType[];
  anyResource?: true;
  dependentActions?: string[];
  apiDocumentationUrl?: string;
}

/** A service as stored (format 3): `services/<prefix>.json`. */
export interface StoredService extends ServiceInfo {
  actions: StoredAction[];
  resourceTypes: { name: string; arnFormats: string[] }[];
}

/** A service as format 2 stored it: no descriptions, access levels as bits, everything else as in Service. */
export type StoredServiceV2 = Omit<Service, 'actions' | 'conditionKeys'> & {
  actions: (Omit<Action, 'description' | 'access'> & { access: number })[];
  conditionKeys: Omit<ConditionKey, 'description'>[];
};

/**
 * The condition keys of a service (format 3: `services/<prefix>.conditions.json`). Each distinct list
 * of keys is stored once, in `lists` (`lists[0]` is the empty list); the rest refer to them by index,
 * by position in the service file: `actions[i]` is `[list of action i itself, list on its first
 * resource type, ...]`, or 0 when all of those are empty. A third of the bytes of the lists written
 * out in full, and a fraction of the arrays to parse.
 */
export interface ServiceConditions {
  conditionKeys: Omit<ConditionKey, 'description'>[];
  lists: string[][];
  actions: (0 | number[])[];
  resourceTypes: number[];
}

/** Splits a service into its stored form, its condition keys and its descriptions. */
export function storedService(service: Service): {
  stored: StoredService;
  conditions: ServiceConditions;
  text: ServiceText;
} {
  const stored: StoredService = {
    prefix: service.prefix,
    name: service.name,
    url: service.url,
    actions: service.actions.map(storedAction),
    resourceTypes: service.resourceTypes.map(({ name, arnFormats }) => ({ name, arnFormats })),
  };
  const lists: string[][] = [[]];
  const listIndex = new Map<string, number>([['', 0]]);
  const indexOf = (list: string[]): number => {
    const key = list.join('\n');
    let index = listIndex.get(key);
    if (index === undefined) {
      index = lists.length;
      lists.push(list);
      listIndex.set(key, index);
    }
    return index;
  };
  const conditions: ServiceConditions = {
    conditionKeys: service.conditionKeys.map(({ name, type }) => ({ name, type })),
    lists,
    actions: service.actions.map((a) => {
      const refs = [indexOf(a.conditionKeys), ...a.resourceTypes.map((r) => indexOf(r.conditionKeys))];
      return refs.every((ref) => ref === 0) ? 0 : refs;
    }),
    resourceTypes: service.resourceTypes.map((r) => indexOf(r.conditionKeys)),
  };
  const text: ServiceText = {
    actions: service.actions.map((a) => a.description ?? ''),
    conditionKeys: service.conditionKeys.map((k) => k.description ?? ''),
  };
  return { stored, conditions, text };
}

function storedAction(action: Action): StoredAction {
  const stored: StoredAction = { name: action.name, access: levelBits(action.access) };
  if (action.resourceTypes.length > 0) {
    stored.resourceTypes = action.resourceTypes.map(({ name, required, dependentActions }) => {
      const type: StoredActionResourceType = { name };
      if (required) type.required = true;
      if (dependentActions.length > 0) type.dependentActions = dependentActions;
      return type;
    });
  }
  if (action.anyResource) stored.anyResource = true;
  if (action.dependentActions.length > 0) stored.dependentActions = action.dependentActions;
  if (action.apiDocumentationUrl !== undefined) stored.apiDocumentationUrl = action.apiDocumentationUrl;
  return stored;
}

/**
 * The lists a stored service leaves out, shared: nothing mutates a loaded service's lists, and the
 * condition keys are replaced (not filled in) when they are read.
 */
const NONE: string[] = Object.freeze([]) as unknown as string[];

/**
 * Builds the Service of a format-3 stored service, without descriptions and with empty condition-key
 * lists until `addConditions`. Every action and resource type gets the same shape, so the engine's
 * property reads stay monomorphic.
 */
export function serviceFromStored(stored: StoredService): Service {
  return {
    prefix: stored.prefix,
    name: stored.name,
    url: stored.url,
    actions: stored.actions.map((stored) => {
      const action: Action = {
        name: stored.name,
        access: flagsFromBits(stored.access),
        resourceTypes: (stored.resourceTypes ?? []).map((type) => ({
          name: type.name,
          required: type.required === true,
          conditionKeys: NONE,
          dependentActions: type.dependentActions ?? NONE,
        })),
        anyResource: stored.anyResource === true,
        conditionKeys: NONE,
        dependentActions: stored.dependentActions ?? NONE,
      };
      if (stored.apiDocumentationUrl !== undefined) action.apiDocumentationUrl = stored.apiDocumentationUrl;
      return action;
    }),
    resourceTypes: stored.resourceTypes.map(({ name, arnFormats }) => ({ name, arnFormats, conditionKeys: NONE })),
    conditionKeys: [],
  };
}

/** Puts the condition keys of `conditions` on a service read with `serviceFromStored`, in place. */
export function addConditions(service: Service, conditions: ServiceConditions): void {
  const { lists } = conditions;
  const list = (index: number | undefined): string[] => (index === undefined ? NONE : (lists[index] ?? NONE));
  service.conditionKeys = conditions.conditionKeys;
  service.actions.forEach((action, i) => {
    const refs = conditions.actions[i];
    if (!refs) return;
    action.conditionKeys = list(refs[0]);
    action.resourceTypes.forEach((type, j) => {
      type.conditionKeys = list(refs[j + 1]);
    });
  });
  service.resourceTypes.forEach((type, i) => {
    type.conditionKeys = list(conditions.resourceTypes[i]);
  });
}

/** Turns a format-2 stored service back into a Service, in place (without descriptions). */
export function serviceFromStoredV2(stored: StoredServiceV2): Service {
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
