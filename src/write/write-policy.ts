import type { AccessLevel, Dataset } from '../data/model.js';
import type { PolicyDocument, PolicyStatement } from '../policy/document.js';
import { codePointCompare, minimizeActions, type ActionUniverse } from '../policy/minimize.js';
import { shrinkActions, type ShrinkUniverse } from '../policy/shrink.js';
import { parseArn } from '../arn/arn.js';
import type { ActionsTemplate, ArnEntry, CrudTemplate, Effect, Template, TemplateWarning } from './template/types.js';
import { SidGroup, splitAction, WILDCARD_SID } from './engine/sid-group.js';
import { serviceIndex } from './engine/service-index.js';
import { expandExclusions } from './engine/exclusions.js';
import { sidName } from './engine/sid-name.js';
import { validateTemplate } from './template/validate.js';
import { applyConditions } from './conditions.js';
import { loadDataset } from '../data/load.js';

export interface WritePolicyOptions {
  /** The IAM database. */
  dataset: Dataset;
  /** policy_sentry's `--minimize N`: undefined = off, 0 = no minimum prefix length. */
  minimize?: number | undefined;
  /** `--shrink`: readable word-boundary wildcards instead of minimize's prefixes. */
  shrink?: boolean | undefined;
  /**
   * Actions mode only: `keep` (policy_sentry's default) leaves ARN formats such as
   * `arn:${Partition}:s3:::${BucketName}` as Resources; `*` grants those actions on `*` instead.
   */
  resourcePlaceholder?: ResourcePlaceholder | undefined;
  /**
   * Scope dependent actions instead of granting them on `*`: to the user's ARN, or with a
   * narrowing condition (iam:PassedToService...), or leave them out with a warning.
   */
  strictDependents?: boolean | undefined;
}

export type ResourcePlaceholder = 'keep' | '*';

export interface WritePolicyResult {
  policy: PolicyDocument;
  warnings: TemplateWarning[];
}

/** CRUD levels in the order policy_sentry processes them. */
const CRUD_LEVELS: readonly [keyof CrudTemplate, AccessLevel][] = [
  ['read', 'read'],
  ['write', 'write'],
  ['list', 'list'],
  ['tagging', 'tagging'],
  ['permissions-management', 'permissions-management'],
];

/** wildcard-only service lists, in policy_sentry's concatenation order. */
const SERVICE_WIDE_KEYS: readonly [string, AccessLevel][] = [
  ['service-read', 'read'],
  ['service-list', 'list'],
  ['service-write', 'write'],
  ['service-tagging', 'tagging'],
  ['service-permissions-management', 'permissions-management'],
];

/** policy_sentry ignores a section that is empty or whose first element is empty. */
function sectionOf<T>(list: readonly T[] | undefined): readonly T[] | undefined {
  return list && list.length > 0 && list[0] ? list : undefined;
}

/**
 * Validates a template and writes its least-privilege policy. A bad template throws a
 * TemplateError carrying the JSON path of the offending key; warnings come back with the policy.
 */
export function writePolicy(template: Template, options: Partial<WritePolicyOptions> = {}): WritePolicyResult {
  const dataset = options.dataset ?? loadDataset();
  const warnings = validateTemplate(template, dataset);
  const result = writePolicyFromTemplate(template, { ...options, dataset });
  return { policy: result.policy, warnings: [...warnings, ...result.warnings] };
}

/**
 * Writes the least-privilege policy for a (validated) template: the same statements, SIDs,
 * grouping and order as policy_sentry for the same data.
 */
export function writePolicyFromTemplate(template: Template, options: WritePolicyOptions): WritePolicyResult {
  const { dataset } = options;
  const warnings: TemplateWarning[] = [];
  const templateConditions = { conditions: template.conditions ?? [], path: ['conditions'], distinguishing: [] };
  const group = new SidGroup(dataset, templateConditions);
  let excluded = new Set<string>();
  if (template.mode === 'crud') {
    const crud = template as CrudTemplate;
    const excludes = sectionOf(crud['exclude-actions']);
    if (excludes) excluded = expandExclusions(excludes, dataset);
    addWildcardOnly(group, crud, dataset, warnings);
    for (const [key, level] of CRUD_LEVELS) {
      const entries = sectionOf(crud[key] as ArnEntry[] | undefined);
      if (!entries) continue;
      entries.forEach((entry, i) => {
        const arn = typeof entry === 'string' ? entry : entry.arn;
        if (serviceOfTemplateArn(arn).includes('$')) return;
        const conditions =
          typeof entry === 'string' || !entry.conditions
            ? templateConditions
            : {
                conditions: [...templateConditions.conditions, ...entry.conditions],
                path: [key, i, 'conditions'],
                distinguishing: entry.conditions,
              };
        const known = dataset.serviceWithoutConditionKeys(serviceOfTemplateArn(arn)) !== undefined;
        if (!group.addByArnAndLevel(arn, level, conditions) && known) {
          warnings.push({ message: `${arn} matches no resource type of ${serviceOfTemplateArn(arn)}`, path: [key, i] });
        }
      });
    }
    const skip = sectionOf(crud['skip-resource-constraints']);
    if (skip) group.addSkipResourceConstraints(skip);
    for (const [key, arns] of Object.entries(crud.sts ?? {})) {
      if (!sectionOf(arns)) continue;
      group.addStsAction(key.replaceAll('-', ''), arns);
    }
  } else if (template.mode === 'actions') {
    const actions = sectionOf((template as ActionsTemplate).actions);
    if (actions) {
      actions.forEach((action, i) => {
        if (action.includes('*')) {
          const message = `${action} selects every action whose name starts with "${action.slice(action.indexOf(':') + 1, -1)}"; those without resource types are granted on Resource "*"`;
          warnings.push({ message, path: ['actions', i] });
        }
      });
      group.addByListOfActions(actions);
      if (options.resourcePlaceholder === '*') {
        const unscoped = group.moveFormatResourcesToWildcard();
        if (unscoped.length > 0) {
          const message = `--resource-placeholder '*': ${unscoped.join(', ')} granted on Resource "*" instead of ARN formats`;
          warnings.push({ message, path: ['actions'] });
        }
      }
    }
  }
  if (options.strictDependents) {
    for (const message of group.scopeDependents())
      warnings.push({ message: `--strict-dependents: ${message}`, path: [] });
  }
  const effect: Effect = template.effect ?? 'Allow';
  const compact: Compaction | undefined = options.shrink
    ? { kind: 'shrink' }
    : options.minimize !== undefined
      ? { kind: 'minimize', minLength: options.minimize }
      : undefined;
  return { policy: render(group, effect, excluded, compact, dataset, warnings), warnings };
}

function serviceOfTemplateArn(arn: string): string {
  return arn.split(':', 3)[2] ?? '';
}

function addWildcardOnly(group: SidGroup, crud: CrudTemplate, dataset: Dataset, warnings: TemplateWarning[]): void {
  const section = crud['wildcard-only'];
  if (!section) return;
  const provided: string[] = [];
  const single = sectionOf(section['single-actions']);
  if (single) {
    const seen = new Set<string>();
    single.forEach((entry, i) => {
      if (entry.split(':').length !== 2) return;
      const [service, name] = splitAction(entry);
      const action = serviceIndex(dataset, service)?.actionsByLowerName.get(name.toLowerCase());
      if (!action || action.resourceTypes.length > 0) {
        const why = action ? 'supports resource-level permissions' : 'is not a known action';
        warnings.push({
          message: `wildcard-only: ${entry} ${why}; left out`,
          path: ['wildcard-only', 'single-actions', i],
        });
        return;
      }
      if (seen.has(entry.toLowerCase())) return;
      seen.add(entry.toLowerCase());
      provided.push(entry);
    });
  }
  for (const [key, level] of SERVICE_WIDE_KEYS) {
    const services = sectionOf(section[key as keyof typeof section]);
    for (const service of services ?? [])
      provided.push(...(serviceIndex(dataset, service)?.wildcardOnlyAt(level) ?? []));
  }
  if (provided.length > 0) group.addByListOfActions(provided);
}

function universeOf(dataset: Dataset): ActionUniverse {
  return { actionsOfService: (service) => serviceIndex(dataset, service)?.lowerActionNames };
}

/** How statements' action lists are compacted: policy_sentry's minimize, or readable shrink. */
type Compaction = { kind: 'minimize'; minLength: number } | { kind: 'shrink' };

function render(
  group: SidGroup,
  effect: Effect,
  excluded: Set<string>,
  compact: Compaction | undefined,
  dataset: Dataset,
  warnings: TemplateWarning[],
): PolicyDocument {
  const statements: PolicyStatement[] = [];
  const merged = new Set<PolicyStatement>();
  const universe = universeOf(dataset);
  const shrinkUniverse: ShrinkUniverse = {
    actionNamesOf: (service) => serviceIndex(dataset, service)?.service.actions.map((a) => a.name),
  };
  const compactActions = (actions: string[]) =>
    compact?.kind === 'minimize'
      ? minimizeActions(actions, universe, compact.minLength)
      : compact?.kind === 'shrink'
        ? shrinkActions(actions, shrinkUniverse)
        : actions;
  for (const [sid, entry] of group.sids) {
    if (entry.actions.length === 0) continue;
    let actions = entry.actions;
    if (excluded.size > 0) actions = [...new Set(actions.filter((a) => !excluded.has(a.toLowerCase())))];
    if (actions.length === 0) continue;
    // Conditions split the actions before compaction: a wildcard cannot be checked for support.
    const base: PolicyStatement = { Sid: sid, Effect: effect, Action: actions, Resource: [...entry.arns] };
    const conditioned = applyConditions(base, entry.conditions, entry.resourceType, dataset);
    for (const { key, actions: unsupported, splitSid } of conditioned.unsupported) {
      const verb = unsupported.length === 1 ? 'does' : 'do';
      const message = `${unsupported.join(', ')} ${verb} not support the condition key ${key}; granted without it in ${splitSid}`;
      warnings.push({ message, path: entry.conditionsPath });
    }
    for (const part of conditioned.statements) {
      if (compact) {
        const partActions = compactActions(part.Action);
        if (compact.kind === 'minimize') warnAboutLostActions(part, partActions, warnings);
        const same = statements.find((s) => sameList(s.Resource, part.Resource) && sameCondition(s, part));
        if (same) {
          for (const action of partActions) if (!same.Action.includes(action)) same.Action.push(action);
          merged.add(same);
          continue;
        }
        part.Action = partActions;
      }
      statements.push({ ...part, Action: [...part.Action].sort(codePointCompare) });
    }
  }
  for (const statement of merged) {
    statement.Sid = mergedSid(statement);
    statement.Action = compactActions(statement.Action);
  }
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * policy_sentry's minimize keeps an entry without `*` when it equals a requested action, even if it
 * was chosen as the prefix of a longer one (`iam:listgroups` for ListGroups and ListGroupsForUser),
 * which loses the longer action. The output stays policy_sentry's; the loss is reported.
 */
function warnAboutLostActions(statement: PolicyStatement, minimized: string[], warnings: TemplateWarning[]): void {
  const covers = (entry: string, action: string) =>
    entry.endsWith('*') ? action.startsWith(entry.slice(0, -1)) : action === entry;
  const lost = statement.Action.filter((action) => !minimized.some((entry) => covers(entry, action.toLowerCase())));
  if (lost.length === 0) return;
  const message = `--minimize (policy_sentry's algorithm) does not grant ${lost.join(', ')} in ${statement.Sid}: a shorter requested action was kept without "*"; --shrink does not have this flaw`;
  warnings.push({ message, path: [] });
}

function sameCondition(a: PolicyStatement, b: PolicyStatement): boolean {
  return JSON.stringify(a.Condition ?? null) === JSON.stringify(b.Condition ?? null);
}

/**
 * policy_sentry names a merged statement after its first resource: `{Service}Mult{Resource}`.
 * A merged `Resource: "*"` statement (which crashes policy_sentry) keeps its first SID.
 */
function mergedSid(statement: PolicyStatement): string {
  const first = statement.Resource[0]!;
  if (first === '*') return statement.Sid === WILDCARD_SID ? WILDCARD_SID : statement.Sid;
  const arn = parseArn(first);
  // Python formats a missing path as "None", and policy_sentry's SIDs show it.
  return sidName(arn.service, 'Mult', `${arn.resource}${arn.resourcePath ?? 'None'}`);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
