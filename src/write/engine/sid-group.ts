import type { AccessLevel, Action, Dataset } from '../../data/model.js';
import { prepareArn, matchesFormat } from '../../arn/match.js';
import { serviceOfArn } from '../../arn/arn.js';
import { serviceIndex, type ActionRow, type ServiceIndex } from './service-index.js';
import { SID_LEVEL_LABEL, sidName } from './sid-name.js';
import { conditionSidSuffix } from '../conditions.js';
import { narrowingCondition } from './dependent-scoping.js';
import type { ConditionSpec } from '../template/types.js';

export const WILDCARD_SID = 'MultMultNone';
export const SKIP_SID = 'SkipResourceConstraints';

/** One statement in the making: its Resource list, the ARN format it was built for, its actions. */
export interface SidEntry {
  arns: string[];
  /** The matched ARN format, or `*` for the statements on `Resource: "*"`. */
  arnFormat: string;
  actions: string[];
  /** The resource type the statement is scoped to (undefined on `Resource: "*"`). */
  resourceType?: string | undefined;
  /** Conditions from the template (an iamwright extension); empty for policy_sentry templates. */
  conditions: readonly ConditionSpec[];
  /** Where the conditions come from in the template, for warnings. */
  conditionsPath: (string | number)[];
}

/** Conditions to put on statements, with where they come from in the template. */
export interface ConditionSource {
  conditions: readonly ConditionSpec[];
  path: (string | number)[];
  /** Conditions that tell statements apart (an ARN entry's own), named in the SID. */
  distinguishing: readonly ConditionSpec[];
}

/** What needed a dependent action: a service, and in CRUD mode the ARN and statement. */
interface DependentOrigin {
  service: string;
  arn?: string;
  sid?: string;
}

const NO_CONDITIONS: ConditionSource = { conditions: [], path: [], distinguishing: [] };

/**
 * policy_sentry's SidGroup: statements keyed by SID in insertion order, which is the order of
 * the output. Each operation mirrors one step of policy_sentry's algorithm (spec §5), because
 * statement order, grouping and the placement of dependent actions must come out the same.
 */
export class SidGroup {
  readonly sids = new Map<string, SidEntry>();
  /** skip-resource-constraints entries, exempt from the `*` de-duplication. */
  readonly skipped: string[] = [];
  private readonly matchers = new Map<string, (row: ActionRow) => boolean>();
  /** Why each dependent was put on MultMultNone: the service (and ARN, SID) that needed it. */
  private readonly dependentOrigins = new Map<string, DependentOrigin[]>();
  /** Actions on MultMultNone for their own sake (wildcard-only, or listed without a resource type). */
  private readonly unscopedByRequest = new Set<string>();

  /** `templateConditions`: conditions for every statement (the template's `conditions:`). */
  constructor(
    private readonly dataset: Dataset,
    private readonly templateConditions: ConditionSource = NO_CONDITIONS,
  ) {}

  /**
   * Every action of the ARN's service at `level` on each resource type the ARN matches, one
   * statement per (service, level, type). Dependents of the same type join the statement;
   * others go to MultMultNone, which is inserted before the statement that brought them.
   * Returns whether the ARN matched any ARN format of its service (at any level).
   */
  addByArnAndLevel(arn: string, level: AccessLevel, conditions: ConditionSource = this.templateConditions): boolean {
    const service = serviceOfArn(arn);
    const index = serviceIndex(this.dataset, service);
    if (!index) return false;
    const matches = this.formatMatcher(arn);
    for (const row of index.formatsAtLevel(level)) {
      if (!matches(row)) continue;
      const typeName = index.typeNameOf(row.format) ?? '';
      const sid = sidName(service, SID_LEVEL_LABEL[level], typeName) + conditionSidSuffix(conditions.distinguishing);
      const existing = this.sids.get(sid);
      if (existing) {
        if (!existing.arns.includes(arn)) existing.arns.push(arn);
        continue;
      }
      const actions = [...index.actionsWithTypeAndLevel(typeName, level)];
      const sameType = index.actionsWithType(typeName);
      for (const dependent of this.dependentsOf(service, actions)) {
        if (actions.includes(dependent)) continue;
        if (sameType.has(dependent)) actions.push(dependent);
        else this.addDependent(dependent, { service, arn, sid });
      }
      this.sids.set(sid, {
        arns: [arn],
        arnFormat: row.format,
        actions,
        resourceType: typeName,
        conditions: conditions.conditions,
        conditionsPath: conditions.path,
      });
    }
    return index.allFormats.some(matches);
  }

  /** Matching an ARN against a format is cached: the same ARN is usually listed at several levels. */
  private formatMatcher(arn: string): (row: ActionRow) => boolean {
    let cached = this.matchers.get(arn);
    if (!cached) {
      const underTest = prepareArn(arn);
      const results = new Map<string, boolean>();
      cached = (row) => {
        let result = results.get(row.format);
        if (result === undefined) {
          result = matchesFormat(underTest, row.compiled);
          results.set(row.format, result);
        }
        return result;
      };
      this.matchers.set(arn, cached);
    }
    return cached;
  }

  /** Appends an action to MultMultNone or SkipResourceConstraints (`Resource: "*"`). */
  addWithoutResourceConstraint(action: string, sid: typeof WILDCARD_SID | typeof SKIP_SID = WILDCARD_SID): void {
    const entry = this.sids.get(sid);
    if (!entry) this.sids.set(sid, { arns: ['*'], arnFormat: '*', actions: [action], ...this.unscopedConditions() });
    else if (!entry.actions.includes(action)) entry.actions.push(action);
  }

  addSkipResourceConstraints(actions: readonly string[]): void {
    this.skipped.push(...actions);
    for (const action of actions) this.addWithoutResourceConstraint(action, SKIP_SID);
  }

  /**
   * policy_sentry's `add_by_list_of_actions` (actions mode and wildcard-only): each action's ARN
   * formats are themselves added as ARNs at the action's level, then every statement is cut
   * back to the requested actions and their dependents; actions listed without a resource type
   * go to MultMultNone, and actions scoped elsewhere are removed from the `*` statements.
   * Actions must exist (the template was validated).
   */
  addByListOfActions(supplied: readonly string[]): void {
    const suppliedSet = new Set(supplied);
    const dependents = this.dependentsOfActions(supplied).filter((d) => !suppliedSet.has(d));
    const unscoped: string[] = [];
    for (const action of supplied) {
      const [service, name] = splitAction(action);
      const index = serviceIndex(this.dataset, service);
      if (!index) continue;
      for (const canonical of actionsNamed(index, name)) {
        const full = `${service}:${canonical.name}`;
        for (const row of index.rowsOf(full)) {
          if (row.format === '*') unscoped.push(full);
          else this.addByArnAndLevel(row.format, row.level);
        }
      }
    }
    for (const dependent of dependents) {
      for (const needer of this.suppliersOf(dependent, supplied)) this.addDependent(dependent, { service: needer });
    }
    const keep = new Set([...supplied, ...dependents].map((a) => a.toLowerCase()));
    for (const [sid, entry] of this.sids) {
      entry.actions = entry.actions.filter((a) => keep.has(a.toLowerCase()));
      if (entry.actions.length === 0) this.sids.delete(sid);
    }
    for (const action of unscoped) {
      this.unscopedByRequest.add(action);
      this.addWithoutResourceConstraint(action);
    }
    this.removeActionsDuplicatedInWildcard();
  }

  private addDependent(dependent: string, origin: DependentOrigin): void {
    const origins = this.dependentOrigins.get(dependent) ?? [];
    origins.push(origin);
    this.dependentOrigins.set(dependent, origins);
    this.addWithoutResourceConstraint(dependent);
  }

  /** The services of the supplied actions that declare `dependent`. */
  private suppliersOf(dependent: string, supplied: readonly string[]): string[] {
    const services = new Set<string>();
    for (const full of supplied) {
      const [service, name] = splitAction(full);
      const index = serviceIndex(this.dataset, service);
      if (!index) continue;
      if (actionsNamed(index, name).some((a) => index.dependentsOf(a).includes(dependent))) services.add(service);
    }
    return [...services];
  }

  /**
   * `--strict-dependents`: dependents that sit on `Resource: "*"` only because another action
   * needs them are scoped instead: to the ARN that needed them when they support it; failing
   * that, with a condition that narrows them to the service that needs them; failing that, left
   * out. Returns a message for each, so that nothing changes silently.
   */
  scopeDependents(): string[] {
    const wildcard = this.sids.get(WILDCARD_SID);
    if (!wildcard) return [];
    const messages: string[] = [];
    const narrowed = new Map<string, ConditionSpec>();
    for (const dependent of [...wildcard.actions]) {
      const origins = this.dependentOrigins.get(dependent);
      if (!origins || this.unscopedByRequest.has(dependent)) continue;
      wildcard.actions = wildcard.actions.filter((a) => a !== dependent);
      for (const origin of origins) messages.push(this.scopeDependent(dependent, origin, narrowed));
    }
    if (wildcard.actions.length === 0) this.sids.delete(WILDCARD_SID);
    // One statement per narrowing condition: actions share it only when their values are the same.
    for (const [dependent, condition] of narrowed) {
      const sid = `${WILDCARD_SID}${conditionSidSuffix([condition])}`;
      const existing = this.sids.get(sid);
      if (existing) existing.actions.push(dependent);
      else {
        const conditions = [...this.templateConditions.conditions, condition];
        this.sids.set(sid, { arns: ['*'], arnFormat: '*', actions: [dependent], conditions, conditionsPath: [] });
      }
    }
    return [...new Set(messages)];
  }

  private scopeDependent(dependent: string, origin: DependentOrigin, narrowed: Map<string, ConditionSpec>): string {
    const needs = origin.arn ?? `${origin.service} actions`;
    const entry = origin.sid ? this.sids.get(origin.sid) : undefined;
    if (entry && origin.arn && this.supportsArn(dependent, origin.arn)) {
      if (!entry.actions.includes(dependent)) entry.actions.push(dependent);
      return `${dependent} (a dependent action) is scoped to ${origin.arn} in ${origin.sid}`;
    }
    const condition = narrowingCondition(dependent, origin.service, origin.arn, this.dataset);
    if (condition) {
      const previous = narrowed.get(dependent);
      const values = [...new Set([...((previous?.values as string[]) ?? []), ...(condition.values as string[])])];
      narrowed.set(dependent, { ...condition, values: values.sort() });
      return `${dependent} (needed by ${needs}) is granted on "*" only with ${condition.key} = ${String(condition.values)}`;
    }
    return `${dependent} (needed by ${needs}) was left out: it supports no resource type or condition that scopes it to this use; add it by hand if the action needs it`;
  }

  /** Whether one of the dependent's own ARN formats matches `arn`. */
  private supportsArn(dependent: string, arn: string): boolean {
    const [service, name] = splitAction(dependent);
    const index = serviceIndex(this.dataset, service);
    const action = index?.actionsByLowerName.get(name.toLowerCase());
    if (!index || !action) return false;
    const matches = this.formatMatcher(arn);
    const typeNames = new Set(action.resourceTypes.map((t) => t.name.toLowerCase()));
    return index.allFormats.some(
      (row) => typeNames.has((index.typeNameOf(row.format) ?? '').toLowerCase()) && matches(row),
    );
  }

  /**
   * `--resource-placeholder '*'`: statements whose Resources are ARN formats with `${...}`
   * placeholders (actions mode) are folded into MultMultNone. Returns the actions moved.
   */
  moveFormatResourcesToWildcard(): string[] {
    const moved: string[] = [];
    for (const [sid, entry] of this.sids) {
      if (!entry.arns.some((arn) => arn.includes('${'))) continue;
      this.sids.delete(sid);
      for (const action of entry.actions) {
        if (!moved.includes(action)) moved.push(action);
        this.addWithoutResourceConstraint(action);
      }
    }
    return moved.sort();
  }

  /** An action scoped to a specific ARN format somewhere is dropped from the `*` statements. */
  private removeActionsDuplicatedInWildcard(): void {
    const underWildcard = [...this.sids.values()].filter((e) => e.arnFormat === '*').flatMap((e) => e.actions);
    if (underWildcard.length === 0) return;
    const scoped = [...this.sids.values()].filter((e) => !e.arnFormat.includes('*'));
    const toRemove = new Set(
      underWildcard.filter((a) => scoped.some((e) => e.actions.includes(a)) && !this.skipped.includes(a)),
    );
    for (const entry of this.sids.values()) {
      if (entry.arnFormat.includes('*')) entry.actions = entry.actions.filter((a) => !toRemove.has(a));
    }
  }

  /** sts: one statement per assume-role action, named after it, on the role ARNs that match. */
  addStsAction(actionName: string, arns: readonly string[]): void {
    const index = serviceIndex(this.dataset, 'sts');
    const action = index?.actionsByLowerName.get(actionName.toLowerCase());
    if (!index || !action) return;
    const full = `sts:${action.name}`;
    for (const arn of arns) {
      if (!arn) continue;
      const underTest = prepareArn(arn);
      for (const row of index.rowsOf(full)) {
        if (row.level !== 'write' || !matchesFormat(underTest, row.compiled)) continue;
        const entry = this.sids.get(action.name);
        const resourceType = index.typeNameOf(row.format);
        const conditions = {
          conditions: this.templateConditions.conditions,
          conditionsPath: this.templateConditions.path,
        };
        if (!entry)
          this.sids.set(action.name, {
            arns: [arn],
            arnFormat: row.format,
            actions: [full],
            resourceType,
            ...conditions,
          });
        else if (!entry.arns.includes(arn)) entry.arns.push(arn);
      }
    }
  }

  private unscopedConditions(): Pick<SidEntry, 'conditions' | 'conditionsPath'> {
    return { conditions: this.templateConditions.conditions, conditionsPath: this.templateConditions.path };
  }

  private dependentsOf(service: string, actions: readonly string[]): string[] {
    const index = serviceIndex(this.dataset, service);
    if (!index) return [];
    const result = new Set<string>();
    for (const full of actions) {
      const action = index.actionsByLowerName.get(splitAction(full)[1].toLowerCase());
      if (action) for (const d of index.dependentsOf(action)) result.add(d);
    }
    return [...result];
  }

  private dependentsOfActions(actions: readonly string[]): string[] {
    const result = new Set<string>();
    for (const full of actions) {
      const [service, name] = splitAction(full);
      const index = serviceIndex(this.dataset, service);
      if (!index) continue;
      for (const action of actionsNamed(index, name)) for (const d of index.dependentsOf(action)) result.add(d);
    }
    return [...result];
  }
}

/**
 * The actions an actions-mode entry names: one, case-insensitively, or with a trailing `*`
 * every action whose name starts with the rest (case-sensitively, as policy_sentry does).
 */
export function actionsNamed(index: ServiceIndex, name: string): Action[] {
  if (!name.endsWith('*')) {
    const action = index.actionsByLowerName.get(name.toLowerCase());
    return action ? [action] : [];
  }
  const prefix = name.slice(0, -1);
  return index.service.actions.filter((a) => a.name.startsWith(prefix));
}

export function splitAction(action: string): [string, string] {
  const colon = action.indexOf(':');
  return colon < 0 ? [action, ''] : [action.slice(0, colon), action.slice(colon + 1)];
}
