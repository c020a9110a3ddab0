/**
 * iamwright's compiled dataset: a directory with
 * - `manifest.json`: format, provenance, counts and the service list (read eagerly, small);
 * - `summaries.json`: `{prefix: [[actionName, levelBits, wildcardOnly01], ...]}` for queries over all services;
 * - `services/<prefix>.json`: one Service each, read on first use.
 */
import type { AccessLevelFlags, DatasetCounts, Provenance, ServiceInfo } from './model.js';

export const DATASET_FORMAT = 'iamwright-dataset';
export const DATASET_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const SUMMARIES_FILE = 'summaries.json';
export const SERVICES_DIR = 'services';

export interface Manifest {
  format: typeof DATASET_FORMAT;
  formatVersion: typeof DATASET_FORMAT_VERSION;
  provenance: Provenance;
  counts: DatasetCounts;
  services: ServiceInfo[];
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
