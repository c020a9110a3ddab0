/**
 * Resource entries against the statement's actions: ARN syntax, ARNs no action can use, actions no
 * resource fits, and `Resource: "*"` on actions that could be scoped.
 */
import { isArn, serviceOfArn } from '../arn/arn.js';
import type { ActionCatalog, CatalogAction } from '../expand/action-catalog.js';
import type { StatementView } from './grammar.js';
import type { StatementActions } from './check-actions.js';
import {
  type ArnPattern,
  arnFormatRegex,
  compileArnFormat,
  compilePolicyArn,
  isLiteralArn,
  patternsIntersect,
} from './arn-pattern.js';
import { listSome, type Reporter } from './report.js';

/** The ARN formats an action takes, compiled; cached per catalog and action. */
/** A format as a regular expression (for literal ARNs) and, once a wildcard ARN needs it, as tokens. */
interface CompiledFormat {
  format: string;
  regex: RegExp;
  pattern?: ArnPattern | undefined;
}

interface ActionFormats {
  typeNames: string[];
  formats: CompiledFormat[];
  /** A resource type without a known format: anything may match, so never report it. */
  unknownFormat: boolean;
}

export class ResourceMatcher {
  private readonly formatsByAction = new Map<string, ActionFormats>();
  private readonly compiledFormats = new Map<string, CompiledFormat>();
  private readonly compiledArns = new Map<string, ArnPattern>();
  /** Results for ARNs with wildcards, by ARN, then by format. */
  private readonly results = new Map<string, Map<string, boolean>>();

  constructor(private readonly catalog: ActionCatalog) {}

  formatsOf(action: CatalogAction): ActionFormats {
    let entry = this.formatsByAction.get(action.full);
    if (!entry) {
      entry = { typeNames: [], formats: [], unknownFormat: false };
      for (const type of action.model?.resourceTypes ?? []) {
        entry.typeNames.push(type.name);
        const resourceType = this.catalog.resourceType(action.service, type.name);
        if (!resourceType || resourceType.arnFormats.length === 0) entry.unknownFormat = true;
        for (const format of resourceType?.arnFormats ?? []) {
          if (format === '*') {
            entry.unknownFormat = true;
            continue;
          }
          entry.formats.push(this.compiledFormat(format));
        }
      }
      this.formatsByAction.set(action.full, entry);
    }
    return entry;
  }

  /** Does the policy's ARN fit one of the action's resource types? */
  fits(arn: string, action: CatalogAction): boolean {
    if (action.wildcardOnly) return isAnyResource(arn);
    const entry = this.formatsOf(action);
    if (entry.unknownFormat) return true;
    // A literal ARN is one regular expression test per format: cheaper than remembering the result.
    if (isLiteralArn(arn)) return entry.formats.some((compiled) => compiled.regex.test(arn));
    let known = this.results.get(arn);
    if (!known) {
      known = new Map();
      this.results.set(arn, known);
    }
    for (const compiled of entry.formats) {
      const { format } = compiled;
      let result = known.get(format);
      if (result === undefined) {
        compiled.pattern ??= compileArnFormat(format);
        result = patternsIntersect(this.compiledArn(arn), compiled.pattern);
        known.set(format, result);
      }
      if (result) return true;
    }
    return false;
  }

  private compiledFormat(format: string): CompiledFormat {
    let entry = this.compiledFormats.get(format);
    if (!entry) {
      entry = { format, regex: arnFormatRegex(format) };
      this.compiledFormats.set(format, entry);
    }
    return entry;
  }

  private compiledArn(arn: string): ArnPattern {
    let pattern = this.compiledArns.get(arn);
    if (!pattern) {
      pattern = compilePolicyArn(arn);
      this.compiledArns.set(arn, pattern);
    }
    return pattern;
  }
}

/**
 * Actions without resource types are granted by "*", or by an ARN whose whole resource part is "*"
 * (arn:aws:s3:::*, as AWS's older examples for s3:ListAllMyBuckets write it).
 */
function isAnyResource(value: string): boolean {
  return value === '*' || /^arn:[^:]*:[^:]*:[^:]*:[^:]*:\*$/.test(value);
}

export function checkResources(
  statement: StatementView,
  actions: StatementActions | undefined,
  matcher: ResourceMatcher,
  reporter: Reporter,
): void {
  const resources = statement.resource?.items ?? [];
  for (const element of [statement.resource, statement.notResource]) {
    for (const { value, path } of element?.items ?? []) {
      if (value !== '*' && !isArn(value)) {
        reporter.report(
          'resource-syntax',
          `${JSON.stringify(value)} is neither "*" nor an ARN (arn:partition:service:region:account:resource)`,
          path,
          statement,
        );
      }
    }
  }
  if (!actions || resources.length === 0) return;
  const arns = resources.filter(({ value }) => value !== '*' && isArn(value));
  if (actions.complete && actions.actions.length > 0) {
    for (const { value, path } of arns) checkArn(value, path, statement, actions.actions, matcher, reporter);
  }
  const anyResource = resources.some(({ value }) => isAnyResource(value));
  const starResource = resources.find(({ value }) => value === '*');
  for (const { action, path } of actions.literals) {
    if (action.wildcardOnly) {
      if (!anyResource) {
        reporter.report(
          'action-resource-mismatch',
          `${action.full} does not support resource-level permissions: it needs Resource "*"`,
          path,
          statement,
        );
      }
      continue;
    }
    if (starResource || arns.some(({ value }) => matcher.fits(value, action))) continue;
    const types = matcher.formatsOf(action).typeNames;
    reporter.report(
      'action-resource-mismatch',
      `${action.full} matches none of the statement's resources (it takes ${listSome(types, 5)})`,
      path,
      statement,
    );
  }
  if (starResource && statement.effect === 'Allow') {
    const scopable = actions.actions.filter((a) => !a.wildcardOnly).map((a) => a.full);
    if (scopable.length > 0) {
      const noun = scopable.length === 1 ? 'action that supports' : `${scopable.length} actions that support`;
      reporter.report(
        'resource-wildcard',
        `Resource "*" on ${noun} resource-level permissions: ${listSome(scopable)}`,
        starResource.path,
        statement,
      );
    }
  }
}

function checkArn(
  arn: string,
  path: readonly (string | number)[],
  statement: StatementView,
  actions: readonly CatalogAction[],
  matcher: ResourceMatcher,
  reporter: Reporter,
): void {
  if (actions.some((action) => matcher.fits(arn, action))) return;
  const service = serviceOfArn(arn);
  if (service === '' || /[*?$]/.test(service)) return;
  const sameService = actions.filter(
    (a) => a.service === service || matcher.formatsOf(a).formats.some((f) => serviceOfArn(f.format) === service),
  );
  if (sameService.length === 0) {
    const services = [...new Set(actions.map((a) => a.service))].sort();
    reporter.report(
      'resource-service-mismatch',
      `${arn} is an ARN of ${service}, but the statement's actions are of ${listSome(services)}`,
      path,
      statement,
    );
    return;
  }
  const types = [...new Set(sameService.flatMap((a) => matcher.formatsOf(a).typeNames))].sort();
  const takes = types.length > 0 ? `resource types ${listSome(types, 5)}` : 'only Resource "*"';
  reporter.report(
    'resource-no-match',
    `${arn} matches no resource type of ${listSome(sameService.map((a) => a.full))} (they take ${takes})`,
    path,
    statement,
  );
}
