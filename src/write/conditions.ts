import type { Dataset } from '../data/model.js';
import type { PolicyStatement } from '../policy/document.js';
import { actionSupportsKey } from '../policy/condition-keys.js';
import type { ConditionSpec } from './template/types.js';
import { sidName } from './engine/sid-name.js';

/** A policy's Condition element: operator -> key -> values. */
export type ConditionBlock = Record<string, Record<string, string[]>>;

/** A condition's values as IAM strings (YAML may have read `true` or `3600` as other types). */
export function conditionValues(condition: ConditionSpec): string[] {
  const values = Array.isArray(condition.values) ? condition.values : [condition.values];
  return values.map(String);
}

export function conditionBlock(conditions: readonly ConditionSpec[]): ConditionBlock {
  const block: ConditionBlock = {};
  for (const condition of conditions) {
    const byKey = block[condition.operator] ?? {};
    const values = byKey[condition.key] ?? [];
    for (const value of conditionValues(condition)) if (!values.includes(value)) values.push(value);
    byKey[condition.key] = values;
    block[condition.operator] = byKey;
  }
  return block;
}

/**
 * The SID suffix of a condition set, in the format policy_sentry reserved for it
 * (`{Key}{Operator}{Value}`): `S3ReadBucket` + `AwsresourcetagteamStringequalsPayments`.
 */
export function conditionSidSuffix(conditions: readonly ConditionSpec[]): string {
  return conditions.map((c) => sidName(c.key, c.operator, conditionValues(c).join(''))).join('');
}

export interface ConditionedStatements {
  statements: PolicyStatement[];
  /** Actions that could not carry a condition key: split off into `splitSid` without it. */
  unsupported: { key: string; actions: string[]; splitSid: string }[];
}

/**
 * Puts a statement's conditions on it. Actions that do not support every key (for the statement's
 * resource type) are split into their own statement, which keeps only the conditions all of its
 * actions support (`<Sid>PartialCondition`, or `<Sid>NoCondition` when none is left), and are
 * reported, so that nothing is silently broader or silently missing.
 */
export function applyConditions(
  statement: PolicyStatement,
  conditions: readonly ConditionSpec[],
  resourceType: string | undefined,
  dataset: Dataset,
): ConditionedStatements {
  if (conditions.length === 0) return { statements: [statement], unsupported: [] };
  const supports = (action: string, condition: ConditionSpec) => {
    const [prefix, name] = action.split(':') as [string, string | undefined];
    const service = dataset.getService(prefix);
    const found = service?.actions.find((a) => a.name.toLowerCase() === name?.toLowerCase());
    return (
      service !== undefined && found !== undefined && actionSupportsKey(service, found, resourceType, condition.key)
    );
  };
  const supported = statement.Action.filter((action) => conditions.every((c) => supports(action, c)));
  const without = statement.Action.filter((action) => !supported.includes(action));
  const statements: PolicyStatement[] = [];
  if (supported.length > 0) statements.push({ ...statement, Action: supported, Condition: conditionBlock(conditions) });
  if (without.length === 0) return { statements, unsupported: [] };
  const kept = conditions.filter((c) => without.every((action) => supports(action, c)));
  const splitSid = `${statement.Sid}${kept.length > 0 ? 'PartialCondition' : 'NoCondition'}`;
  const split: PolicyStatement = { ...statement, Sid: splitSid, Action: without };
  if (kept.length > 0) split.Condition = conditionBlock(kept);
  statements.push(split);
  const unsupported = conditions
    .filter((c) => !kept.includes(c))
    .map((c) => ({ key: c.key, actions: without.filter((action) => !supports(action, c)), splitSid }));
  return { statements, unsupported };
}
