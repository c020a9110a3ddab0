/**
 * Compiles one AWS Service Reference file (`v1/<svc>/<svc>.json`) into our Service model.
 * The format is validated strictly, failing closed: any key or type we do not expect is a
 * DataError naming the file and the JSON path, because a silently misread access level would
 * make policies wrong.
 */
import type { AccessLevelFlags, Action, ConditionKey, ResourceType, Service } from '../model.js';
import { SERVICE_AUTHORIZATION_REFERENCE_URL, SERVICE_PREFIX_PATTERN } from '../dataset-format.js';
import { DataError } from '../../util/errors.js';

/** What the Service Reference lacks, taken from another dataset when it knows the same service ("hybrid"). */
export interface ServiceHints {
  name: string;
  url: string;
  /** Action descriptions and `required` markers, by exact action name. */
  actions: ReadonlyMap<string, { description: string; requiredTypes: ReadonlySet<string> }>;
  /** Condition key descriptions, by exact key name. */
  conditionKeys: ReadonlyMap<string, string>;
}

/** Distils a service of another dataset into hints. */
export function hintsFromService(service: Service): ServiceHints {
  return {
    name: service.name,
    url: service.url,
    actions: new Map(
      service.actions.map((a) => [
        a.name,
        {
          description: a.description ?? '',
          requiredTypes: new Set(a.resourceTypes.filter((r) => r.required).map((r) => r.name)),
        },
      ]),
    ),
    conditionKeys: new Map(service.conditionKeys.map((c) => [c.name, c.description ?? ''])),
  };
}

type Json = unknown;

class Reader {
  constructor(private readonly file: string) {}

  fail(path: string, problem: string): never {
    throw new DataError(`${this.file}: ${path}: ${problem}`);
  }

  /** An object with any keys. */
  record(value: Json, path: string): Record<string, Json> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, 'expected an object');
    return value as Record<string, Json>;
  }

  /** An object with only `allowed` keys, `required` ones present. */
  object(value: Json, path: string, allowed: readonly string[], required: readonly string[]): Record<string, Json> {
    const record = this.record(value, path);
    for (const key of Object.keys(record)) {
      if (!allowed.includes(key)) this.fail(path, `unexpected key "${key}"`);
    }
    for (const key of required) if (!(key in record)) this.fail(path, `missing "${key}"`);
    return record;
  }

  array(value: Json, path: string): Json[] {
    if (!Array.isArray(value)) this.fail(path, 'expected an array');
    return value;
  }

  string(value: Json, path: string): string {
    if (typeof value !== 'string' || value === '') this.fail(path, 'expected a non-empty string');
    return value;
  }

  boolean(value: Json, path: string): boolean {
    if (typeof value !== 'boolean') this.fail(path, 'expected true or false');
    return value;
  }

  strings(value: Json, path: string): string[] {
    return this.array(value, path).map((item, i) => this.string(item, `${path}[${i}]`));
  }

  /** An optional list of strings: absent means empty. */
  optionalStrings(record: Record<string, Json>, key: string, path: string): string[] {
    return key in record ? this.strings(record[key], `${path}.${key}`) : [];
  }

  /**
   * Names must be unique within their list. AWS's data repeats some entries verbatim (e.g. a
   * resource type listed twice for one action): exact repeats are dropped, differing ones fail.
   */
  unique<T extends { name: string }>(items: T[], path: string): T[] {
    const seen = new Map<string, string>();
    return items.filter((item, i) => {
      const text = JSON.stringify(item);
      const earlier = seen.get(item.name);
      if (earlier === undefined) {
        seen.set(item.name, text);
        return true;
      }
      if (earlier !== text) this.fail(`${path}[${i}].Name`, `duplicate "${item.name}" with a different definition`);
      return false;
    });
  }
}

const TOP_KEYS = ['Name', 'Actions', 'ConditionKeys', 'Operations', 'Resources', 'Version'];
const ACTION_KEYS = ['Name', 'ActionConditionKeys', 'Annotations', 'DependentActions', 'Resources', 'SupportedBy'];
const PROPERTY_KEYS = ['IsList', 'IsPermissionManagement', 'IsTaggingOnly', 'IsWrite'];

function readAccess(r: Reader, value: Json, path: string): AccessLevelFlags {
  const annotations = r.object(value, path, ['Properties'], ['Properties']);
  const props = r.object(annotations.Properties, `${path}.Properties`, PROPERTY_KEYS, PROPERTY_KEYS);
  const flag = (key: string) => r.boolean(props[key], `${path}.Properties.${key}`);
  const access = {
    list: flag('IsList'),
    read: false,
    write: flag('IsWrite'),
    permissionsManagement: flag('IsPermissionManagement'),
    tagging: flag('IsTaggingOnly'),
  };
  access.read = !access.list && !access.write && !access.permissionsManagement && !access.tagging;
  return access;
}

function readAction(r: Reader, value: Json, path: string, hints: ServiceHints | undefined): Action {
  const raw = r.object(value, path, ACTION_KEYS, ['Name', 'Annotations']);
  const name = r.string(raw.Name, `${path}.Name`);
  const access = readAccess(r, raw.Annotations, `${path}.Annotations`);
  if ('SupportedBy' in raw) {
    // Which IAM features support the action: not used, but each must be a flag.
    for (const [key, flag] of Object.entries(r.record(raw.SupportedBy, `${path}.SupportedBy`))) {
      r.boolean(flag, `${path}.SupportedBy.${JSON.stringify(key)}`);
    }
  }
  const resources = 'Resources' in raw ? r.array(raw.Resources, `${path}.Resources`) : [];
  const hint = hints?.actions.get(name);
  const rows = resources.map((item, i) => {
    const where = `${path}.Resources[${i}]`;
    const row = r.object(item, where, ['Name', 'ConditionKeys'], ['Name']);
    const typeName = r.string(row.Name, `${where}.Name`);
    return {
      name: typeName,
      required: hint?.requiredTypes.has(typeName) ?? false,
      conditionKeys: r.optionalStrings(row, 'ConditionKeys', where),
      dependentActions: [],
    };
  });
  const resourceTypes = r.unique(rows, `${path}.Resources`);
  const conditionKeys = r.optionalStrings(raw, 'ActionConditionKeys', path);
  const dependentActions = r.optionalStrings(raw, 'DependentActions', path);
  return {
    name,
    description: hint?.description ?? '',
    access,
    resourceTypes,
    anyResource: resourceTypes.length === 0 || conditionKeys.length > 0 || dependentActions.length > 0,
    conditionKeys,
    dependentActions,
  };
}

function readResourceType(r: Reader, value: Json, path: string): ResourceType {
  const raw = r.object(value, path, ['Name', 'ARNFormats', 'ConditionKeys'], ['Name', 'ARNFormats']);
  const arnFormats = r.strings(raw.ARNFormats, `${path}.ARNFormats`);
  if (arnFormats.length === 0) r.fail(`${path}.ARNFormats`, 'expected at least one ARN format');
  return {
    name: r.string(raw.Name, `${path}.Name`),
    arnFormats,
    conditionKeys: r.optionalStrings(raw, 'ConditionKeys', path),
  };
}

function readConditionKey(r: Reader, value: Json, path: string, hints: ServiceHints | undefined): ConditionKey {
  const raw = r.object(value, path, ['Name', 'Types'], ['Name', 'Types']);
  const name = r.string(raw.Name, `${path}.Name`);
  const types = r.strings(raw.Types, `${path}.Types`);
  if (types.length === 0) r.fail(`${path}.Types`, 'expected at least one type');
  return { name, type: types.join(', '), description: hints?.conditionKeys.get(name) ?? '' };
}

export interface CompiledServiceReference {
  service: Service;
  /** The file's `Version` (e.g. `v1.4`), when it has one. */
  version: string | undefined;
}

/**
 * Compiles a parsed Service Reference document. `file` names it in errors; `expectedPrefix`, when
 * given, must equal its `Name`. Actions are sorted by name; resource types and condition keys keep
 * the file's order.
 */
export function compileServiceReference(
  doc: Json,
  file: string,
  hints?: ServiceHints,
  expectedPrefix?: string,
): CompiledServiceReference {
  const r = new Reader(file);
  const raw = r.object(doc, '$', TOP_KEYS, ['Name', 'Actions']);
  const prefix = r.string(raw.Name, '$.Name');
  if (!SERVICE_PREFIX_PATTERN.test(prefix)) r.fail('$.Name', `"${prefix}" is not a service prefix`);
  if (expectedPrefix !== undefined && prefix !== expectedPrefix) {
    r.fail('$.Name', `expected "${expectedPrefix}", found "${prefix}"`);
  }
  const version = 'Version' in raw ? r.string(raw.Version, '$.Version') : undefined;
  if ('Operations' in raw) {
    // Not used (SDK operation -> actions mapping); only its outline is checked, so AWS can extend it.
    r.array(raw.Operations, '$.Operations').forEach((op, i) => {
      r.record(op, `$.Operations[${i}]`);
    });
  }
  const actions = r.unique(
    r.array(raw.Actions, '$.Actions').map((a, i) => readAction(r, a, `$.Actions[${i}]`, hints)),
    '$.Actions',
  );
  actions.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const resourceTypes = r.unique(
    ('Resources' in raw ? r.array(raw.Resources, '$.Resources') : []).map((t, i) =>
      readResourceType(r, t, `$.Resources[${i}]`),
    ),
    '$.Resources',
  );
  const conditionKeys = r.unique(
    ('ConditionKeys' in raw ? r.array(raw.ConditionKeys, '$.ConditionKeys') : []).map((c, i) =>
      readConditionKey(r, c, `$.ConditionKeys[${i}]`, hints),
    ),
    '$.ConditionKeys',
  );
  return {
    service: {
      prefix,
      name: hints?.name ?? prefix,
      url: hints?.url ?? SERVICE_AUTHORIZATION_REFERENCE_URL,
      actions,
      resourceTypes,
      conditionKeys,
    },
    version,
  };
}
