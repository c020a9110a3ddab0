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
  readonly service: Service;
  readonly rows: ActionRow[];
  /**
   * The distinct ARN formats of the rows at a level, in order of their first row: the order in
   * which policy_sentry creates statements for an ARN at that level.
   */
  formatsAtLevel(level: AccessLevel): readonly ActionRow[];
  /** Every distinct ARN format of the service's rows (without `*`). */
  readonly allFormats: readonly ActionRow[];
  /** The resource type name of a format (in the format's own service), cached. */
  typeNameOf(format: string): string | undefined;
  /** The rows of one action (`svc:Action`, canonical case), in order. */
  rowsOf(action: string): readonly ActionRow[];
  /** Canonical `svc:Action` by lower-cased name. */
  readonly actionsByLowerName: Map<string, Action>;
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
  const service = dataset.serviceWithoutConditionKeys(prefix);
  const index = service ? buildIndex(service, (format) => resourceTypeNameOfFormat(dataset, format)) : undefined;
  perDataset.set(prefix, index);
  return index;
}

/** The name of the resource type whose ARN format this is, looked up in the format's own service. */
export function resourceTypeNameOfFormat(dataset: Dataset, format: string): string | undefined {
  const service = dataset.serviceWithoutConditionKeys(serviceOfArn(format));
  if (!service) return undefined;
  const lower = format.toLowerCase();
  return service.resourceTypes.find((t) => t.arnFormats.some((f) => f.toLowerCase() === lower))?.name;
}

/**
 * The index of one service. Each lookup table is built on first use, by its own small method:
 * most runs need only a few of them, and V8 compiles small functions quickly (one large builder
 * kept a background compile running past the end of short runs).
 */
class LazyServiceIndex implements ServiceIndex {
  private rowList?: ActionRow[];
  private rowsByAction?: Map<string, ActionRow[]>;
  private firstRowsAtLevel?: Map<AccessLevel, ActionRow[]>;
  private distinctFormats?: ActionRow[];
  private lowerNameMap?: Map<string, Action>;
  private byTypeAndLevel?: Map<string, Map<AccessLevel, string[]>>;
  private byType?: Map<string, Set<string>>;
  private facts?: ActionFacts;
  private wildcardOnly?: Map<AccessLevel, string[]>;
  private lowerNames?: string[];
  private readonly typeNames = new Map<string, string | undefined>();
  private readonly dependents = new Map<Action, string[]>();

  constructor(
    readonly service: Service,
    private readonly lookUpTypeName: (format: string) => string | undefined,
  ) {}

  /** Each action's `svc:Action` and level, computed once for every table below. */
  private get actionFacts(): ActionFacts {
    this.facts ??= factsOf(this.service);
    return this.facts;
  }

  get rows(): ActionRow[] {
    this.rowList ??= buildRows(this.service, this.actionFacts);
    return this.rowList;
  }

  formatsAtLevel(level: AccessLevel): readonly ActionRow[] {
    this.firstRowsAtLevel ??= firstRowPerFormatByLevel(this.rows);
    return this.firstRowsAtLevel.get(level) ?? [];
  }

  get allFormats(): readonly ActionRow[] {
    this.distinctFormats ??= firstRowPerFormat(this.rows);
    return this.distinctFormats;
  }

  typeNameOf(format: string): string | undefined {
    if (!this.typeNames.has(format)) this.typeNames.set(format, this.lookUpTypeName(format));
    return this.typeNames.get(format);
  }

  rowsOf(action: string): readonly ActionRow[] {
    this.rowsByAction ??= groupRowsByAction(this.rows);
    return this.rowsByAction.get(action) ?? [];
  }

  get actionsByLowerName(): Map<string, Action> {
    this.lowerNameMap ??= new Map(this.service.actions.map((action) => [action.name.toLowerCase(), action]));
    return this.lowerNameMap;
  }

  dependentsOf(action: Action): string[] {
    let list = this.dependents.get(action);
    if (!list) {
      const all = [...action.resourceTypes.flatMap((t) => t.dependentActions), ...action.dependentActions];
      // Most actions have none: share one empty list rather than build a Set for each.
      list = all.length === 0 ? NO_DEPENDENTS : [...new Set(all)];
      this.dependents.set(action, list);
    }
    return list;
  }

  actionsWithTypeAndLevel(type: string, level: AccessLevel): string[] {
    this.byTypeAndLevel ??= indexActionsByTypeAndLevel(this.service, this.actionFacts);
    return this.byTypeAndLevel.get(type.toLowerCase())?.get(level) ?? [];
  }

  actionsWithType(type: string): Set<string> {
    this.byType ??= indexActionsByType(this.service, this.actionFacts);
    return this.byType.get(type.toLowerCase()) ?? new Set();
  }

  wildcardOnlyAt(level: AccessLevel): string[] {
    this.wildcardOnly ??= wildcardOnlyByLevel(this.service, this.actionFacts);
    return this.wildcardOnly.get(level) ?? [];
  }

  get lowerActionNames(): string[] {
    this.lowerNames ??= this.actionFacts.fullNames.map((name) => name.toLowerCase());
    return this.lowerNames;
  }
}

const NO_DEPENDENTS: string[] = [];

/** Per action, by position in `service.actions`. */
interface ActionFacts {
  fullNames: string[];
  levels: AccessLevel[];
  /** Whether two actions share a name: only then can an action be listed twice under one key. */
  hasDuplicateNames: boolean;
}

function factsOf(service: Service): ActionFacts {
  const fullNames = service.actions.map((action) => `${service.prefix}:${action.name}`);
  const levels = service.actions.map((action) => primaryAccessLevel(action.access));
  return { fullNames, levels, hasDuplicateNames: new Set(fullNames).size !== fullNames.length };
}

/** Lower-cases resource type names, each distinct name once (the same few names recur per action). */
function lowerCaser(): (name: string) => string {
  const lower = new Map<string, string>();
  return (name) => {
    let key = lower.get(name);
    if (key === undefined) {
      key = name.toLowerCase();
      lower.set(name, key);
    }
    return key;
  };
}

function buildIndex(service: Service, lookUpTypeName: (format: string) => string | undefined): ServiceIndex {
  return new LazyServiceIndex(service, lookUpTypeName);
}

/** ARN formats by resource type name, as written and lower-cased (the first type of a name wins). */
function formatsByTypeName(service: Service): Map<string, string[]> {
  const formatsByType = new Map<string, string[]>();
  for (const type of service.resourceTypes) {
    if (!formatsByType.has(type.name)) formatsByType.set(type.name, type.arnFormats);
    const lower = type.name.toLowerCase();
    if (!formatsByType.has(lower)) formatsByType.set(lower, type.arnFormats);
  }
  return formatsByType;
}

/** policy_sentry's rows: each action on each ARN format of its resource types, then `*` where it applies. */
function buildRows(service: Service, facts: ActionFacts): ActionRow[] {
  const formatsByType = formatsByTypeName(service);
  const compiled = new Map<string, CompiledArnFormat | undefined>();
  const rows: ActionRow[] = [];
  for (let i = 0; i < service.actions.length; i++) {
    const action = service.actions[i]!;
    const full = facts.fullNames[i]!;
    const level = facts.levels[i]!;
    for (const type of action.resourceTypes) {
      const formats = formatsByType.get(type.name) ?? formatsByType.get(type.name.toLowerCase()) ?? ['*'];
      for (const format of formats) {
        let compiledFormat = compiled.get(format);
        if (compiledFormat === undefined && !compiled.has(format)) {
          compiledFormat = compileArnFormat(format);
          compiled.set(format, compiledFormat);
        }
        rows.push({ action: full, level, format, compiled: compiledFormat });
      }
    }
    if (action.anyResource || action.resourceTypes.length === 0)
      rows.push({ action: full, level, format: '*', compiled: undefined });
  }
  return rows;
}

function groupRowsByAction(rows: readonly ActionRow[]): Map<string, ActionRow[]> {
  const rowsByAction = new Map<string, ActionRow[]>();
  for (const row of rows) {
    const list = rowsByAction.get(row.action);
    if (list) list.push(row);
    else rowsByAction.set(row.action, [row]);
  }
  return rowsByAction;
}

/** The first row of each distinct format (without `*`) at each level, in row order. */
function firstRowPerFormatByLevel(rows: readonly ActionRow[]): Map<AccessLevel, ActionRow[]> {
  const firstRows = new Map<AccessLevel, Map<string, ActionRow>>();
  for (const row of rows) {
    if (row.format === '*') continue;
    let atLevel = firstRows.get(row.level);
    if (!atLevel) {
      atLevel = new Map();
      firstRows.set(row.level, atLevel);
    }
    if (!atLevel.has(row.format)) atLevel.set(row.format, row);
  }
  return new Map([...firstRows].map(([level, byFormat]) => [level, [...byFormat.values()]]));
}

function firstRowPerFormat(rows: readonly ActionRow[]): ActionRow[] {
  const allFormats = new Map<string, ActionRow>();
  for (const row of rows) if (row.format !== '*' && !allFormats.has(row.format)) allFormats.set(row.format, row);
  return [...allFormats.values()];
}

/** `svc:Action` by lower-cased resource type, then level, in action order (each action once). */
function indexActionsByTypeAndLevel(service: Service, facts: ActionFacts): Map<string, Map<AccessLevel, string[]>> {
  const byTypeAndLevel = new Map<string, Map<AccessLevel, string[]>>();
  const lower = lowerCaser();
  for (let i = 0; i < service.actions.length; i++) {
    const action = service.actions[i]!;
    const full = facts.fullNames[i]!;
    const level = facts.levels[i]!;
    for (const type of action.resourceTypes) {
      const typeKey = lower(type.name);
      let byLevel = byTypeAndLevel.get(typeKey);
      if (!byLevel) {
        byLevel = new Map();
        byTypeAndLevel.set(typeKey, byLevel);
      }
      const atLevel = byLevel.get(level);
      // An action's own types can repeat a name (in another case): the last entry is then this
      // action. Only a service with duplicate action names needs the whole-list check.
      if (!atLevel) byLevel.set(level, [full]);
      else if (atLevel[atLevel.length - 1] !== full && !(facts.hasDuplicateNames && atLevel.includes(full)))
        atLevel.push(full);
    }
  }
  return byTypeAndLevel;
}

/** `svc:Action` by lower-cased resource type, at any level. */
function indexActionsByType(service: Service, facts: ActionFacts): Map<string, Set<string>> {
  const byType = new Map<string, Set<string>>();
  const lower = lowerCaser();
  for (let i = 0; i < service.actions.length; i++) {
    const action = service.actions[i]!;
    for (const type of action.resourceTypes) {
      const typeKey = lower(type.name);
      const anyLevel = byType.get(typeKey);
      if (anyLevel) anyLevel.add(facts.fullNames[i]!);
      else byType.set(typeKey, new Set([facts.fullNames[i]!]));
    }
  }
  return byType;
}

function wildcardOnlyByLevel(service: Service, facts: ActionFacts): Map<AccessLevel, string[]> {
  const wildcardOnly = new Map<AccessLevel, string[]>();
  for (let i = 0; i < service.actions.length; i++) {
    const action = service.actions[i]!;
    if (action.resourceTypes.length > 0) continue;
    const level = facts.levels[i]!;
    const list = wildcardOnly.get(level);
    const full = facts.fullNames[i]!;
    if (list) list.push(full);
    else wildcardOnly.set(level, [full]);
  }
  return wildcardOnly;
}
