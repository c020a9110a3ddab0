import type { AccessLevel, Action, Dataset } from '../../data/model.js';
import { prepareArn, matchesFormat } from '../../arn/match.js';
import { serviceOfArn } from '../../arn/arn.js';
import { serviceIndex, type ActionRow, type ServiceIndex } from './service-index.js';
import { SID_LEVEL_LABEL, sidName } from './sid-name.js';
import { conditionSidSuffix } from '../conditions.js';
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
        else this.addWithoutResourceConstraint(dependent);
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
        for (const row of index.rows) {
          if (row.action !== full) continue;
          if (row.format === '*') unscoped.push(full);
          else this.addByArnAndLevel(row.format, row.level);
        }
      }
    }
    for (const dependent of dependents) this.addWithoutResourceConstraint(dependent);
    const keep = new Set([...supplied, ...dependents].map((a) => a.toLowerCase()));
    for (const [sid, entry] of this.sids) {
      entry.actions = entry.actions.filter((a) => keep.has(a.toLowerCase()));
      if (entry.actions.length === 0) this.sids.delete(sid);
    }
    for (const action of unscoped) this.addWithoutResourceConstraint(action);
    this.removeActionsDuplicatedInWildcard();
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
      for (const row of index.rows) {
        if (row.action !== full || row.level !== 'write' || !matchesFormat(underTest, row.compiled)) continue;
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
