import type { Action, Dataset, Service } from '../data/model.js';
import { keyMatches } from './condition-key-match.js';
import { invalidValue, keyTypeInfo, operatorProblem, parseOperator } from './condition-operators.js';
import { GLOBAL_CONDITION_KEYS, PER_ACTION_GLOBAL_KEYS } from './global-condition-keys.js';

/** A documented condition key: its name (with its placeholder, if any) and its types. */
export interface KeyInfo {
  name: string;
  types: readonly string[];
  global: boolean;
}

/** The documented key a policy key is, or undefined when neither AWS's global keys nor its service list it. */
export function findConditionKey(key: string, dataset: Dataset): KeyInfo | undefined {
  for (const [name, types] of Object.entries(GLOBAL_CONDITION_KEYS)) {
    if (keyMatches(name, key)) return { name, types, global: true };
  }
  const service = dataset.getService(key.split(':')[0] ?? '');
  const found = service?.conditionKeys.find((k) => keyMatches(k.name, key));
  return found ? { name: found.name, types: [found.type], global: false } : undefined;
}

/**
 * Whether `action` supports `key` when it acts on resource type `typeName` (undefined: on
 * `Resource: "*"`): global keys always, except the tag keys, which like service keys must be
 * listed for the action, its resource type row, or the resource type itself.
 */
export function actionSupportsKey(
  service: Service,
  action: Action,
  typeName: string | undefined,
  key: string,
): boolean {
  const global = key.toLowerCase().startsWith('aws:');
  if (global && !PER_ACTION_GLOBAL_KEYS.some((name) => keyMatches(name, key))) return true;
  const listed = [...action.conditionKeys];
  const rows =
    typeName === undefined ? action.resourceTypes : action.resourceTypes.filter((t) => sameName(t.name, typeName));
  for (const row of rows) {
    listed.push(...row.conditionKeys);
    const type = service.resourceTypes.find((t) => sameName(t.name, row.name));
    if (type) listed.push(...type.conditionKeys);
  }
  return listed.some((name) => keyMatches(name, key));
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export interface OperatorCheck {
  error?: string;
  /** Which part of the condition the error is about. */
  field?: 'operator' | 'values';
  warning?: string;
}

/**
 * Checks an operator (with `ForAllValues:`/`ForAnyValue:` and `IfExists`) and its values against a
 * key's types, by the same rules `iamwright validate` applies to policies.
 */
export function checkOperator(operator: string, keyTypes: readonly string[], values: readonly string[]): OperatorCheck {
  const parsed = parseOperator(operator);
  if (!parsed) return { error: operatorProblem(operator) };
  const { families, multivalued } = keyTypeInfo(keyTypes);
  if (parsed.family !== 'null' && families.length > 0 && !families.includes(parsed.family)) {
    return { error: `${operator} cannot test a key of type ${keyTypes.join(' or ')}` };
  }
  for (const value of values) {
    const problem = invalidValue(parsed.family, value);
    if (problem) return { error: `${JSON.stringify(value)} is not valid for ${operator}: ${problem}`, field: 'values' };
  }
  if (parsed.set && !multivalued) {
    return { warning: `${parsed.set} is for multivalued keys; this key (${keyTypes.join(' or ')}) has a single value` };
  }
  if (!parsed.set && multivalued && parsed.family !== 'null') {
    return {
      warning: `a multivalued key (${keyTypes.join(' or ')}) is usually tested with ForAnyValue: or ForAllValues:`,
    };
  }
  return {};
}
