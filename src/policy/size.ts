import type { PolicyDocument, PolicyStatement } from './document.js';
import { UsageError } from '../util/errors.js';

/** `{"Version":"2012-10-17","Statement":[]}` */
const EMPTY_POLICY_SIZE = 39;

/**
 * IAM's policy size limits, in characters not counting whitespace (AWS IAM quotas:
 * managed policy 6,144; inline policies per user 2,048, per group 5,120, per role 10,240).
 */
export const POLICY_SIZE_LIMITS = {
  managed: 6144,
  'inline-user': 2048,
  'inline-group': 5120,
  'inline-role': 10240,
} as const;

export type PolicyKind = keyof typeof POLICY_SIZE_LIMITS;

export const POLICY_KINDS = Object.keys(POLICY_SIZE_LIMITS) as PolicyKind[];

/** The size IAM counts: the policy's JSON without insignificant whitespace. */
export function policySize(policy: PolicyDocument): number {
  return JSON.stringify(policy).length;
}

/**
 * Splits a policy into as few policies as fit `maxSize` each, keeping statement order. A
 * statement too large on its own is split by its actions into `Sid1`, `Sid2`... Throws when a
 * single action cannot fit.
 */
export function splitPolicy(policy: PolicyDocument, maxSize: number): PolicyDocument[] {
  const pieces = policy.Statement.flatMap((statement) => splitStatement(statement, maxSize - EMPTY_POLICY_SIZE));
  const policies: PolicyDocument[] = [];
  let current: PolicyStatement[] = [];
  for (const statement of pieces) {
    const grown = { Version: policy.Version, Statement: [...current, statement] };
    if (current.length > 0 && policySize(grown) > maxSize) {
      policies.push({ Version: policy.Version, Statement: current });
      current = [statement];
    } else {
      current = grown.Statement;
    }
  }
  if (current.length > 0 || policies.length === 0) policies.push({ Version: policy.Version, Statement: current });
  return policies;
}

function splitStatement(statement: PolicyStatement, room: number): PolicyStatement[] {
  if (JSON.stringify(statement).length <= room) return [statement];
  const parts: PolicyStatement[] = [];
  let actions: string[] = [];
  const make = (list: string[], n: number): PolicyStatement => ({
    ...statement,
    Sid: `${statement.Sid}${n}`,
    Action: list,
  });
  for (const action of statement.Action) {
    const candidate = [...actions, action];
    if (actions.length > 0 && JSON.stringify(make(candidate, parts.length + 1)).length > room) {
      parts.push(make(actions, parts.length + 1));
      actions = [action];
    } else {
      actions = candidate;
    }
    if (JSON.stringify(make(actions, parts.length + 1)).length > room) {
      throw new UsageError(
        `--max-size ${room + EMPTY_POLICY_SIZE} is too small: statement ${statement.Sid} does not fit even with one action`,
      );
    }
  }
  parts.push(make(actions, parts.length + 1));
  return parts;
}
