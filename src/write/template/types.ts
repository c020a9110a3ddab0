/**
 * write-policy templates, with policy_sentry's keys exactly. A list whose first element is
 * empty (`- ''`, as create-template writes) is ignored, like an absent one.
 */

export type Effect = 'Allow' | 'Deny';

interface TemplateBase {
  /** Accepted and ignored, like policy_sentry (any YAML value). */
  name?: unknown;
  /** Effect of every statement; `Allow` when absent. */
  effect?: Effect;
  /**
   * iamwright extension: conditions for every statement. policy_sentry templates never have this
   * key (its schema rejects it), so existing templates are unaffected.
   */
  conditions?: ConditionSpec[];
}

/** One condition: `{operator: {key: values}}` in the policy. */
export interface ConditionSpec {
  key: string;
  /** An IAM condition operator, e.g. `StringEquals`, `ForAnyValue:StringLike`, `ArnLikeIfExists`. */
  operator: string;
  values: string | number | boolean | (string | number | boolean)[];
}

/**
 * An entry of an ARN list: the ARN, or (iamwright extension) a mapping with the ARN and
 * conditions that apply to its statements only.
 */
export type ArnEntry = string | { arn: string; conditions?: ConditionSpec[] };

/** Actions that take no resource ARN, by name or by service and access level. */
export interface WildcardOnlySection {
  'single-actions'?: string[];
  'service-read'?: string[];
  'service-write'?: string[];
  'service-list'?: string[];
  'service-tagging'?: string[];
  'service-permissions-management'?: string[];
}

/** Role ARNs to allow assuming, per sts action. */
export interface StsSection {
  'assume-role'?: string[];
  'assume-role-with-saml'?: string[];
  'assume-role-with-web-identity'?: string[];
}

/** Resource ARNs per access level, plus actions without resource constraints. */
export interface CrudTemplate extends TemplateBase {
  mode: 'crud';
  read?: ArnEntry[];
  write?: ArnEntry[];
  list?: ArnEntry[];
  tagging?: ArnEntry[];
  'permissions-management'?: ArnEntry[];
  'wildcard-only'?: WildcardOnlySection;
  /** Actions granted on `*` verbatim, unchecked. */
  'skip-resource-constraints'?: string[];
  /** Actions (or `svc:Pattern*` wildcards) removed from the output. */
  'exclude-actions'?: string[];
  sts?: StsSection;
}

/** A list of `service:Action` names; each is scoped to the ARN formats of its resource types. */
export interface ActionsTemplate extends TemplateBase {
  mode: 'actions';
  actions: string[];
}

/**
 * No `mode`, or one policy_sentry does not know: the policy is empty (validateTemplate warns).
 * A template read from a file may hold an unknown `mode` string at run time; it is typed as
 * absent so that checking `mode === 'crud'` / `'actions'` narrows the union.
 */
export interface ModelessTemplate extends TemplateBase {
  mode?: undefined;
}

export type Template = CrudTemplate | ActionsTemplate | ModelessTemplate;

/** Something in a template that does not stop the policy being written. */
export interface TemplateWarning {
  message: string;
  /** Where in the template, e.g. `['read', 0]`; the CLI turns it into a line number. */
  path: (string | number)[];
}

/** The five access-level sections of a CRUD template, in policy_sentry's processing order. */
export const ARN_SECTIONS = ['read', 'write', 'list', 'tagging', 'permissions-management'] as const;

/** The `wildcard-only` keys, in policy_sentry's processing order. */
export const WILDCARD_ONLY_KEYS = [
  'single-actions',
  'service-read',
  'service-list',
  'service-write',
  'service-tagging',
  'service-permissions-management',
] as const;

export const STS_KEYS = ['assume-role', 'assume-role-with-saml', 'assume-role-with-web-identity'] as const;
