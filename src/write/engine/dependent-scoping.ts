import type { Dataset } from '../../data/model.js';
import { actionSupportsKey } from '../../policy/condition-keys.js';
import { parseArn } from '../../arn/arn.js';
import type { ConditionSpec } from '../template/types.js';

/**
 * `--strict-dependents`: narrowing conditions for dependent actions that policy_sentry would grant
 * on `Resource: "*"`. Each rule says which condition key narrows the action to the service that
 * needs it; it is used only when the database lists that key for the action.
 */
interface NarrowingRule {
  key: string;
  /** The value, from the service that needs the dependent and the ARN it acts on; undefined = not possible. */
  value(service: string, arn: string | undefined): string | undefined;
}

/** Service principals that are not `<prefix>.amazonaws.com`. */
const SERVICE_PRINCIPALS: Readonly<Record<string, string>> = {
  ecs: 'ecs-tasks.amazonaws.com',
};

export function servicePrincipal(service: string): string {
  return SERVICE_PRINCIPALS[service] ?? `${service}.amazonaws.com`;
}

const RULES: Readonly<Record<string, NarrowingRule>> = {
  'iam:passrole': { key: 'iam:PassedToService', value: (service) => servicePrincipal(service) },
  'iam:createservicelinkedrole': { key: 'iam:AWSServiceName', value: (service) => servicePrincipal(service) },
};

/** KMS actions a service performs on a caller's behalf: narrowed with kms:ViaService to that service and region. */
const KMS_VIA_SERVICE: NarrowingRule = {
  key: 'kms:ViaService',
  value: (service, arn) => {
    const region = arn ? parseArn(arn).region : '';
    return region && !region.includes('*') ? `${service}.${region}.amazonaws.com` : undefined;
  },
};

/**
 * The condition that narrows `dependent` to the service that needs it, or undefined when the
 * database does not list a suitable key for it or the value cannot be known.
 */
export function narrowingCondition(
  dependent: string,
  needingService: string,
  arn: string | undefined,
  dataset: Dataset,
): ConditionSpec | undefined {
  const [prefix, name] = dependent.split(':') as [string, string];
  const rule = RULES[dependent.toLowerCase()] ?? (prefix === 'kms' ? KMS_VIA_SERVICE : undefined);
  if (!rule) return undefined;
  // With its condition keys: the rule applies only when the database lists its key for the action.
  const service = dataset.getService(prefix);
  const action = service?.actions.find((a) => a.name.toLowerCase() === name.toLowerCase());
  if (!service || !action || !actionSupportsKey(service, action, undefined, rule.key)) return undefined;
  const value = rule.value(needingService, arn);
  return value === undefined ? undefined : { key: rule.key, operator: 'StringEquals', values: [value] };
}
