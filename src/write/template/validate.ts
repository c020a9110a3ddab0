import type { Dataset, Service } from '../../data/model.js';
import { isArn } from '../../arn/arn.js';
import { TemplateError } from '../../util/errors.js';
import { checkTemplateSchema, describe, formatPath } from './schema.js';
import { checkOperator, findConditionKey } from '../../policy/condition-keys.js';
import { conditionValues } from '../conditions.js';
import {
  ARN_SECTIONS,
  STS_KEYS,
  WILDCARD_ONLY_KEYS,
  type ActionsTemplate,
  type ConditionSpec,
  type CrudTemplate,
  type Template,
  type TemplateWarning,
} from './types.js';

type Path = (string | number)[];

/**
 * policy_sentry ignores a section that is absent, empty, or whose first entry is empty
 * (`- ''`, as create-template writes it); later empty entries are processed.
 */
export function isActiveSection<T>(list: readonly T[] | undefined): list is readonly T[] {
  return list !== undefined && list.length > 0 && Boolean(list[0]);
}

/**
 * Checks a template against its schema and the dataset. Throws a TemplateError carrying the
 * `path` of the first entry that policy_sentry would crash on or that names nothing: an invalid
 * ARN, an unknown service or action, an action without a colon. Returns warnings for what
 * still yields a policy: no or unknown `mode` (the policy is empty), an ARN of an unknown service.
 */
export function validateTemplate(template: Template, dataset: Dataset): TemplateWarning[] {
  checkTemplateSchema(template);
  const mode: unknown = (template as { mode?: unknown }).mode;
  const warnings: TemplateWarning[] = [];
  if (mode === 'crud') validateCrud(template as CrudTemplate, dataset, warnings);
  else if (mode === 'actions') validateActions(template as ActionsTemplate, dataset);
  if (mode === 'crud' || mode === 'actions') {
    (template.conditions ?? []).forEach((condition, i) => {
      validateCondition(condition, ['conditions', i], dataset, warnings);
    });
  } else if (mode === undefined) {
    warnings.push({
      message: 'no "mode" key, so the policy is empty (expected "mode: crud" or "mode: actions")',
      path: [],
    });
  } else {
    const shown = typeof mode === 'string' ? JSON.stringify(mode) : describe(mode);
    warnings.push({
      message: `unknown mode ${shown}, so the policy is empty (expected "crud" or "actions")`,
      path: ['mode'],
    });
  }
  return warnings;
}

function validateCrud(template: CrudTemplate, dataset: Dataset, warnings: TemplateWarning[]): void {
  const wildcardOnly = template['wildcard-only'] ?? {};
  for (const key of WILDCARD_ONLY_KEYS) {
    const entries = wildcardOnly[key];
    if (!isActiveSection(entries)) continue;
    entries.forEach((entry, i) => {
      const path = ['wildcard-only', key, i];
      if (key === 'single-actions') checkAction(entry, path, dataset, false);
      else checkServicePrefix(entry, path, dataset);
    });
  }
  for (const section of ARN_SECTIONS) {
    const arns = template[section];
    if (!isActiveSection(arns)) continue;
    arns.forEach((entry, i) => {
      if (typeof entry === 'string') {
        checkResourceArn(entry, [section, i], dataset, warnings);
        return;
      }
      checkResourceArn(entry.arn, [section, i, 'arn'], dataset, warnings);
      (entry.conditions ?? []).forEach((condition, j) => {
        validateCondition(condition, [section, i, 'conditions', j], dataset, warnings);
      });
    });
  }
  const sts = template.sts ?? {};
  for (const key of STS_KEYS) {
    const arns = sts[key];
    if (!isActiveSection(arns)) continue;
    arns.forEach((arn, i) => {
      // Used verbatim as the Resource: empty entries are skipped and `${...}` expressions kept.
      if (arn && !arn.includes('${')) checkArnSyntax(arn, ['sts', key, i]);
    });
  }
}

function validateActions(template: ActionsTemplate, dataset: Dataset): void {
  if (!isActiveSection(template.actions)) return;
  template.actions.forEach((action, i) => {
    checkAction(action, ['actions', i], dataset, true);
  });
}

/** A condition: a documented key, an operator that fits its type, values that fit the operator. */
function validateCondition(condition: ConditionSpec, path: Path, dataset: Dataset, warnings: TemplateWarning[]): void {
  const where = formatPath(path);
  const key = findConditionKey(condition.key, dataset);
  if (!key) {
    throw new TemplateError(
      `${where}.key: unknown condition key "${condition.key}" (not an AWS global key, nor listed by its service)`,
      [...path, 'key'],
    );
  }
  const check = checkOperator(condition.operator, key.types, conditionValues(condition));
  if (check.error) {
    const field = check.field ?? 'operator';
    throw new TemplateError(`${where}.${field}: ${check.error}`, [...path, field]);
  }
  if (check.warning) warnings.push({ message: `${where}: ${check.warning}`, path });
}

/** A CRUD ARN: skipped when its service is an expression (`${...}`), like policy_sentry. */
function checkResourceArn(arn: string, path: Path, dataset: Dataset, warnings: TemplateWarning[]): void {
  const service = arn.split(':')[2];
  if (service?.includes('$')) return;
  checkArnSyntax(arn, path);
  if (service !== undefined && !findService(dataset, service)) {
    warnings.push({
      message: `${formatPath(path)}: unknown service "${service}" in ARN "${arn}"${suggestion(dataset, service)}, so it grants nothing`,
      path,
    });
  }
}

function checkArnSyntax(arn: string, path: Path): void {
  if (!isArn(arn)) {
    throw new TemplateError(
      `${formatPath(path)}: ${JSON.stringify(arn)} is not a valid ARN (expected arn:partition:service:region:account:resource)`,
      path,
    );
  }
}

/**
 * `service:Action`, the action looked up case-insensitively (policy_sentry's rule). In actions
 * mode `service:Prefix*` is allowed too, and must match an action name case-sensitively.
 */
function checkAction(entry: string, path: Path, dataset: Dataset, allowPrefixWildcard: boolean): void {
  const where = formatPath(path);
  const parts = entry.split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    throw new TemplateError(
      `${where}: ${JSON.stringify(entry)} is not an action (expected service:Action, e.g. s3:GetObject)`,
      path,
    );
  }
  const [prefix, name] = parts as [string, string];
  const service = findService(dataset, prefix);
  if (!service) {
    throw new TemplateError(`${where}: unknown service "${prefix}" in "${entry}"${suggestion(dataset, prefix)}`, path);
  }
  if (allowPrefixWildcard && name.endsWith('*') && !name.slice(0, -1).includes('*')) {
    const start = name.slice(0, -1);
    if (service.actions.some((action) => action.name.startsWith(start))) return;
    throw new TemplateError(`${where}: no ${prefix} action starts with "${start}" (case-sensitive)`, path);
  }
  const lower = name.toLowerCase();
  if (service.actions.some((action) => action.name.toLowerCase() === lower)) return;
  const hint = /[*?]/.test(name)
    ? allowPrefixWildcard
      ? ' (only a trailing * is supported, e.g. s3:Get*)'
      : ' (single-actions takes action names, not wildcards)'
    : '';
  throw new TemplateError(`${where}: unknown action "${entry}"${hint}`, path);
}

function checkServicePrefix(prefix: string, path: Path, dataset: Dataset): void {
  if (findService(dataset, prefix)) return;
  throw new TemplateError(`${formatPath(path)}: unknown service "${prefix}"${suggestion(dataset, prefix)}`, path);
}

/** Exact, case-sensitive lookup; `catalog` (Service Catalog's ARN service) is `servicecatalog`. */
function findService(dataset: Dataset, prefix: string): Service | undefined {
  return (
    dataset.serviceWithoutConditionKeys(prefix) ??
    (prefix === 'catalog' ? dataset.serviceWithoutConditionKeys('servicecatalog') : undefined)
  );
}

/** ` (did you mean "s3"?)` when the prefix differs from a known one only by case. */
function suggestion(dataset: Dataset, prefix: string): string {
  const lower = prefix.toLowerCase();
  if (lower === prefix) return '';
  return dataset.serviceWithoutConditionKeys(lower) ? ` (did you mean "${lower}"?)` : '';
}
