import { formatAccessLevel } from '../data/access-level.js';
import type { Action, Dataset, ResourceType, Service } from '../data/model.js';
import { LookupError } from '../util/errors.js';
import { resolveService } from './service-lookup.js';

/**
 * One row of policy_sentry's `get_action_data`: an action on one of its resource types, the
 * row without a resource type (`resource_arn_format: "*"`) last. Field names are policy_sentry's.
 */
export interface ActionRow {
  action: string;
  description: string;
  access_level: string;
  api_documentation_link: string | null;
  resource_arn_format: string;
  condition_keys: string[];
  dependent_actions: string[];
}

const resourceIndexes = new WeakMap<Service, Map<string, ResourceType>>();

function resourceIndex(service: Service): Map<string, ResourceType> {
  let index = resourceIndexes.get(service);
  if (!index) {
    index = new Map(service.resourceTypes.map((r) => [r.name, r]));
    resourceIndexes.set(service, index);
  }
  return index;
}

/**
 * The rows of one action, with policy_sentry's quirks kept because they define the items:
 * a row's condition keys are its resource type's own keys (from the resource types table, not the
 * per-action ones) followed by the action's own keys; `dependent_actions` is one list for the whole
 * action, every resource type's dependents in order, duplicates kept; an unknown type's ARN is `*`.
 */
export function actionRows(service: Service, action: Action): ActionRow[] {
  const resources = resourceIndex(service);
  const dependents = action.resourceTypes.flatMap((t) => t.dependentActions);
  if (action.anyResource) dependents.push(...action.dependentActions);
  const row = (arnFormat: string, conditionKeys: string[]): ActionRow => ({
    action: `${service.prefix}:${action.name}`,
    description: action.description ?? '',
    access_level: formatAccessLevel(action.access),
    api_documentation_link: action.apiDocumentationUrl ?? null,
    resource_arn_format: arnFormat,
    condition_keys: conditionKeys,
    dependent_actions: [...dependents],
  });
  const rows = action.resourceTypes.map((type) => {
    const resource = resources.get(type.name);
    return row(resource?.arnFormats[0] ?? '*', [...(resource?.conditionKeys ?? []), ...action.conditionKeys]);
  });
  if (action.anyResource) rows.push(row('*', [...action.conditionKeys]));
  return rows;
}

/**
 * policy_sentry's `get_action_data`: `{prefix: rows}` for one action (name case-insensitive) or,
 * when the name ends in `*`, for every action whose name starts with the rest (case-sensitive, as
 * in policy_sentry; `*` alone is every action). An unknown action is a LookupError.
 */
export function actionData(dataset: Dataset, servicePrefix: string, name: string): Record<string, ActionRow[]> {
  const service = resolveService(dataset, servicePrefix, { described: true });
  let actions: Action[];
  if (name.endsWith('*')) {
    const start = name.slice(0, -1);
    actions = service.actions.filter((a) => a.name.startsWith(start));
  } else {
    const lower = name.toLowerCase();
    const action = service.actions.find((a) => a.name.toLowerCase() === lower);
    if (!action) {
      throw new LookupError(
        `unknown action "${service.prefix}:${name}" (list them with: iamwright query action-table -s ${service.prefix})`,
      );
    }
    actions = [action];
  }
  return { [service.prefix]: actions.flatMap((a) => actionRows(service, a)) };
}
