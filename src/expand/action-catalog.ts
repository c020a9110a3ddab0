/**
 * IAM action patterns (`s3:Get*`, `*`, `ec2:Describe?pcs`) resolved against the dataset. IAM compares
 * actions case-insensitively, `*` matching any run of characters and `?` any one. A pattern naming one
 * service loads only that service; only patterns with a wildcard in the service part (or `*`) read the
 * summaries of every service.
 */
import type { AccessLevelFlags, Action, Dataset, ResourceType, Service } from '../data/model.js';
import { codePointCompare } from '../policy/minimize.js';

/** One concrete action of the dataset. */
export interface CatalogAction {
  /** `svc:Name`, in the dataset's case. */
  readonly full: string;
  readonly service: string;
  readonly access: AccessLevelFlags;
  /** True when the action takes no resource type (only `Resource: "*"`). */
  readonly wildcardOnly: boolean;
  /** The full model; absent for actions found through the all-services summaries. */
  readonly model?: Action | undefined;
}

export type PatternMatch =
  /** Not `service:action` (nor `*`). */
  | { kind: 'invalid' }
  /** The service part names no service of the dataset. */
  | { kind: 'unknown-service'; service: string }
  /**
   * The actions the pattern selects, sorted; empty for an unknown action or a wildcard that matches
   * nothing. `allServices` is true when the service part has a wildcard (any service may match).
   */
  | { kind: 'matched'; wildcard: boolean; allServices: boolean; actions: readonly CatalogAction[] };

/** True when the text holds an IAM wildcard. */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

const matchers = new Map<string, (text: string) => boolean>();

/** A case-insensitive, anchored matcher for an IAM wildcard pattern (cached: policies repeat patterns). */
export function globMatcher(pattern: string): (text: string) => boolean {
  let matcher = matchers.get(pattern);
  if (!matcher) {
    matcher = compileGlob(pattern);
    matchers.set(pattern, matcher);
  }
  return matcher;
}

function compileGlob(pattern: string): (text: string) => boolean {
  if (!hasWildcard(pattern)) {
    const lower = pattern.toLowerCase();
    return (text) => text.toLowerCase() === lower;
  }
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`, 'is');
  return (text) => regex.test(text);
}

/** Lookups over one dataset, cached: build one per dataset and reuse it for a whole policy. */
export class ActionCatalog {
  private readonly services = new Map<string, Service | undefined>();
  private readonly actionsByService = new Map<string, CatalogAction[]>();
  private readonly lowerNamesByService = new Map<string, Map<string, CatalogAction>>();
  private summaryActions: CatalogAction[] | undefined;
  private readonly patterns = new Map<string, PatternMatch>();
  private readonly typesByService = new Map<string, Map<string, ResourceType>>();

  constructor(readonly dataset: Dataset) {}

  /** A resource type of a service by name, case-insensitively (the first of a name, as a search finds). */
  resourceType(prefix: string, name: string): ResourceType | undefined {
    let types = this.typesByService.get(prefix);
    if (!types) {
      types = new Map();
      for (const type of this.service(prefix)?.resourceTypes ?? []) {
        const lower = type.name.toLowerCase();
        if (!types.has(lower)) types.set(lower, type);
      }
      this.typesByService.set(prefix, types);
    }
    return types.get(name.toLowerCase());
  }

  /**
   * The service with this prefix, looked up as written, then lower-cased (IAM ignores case). Its
   * condition-key lists may be empty: readers of condition keys use `serviceWithConditionKeys`.
   */
  service(prefix: string): Service | undefined {
    if (!this.services.has(prefix)) {
      this.services.set(
        prefix,
        this.dataset.serviceWithoutConditionKeys(prefix) ??
          this.dataset.serviceWithoutConditionKeys(prefix.toLowerCase()),
      );
    }
    return this.services.get(prefix);
  }

  /**
   * `service` with its condition keys, filled into the same objects (its actions and resource types,
   * as `actionsOf` and `resourceType` return them, then carry their keys too).
   */
  serviceWithConditionKeys(prefix: string): Service | undefined {
    const service = this.service(prefix);
    return service && this.dataset.getService(service.prefix);
  }

  /** Every action of a known service, in the dataset's order. */
  actionsOf(service: Service): readonly CatalogAction[] {
    let actions = this.actionsByService.get(service.prefix);
    if (!actions) {
      actions = service.actions.map((model) => ({
        full: `${service.prefix}:${model.name}`,
        service: service.prefix,
        access: model.access,
        wildcardOnly: model.resourceTypes.length === 0,
        model,
      }));
      this.actionsByService.set(service.prefix, actions);
    }
    return actions;
  }

  private byLowerName(service: Service): Map<string, CatalogAction> {
    let index = this.lowerNamesByService.get(service.prefix);
    if (!index) {
      index = new Map(this.actionsOf(service).map((a) => [a.model!.name.toLowerCase(), a]));
      this.lowerNamesByService.set(service.prefix, index);
    }
    return index;
  }

  /** Every action of the dataset, from the action summaries (no service file is read). */
  allActions(): readonly CatalogAction[] {
    if (!this.summaryActions) {
      const all: CatalogAction[] = [];
      for (const [prefix, summaries] of this.dataset.actionSummaries()) {
        const loaded = this.actionsByService.get(prefix);
        if (loaded) {
          all.push(...loaded);
          continue;
        }
        for (const summary of summaries) {
          all.push({
            full: `${prefix}:${summary.name}`,
            service: prefix,
            access: summary.access,
            wildcardOnly: summary.wildcardOnly,
          });
        }
      }
      this.summaryActions = all;
    }
    return this.summaryActions;
  }

  /** What an action pattern from a policy selects. */
  match(pattern: string): PatternMatch {
    let result = this.patterns.get(pattern);
    if (!result) {
      result = this.resolve(pattern);
      this.patterns.set(pattern, result);
    }
    return result;
  }

  private resolve(pattern: string): PatternMatch {
    const wildcard = hasWildcard(pattern);
    const colon = pattern.indexOf(':');
    if (colon < 0) {
      if (pattern !== '' && /^[*?]+$/.test(pattern)) {
        return { kind: 'matched', wildcard: true, allServices: true, actions: sorted(this.allActions()) };
      }
      return { kind: 'invalid' };
    }
    const servicePart = pattern.slice(0, colon);
    const namePart = pattern.slice(colon + 1);
    if (servicePart === '' || namePart === '' || namePart.includes(':')) return { kind: 'invalid' };
    if (hasWildcard(servicePart)) {
      const matches = globMatcher(pattern);
      const actions = this.allActions().filter((a) => matches(a.full));
      return { kind: 'matched', wildcard: true, allServices: true, actions: sorted(actions) };
    }
    const service = this.service(servicePart);
    if (!service) return { kind: 'unknown-service', service: servicePart };
    if (!wildcard) {
      const action = this.byLowerName(service).get(namePart.toLowerCase());
      return { kind: 'matched', wildcard, allServices: false, actions: action ? [action] : [] };
    }
    const matches = globMatcher(namePart);
    const actions = this.actionsOf(service).filter((a) => matches(a.model!.name));
    return { kind: 'matched', wildcard, allServices: false, actions: sorted(actions) };
  }
}

function sorted(actions: readonly CatalogAction[]): CatalogAction[] {
  return [...actions].sort((a, b) => codePointCompare(a.full, b.full));
}
