import type { AccessLevel, Action, Dataset, Service } from '../../data/model.js';
import { primaryAccessLevel } from '../../data/access-level.js';
import { compileArnFormat, type CompiledArnFormat } from '../../arn/match.js';
import { serviceOfArn } from '../../arn/arn.js';

/**
 * One row of policy_sentry's `get_action_data`: an action on one ARN format. Rows come in the
 * database's order (actions, then each action's resource types), which decides statement order.
 */
export interface ActionRow {
  /** `svc:Action`, canonical case. */
  action: string;
  level: AccessLevel;
  /** The resource type's ARN format, or `*` for the row without a resource type. */
  format: string;
  compiled: CompiledArnFormat | undefined;
}

/** Precomputed lookups over one service for the policy writer. */
export interface ServiceIndex {
  service: Service;
  rows: ActionRow[];
  /**
   * The distinct ARN formats of the rows at a level, in order of their first row: the order in
   * which policy_sentry creates statements for an ARN at that level.
   */
  formatsAtLevel(level: AccessLevel): readonly ActionRow[];
  /** Every distinct ARN format of the service's rows (without `*`). */
  allFormats: readonly ActionRow[];
  /** The resource type name of a format (in the format's own service), cached. */
  typeNameOf(format: string): string | undefined;
  /** The rows of one action (`svc:Action`, canonical case), in order. */
  rowsOf(action: string): readonly ActionRow[];
  /** Canonical `svc:Action` by lower-cased name. */
  actionsByLowerName: Map<string, Action>;
  /** Every dependent action of an action, across all its rows, in order (duplicates removed). */
  dependentsOf(action: Action): string[];
  /** `svc:Action` of the actions at `level` that have resource type `type` (any case), in order. */
  actionsWithTypeAndLevel(type: string, level: AccessLevel): string[];
  /** `svc:Action` of the actions (any level) that have resource type `type`. */
  actionsWithType(type: string): Set<string>;
  /** Wildcard-only actions at a level, `svc:Action`, in order. */
  wildcardOnlyAt(level: AccessLevel): string[];
  /** Every action name of the service, lower-cased `svc:action`, for minimize (computed on first use). */
  readonly lowerActionNames: string[];
}

const cache = new WeakMap<Dataset, Map<string, ServiceIndex | undefined>>();

export function serviceIndex(dataset: Dataset, prefix: string): ServiceIndex | undefined {
  let perDataset = cache.get(dataset);
  if (!perDataset) {
    perDataset = new Map();
    cache.set(dataset, perDataset);
  }
  if (perDataset.has(prefix)) return perDataset.get(prefix);
  const service = dataset.getService(prefix);
  const index = service ? buildIndex(service, (format) => resourceTypeNameOfFormat(dataset, format)) : undefined;
  perDataset.set(prefix, index);
  return index;
}

/** The name of the resource type whose ARN format this is, looked up in the format's own service. */
export function resourceTypeNameOfFormat(dataset: Dataset, format: string): string | undefined {
  const service = dataset.getService(serviceOfArn(format));
  if (!service) return undefined;
  const lower = format.toLowerCase();
  return service.resourceTypes.find((t) => t.arnFormats.some((f) => f.toLowerCase() === lower))?.name;
}

function buildIndex(service: Service, lookUpTypeName: (format: string) => string | undefined): ServiceIndex {
  const formatsByType = new Map<string, string[]>();
  for (const type of service.resourceTypes) {
    if (!formatsByType.has(type.name)) formatsByType.set(type.name, type.arnFormats);
    if (!formatsByType.has(type.name.toLowerCase())) formatsByType.set(type.name.toLowerCase(), type.arnFormats);
  }
  const compiled = new Map<string, CompiledArnFormat | undefined>();
  const compile = (format: string) => {
    if (!compiled.has(format)) compiled.set(format, compileArnFormat(format));
    return compiled.get(format);
  };

  const rows: ActionRow[] = [];
  const actionsByLowerName = new Map<string, Action>();
  const byTypeAndLevel = new Map<string, string[]>();
  const byType = new Map<string, Set<string>>();
  const wildcardOnly = new Map<AccessLevel, string[]>();
  for (const action of service.actions) {
    const full = `${service.prefix}:${action.name}`;
    const level = primaryAccessLevel(action.access);
    actionsByLowerName.set(action.name.toLowerCase(), action);
    for (const type of action.resourceTypes) {
      const formats = formatsByType.get(type.name) ?? formatsByType.get(type.name.toLowerCase()) ?? ['*'];
      for (const format of formats) rows.push({ action: full, level, format, compiled: compile(format) });
      const typeKey = type.name.toLowerCase();
      const levelKey = `${typeKey}\u0000${level}`;
      const atLevel = byTypeAndLevel.get(levelKey) ?? [];
      if (!atLevel.includes(full)) atLevel.push(full);
      byTypeAndLevel.set(levelKey, atLevel);
      const anyLevel = byType.get(typeKey) ?? new Set<string>();
      anyLevel.add(full);
      byType.set(typeKey, anyLevel);
    }
    if (action.anyResource || action.resourceTypes.length === 0)
      rows.push({ action: full, level, format: '*', compiled: undefined });
    if (action.resourceTypes.length === 0) {
      const list = wildcardOnly.get(level) ?? [];
      list.push(full);
      wildcardOnly.set(level, list);
    }
  }
  const rowsByAction = new Map<string, ActionRow[]>();
  for (const row of rows) {
    const list = rowsByAction.get(row.action);
    if (list) list.push(row);
    else rowsByAction.set(row.action, [row]);
  }
  const firstRows = new Map<AccessLevel, Map<string, ActionRow>>();
  const allFormats = new Map<string, ActionRow>();
  for (const row of rows) {
    if (row.format === '*') continue;
    if (!allFormats.has(row.format)) allFormats.set(row.format, row);
    const atLevel = firstRows.get(row.level) ?? new Map<string, ActionRow>();
    if (!atLevel.has(row.format)) atLevel.set(row.format, row);
    firstRows.set(row.level, atLevel);
  }
  const formatsAtLevel = new Map([...firstRows].map(([level, byFormat]) => [level, [...byFormat.values()]]));
  const typeNames = new Map<string, string | undefined>();
  const dependents = new Map<Action, string[]>();
  let lowerNames: string[] | undefined;
  return {
    service,
    rows,
    formatsAtLevel: (level) => formatsAtLevel.get(level) ?? [],
    rowsOf: (action) => rowsByAction.get(action) ?? [],
    allFormats: [...allFormats.values()],
    typeNameOf(format) {
      if (!typeNames.has(format)) typeNames.set(format, lookUpTypeName(format));
      return typeNames.get(format);
    },
    actionsByLowerName,
    dependentsOf(action) {
      let list = dependents.get(action);
      if (!list) {
        list = [...new Set([...action.resourceTypes.flatMap((t) => t.dependentActions), ...action.dependentActions])];
        dependents.set(action, list);
      }
      return list;
    },
    actionsWithTypeAndLevel: (type, level) => byTypeAndLevel.get(`${type.toLowerCase()}\u0000${level}`) ?? [],
    actionsWithType: (type) => byType.get(type.toLowerCase()) ?? new Set(),
    wildcardOnlyAt: (level) => wildcardOnly.get(level) ?? [],
    get lowerActionNames() {
      lowerNames ??= service.actions.map((a) => `${service.prefix}:${a.name}`.toLowerCase());
      return lowerNames;
    },
  };
}
