/**
 * The policy grammar: checks the document's shape and reads it into statement views that the other
 * checks use. Anything malformed is reported here once and left out of the views, so later checks
 * only see well-typed values.
 */
import type { JsonPath } from './json-source.js';
import type { Reporter, StatementRef } from './report.js';

export type ListKey = 'Action' | 'NotAction' | 'Resource' | 'NotResource';

/** A string or list-of-strings element, with the path of each value. */
export interface ListElement {
  key: ListKey;
  path: JsonPath;
  items: { value: string; path: JsonPath }[];
}

export type ConditionValue = string | number | boolean;

export interface ConditionEntry {
  /** As written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  key: string;
  values: ConditionValue[];
  /** Path of the key inside its operator block. */
  path: JsonPath;
}

export interface PrincipalElement {
  key: 'Principal' | 'NotPrincipal';
  value: unknown;
  path: JsonPath;
}

export interface StatementView extends StatementRef {
  path: JsonPath;
  effect?: 'Allow' | 'Deny' | undefined;
  action?: ListElement | undefined;
  notAction?: ListElement | undefined;
  resource?: ListElement | undefined;
  notResource?: ListElement | undefined;
  principal?: PrincipalElement | undefined;
  conditions: ConditionEntry[];
  hasCondition: boolean;
}

export interface PolicyView {
  statements: StatementView[];
  /** True when some statement has a Principal or NotPrincipal: a resource-based or trust policy. */
  resourcePolicy: boolean;
}

const TOP_LEVEL_KEYS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** Reads the document, reporting grammar findings; undefined when it has no usable statements. */
export function readPolicy(document: unknown, reporter: Reporter): PolicyView | undefined {
  if (!isObject(document)) {
    reporter.report('policy-structure', `a policy is a JSON object, not ${describe(document)}`, []);
    return undefined;
  }
  for (const key of Object.keys(document)) {
    if (!TOP_LEVEL_KEYS.has(key)) {
      reporter.report('unknown-element', `unknown top-level element "${key}" (expected Version, Id, Statement)`, [key]);
    }
  }
  checkVersion(document, reporter);
  if ('Id' in document && typeof document.Id !== 'string') {
    reporter.report('element-type', `Id must be a string, not ${describe(document.Id)}`, ['Id']);
  }
  const raw = document.Statement;
  let entries: { value: unknown; path: JsonPath; index: number }[];
  if (raw === undefined) {
    reporter.report('policy-structure', 'the policy has no Statement', []);
    return undefined;
  }
  if (Array.isArray(raw)) {
    if (raw.length === 0) reporter.report('policy-structure', 'Statement is an empty list', ['Statement']);
    entries = raw.map((value, index) => ({ value, path: ['Statement', index], index }));
  } else if (isObject(raw)) {
    entries = [{ value: raw, path: ['Statement'], index: 0 }];
  } else {
    reporter.report(
      'policy-structure',
      `Statement must be a statement object or a list of them, not ${describe(raw)}`,
      ['Statement'],
    );
    return undefined;
  }
  const resourcePolicy = entries.some(
    ({ value }) => isObject(value) && ('Principal' in value || 'NotPrincipal' in value),
  );
  const statements: StatementView[] = [];
  const sids = new Map<string, number>();
  for (const entry of entries) {
    if (!isObject(entry.value)) {
      reporter.report('policy-structure', `a statement must be an object, not ${describe(entry.value)}`, entry.path);
      continue;
    }
    const view = readStatement(entry.value, entry.path, entry.index, resourcePolicy, reporter);
    if (view.sid) {
      const first = sids.get(view.sid);
      if (first !== undefined) {
        reporter.report(
          'sid-duplicate',
          `Sid "${view.sid}" is also the Sid of statement ${first}`,
          [...entry.path, 'Sid'],
          view,
        );
      } else {
        sids.set(view.sid, entry.index);
      }
    }
    statements.push(view);
  }
  return { statements, resourcePolicy };
}

function checkVersion(document: Record<string, unknown>, reporter: Reporter): void {
  const version = document.Version;
  if (version === undefined) {
    reporter.report(
      'version-outdated',
      'no Version: IAM uses 2008-10-17, where policy variables are not replaced; add "Version": "2012-10-17"',
      [],
    );
  } else if (typeof version !== 'string' || !VERSIONS.has(version)) {
    reporter.report(
      'version-invalid',
      `Version ${JSON.stringify(version)} is not a policy language version (use "2012-10-17")`,
      ['Version'],
    );
  } else if (version === '2008-10-17') {
    reporter.report('version-outdated', 'Version 2008-10-17 does not replace policy variables; use "2012-10-17"', [
      'Version',
    ]);
  }
}

function readStatement(
  raw: Record<string, unknown>,
  path: JsonPath,
  index: number,
  resourcePolicy: boolean,
  reporter: Reporter,
): StatementView {
  const view: StatementView = { index, path, conditions: [], hasCondition: false };
  if ('Sid' in raw) {
    if (typeof raw.Sid !== 'string') {
      reporter.report('element-type', `Sid must be a string, not ${describe(raw.Sid)}`, [...path, 'Sid'], view);
    } else {
      view.sid = raw.Sid;
      // IAM's rule for identity policies; resource policies of other services accept more (S3: spaces).
      if (!resourcePolicy && !/^[A-Za-z0-9]*$/.test(raw.Sid)) {
        reporter.report(
          'sid-syntax',
          `Sid "${raw.Sid}" may contain only ASCII letters and digits`,
          [...path, 'Sid'],
          view,
        );
      }
    }
  }
  for (const key of Object.keys(raw)) {
    if (!STATEMENT_KEYS.has(key)) {
      const hint = [...STATEMENT_KEYS].find((k) => k.toLowerCase() === key.toLowerCase());
      const expected = hint ? ` (element names are case-sensitive: ${hint})` : '';
      reporter.report('unknown-element', `unknown statement element "${key}"${expected}`, [...path, key], view);
    }
  }
  if (!('Effect' in raw)) {
    reporter.report('element-missing', 'the statement has no Effect', path, view);
  } else if (raw.Effect === 'Allow' || raw.Effect === 'Deny') {
    view.effect = raw.Effect;
  } else {
    reporter.report(
      'effect-invalid',
      `Effect must be "Allow" or "Deny", not ${JSON.stringify(raw.Effect)}`,
      [...path, 'Effect'],
      view,
    );
  }
  view.action = readList(raw, 'Action', path, view, reporter);
  view.notAction = readList(raw, 'NotAction', path, view, reporter);
  view.resource = readList(raw, 'Resource', path, view, reporter);
  view.notResource = readList(raw, 'NotResource', path, view, reporter);
  pairCheck(raw, 'Action', 'NotAction', path, view, reporter, true);
  const hasPrincipal = 'Principal' in raw || 'NotPrincipal' in raw;
  // Trust policies have a Principal and no Resource; identity policies always need one.
  pairCheck(raw, 'Resource', 'NotResource', path, view, reporter, !hasPrincipal);
  pairCheck(raw, 'Principal', 'NotPrincipal', path, view, reporter, false);
  for (const key of ['Principal', 'NotPrincipal'] as const) {
    if (key in raw) {
      view.principal = { key, value: raw[key], path: [...path, key] };
      checkPrincipal(raw[key], [...path, key], view, reporter);
    }
  }
  if ('Condition' in raw) readCondition(raw.Condition, [...path, 'Condition'], view, reporter);
  return view;
}

function pairCheck(
  raw: Record<string, unknown>,
  key: string,
  notKey: string,
  path: JsonPath,
  view: StatementView,
  reporter: Reporter,
  required: boolean,
): void {
  if (key in raw && notKey in raw) {
    reporter.report('element-conflict', `the statement has both ${key} and ${notKey}`, [...path, notKey], view);
  } else if (required && !(key in raw) && !(notKey in raw)) {
    reporter.report('element-missing', `the statement has no ${key} (or ${notKey})`, path, view);
  }
}

function readList(
  raw: Record<string, unknown>,
  key: ListKey,
  path: JsonPath,
  view: StatementView,
  reporter: Reporter,
): ListElement | undefined {
  if (!(key in raw)) return undefined;
  const value = raw[key];
  const elementPath = [...path, key];
  if (typeof value === 'string') return { key, path: elementPath, items: [{ value, path: elementPath }] };
  if (!Array.isArray(value)) {
    reporter.report(
      'element-type',
      `${key} must be a string or a list of strings, not ${describe(value)}`,
      elementPath,
      view,
    );
    return undefined;
  }
  if (value.length === 0) {
    reporter.report('element-type', `${key} is an empty list`, elementPath, view);
    return undefined;
  }
  const items: ListElement['items'] = [];
  value.forEach((item, i) => {
    if (typeof item === 'string') items.push({ value: item, path: [...elementPath, i] });
    else
      reporter.report(
        'element-type',
        `${key} entries must be strings, not ${describe(item)}`,
        [...elementPath, i],
        view,
      );
  });
  return { key, path: elementPath, items };
}

function checkPrincipal(value: unknown, path: JsonPath, view: StatementView, reporter: Reporter): void {
  if (value === '*') return;
  if (!isObject(value)) {
    reporter.report(
      'principal-syntax',
      `a principal is "*" or an object such as {"AWS": "..."}, not ${describe(value)}`,
      path,
      view,
    );
    return;
  }
  for (const [type, ids] of Object.entries(value)) {
    if (!PRINCIPAL_TYPES.has(type)) {
      reporter.report(
        'principal-syntax',
        `unknown principal type "${type}" (expected AWS, Service, Federated or CanonicalUser)`,
        [...path, type],
        view,
      );
      continue;
    }
    const list = typeof ids === 'string' ? [ids] : ids;
    if (!Array.isArray(list) || list.length === 0 || list.some((id) => typeof id !== 'string')) {
      reporter.report(
        'principal-syntax',
        `${type} principals must be a string or a non-empty list of strings`,
        [...path, type],
        view,
      );
      continue;
    }
    if (type !== 'AWS') continue;
    list.forEach((id: string, i: number) => {
      // Unique IDs (AIDA..., AROA...) appear where AWS replaced a deleted principal's ARN.
      if (
        id === '*' ||
        /^\d{12}$/.test(id) ||
        /^arn:[^:]+:(iam|sts)::(\d{12}|\*)?:/.test(id) ||
        /^A[A-Z0-9]{15,}$/.test(id)
      ) {
        return;
      }
      reporter.report(
        'principal-syntax',
        `AWS principal "${id}" is neither "*", a 12-digit account ID, an IAM ARN nor a unique ID`,
        typeof ids === 'string' ? [...path, type] : [...path, type, i],
        view,
      );
    });
  }
}

function readCondition(value: unknown, path: JsonPath, view: StatementView, reporter: Reporter): void {
  if (!isObject(value)) {
    reporter.report(
      'element-type',
      `Condition must be an object of {operator: {key: values}}, not ${describe(value)}`,
      path,
      view,
    );
    return;
  }
  view.hasCondition = Object.keys(value).length > 0;
  for (const [operator, block] of Object.entries(value)) {
    if (!isObject(block)) {
      reporter.report(
        'element-type',
        `condition operator ${operator} must hold an object of {key: values}, not ${describe(block)}`,
        [...path, operator],
        view,
      );
      continue;
    }
    for (const [key, raw] of Object.entries(block)) {
      const keyPath = [...path, operator, key];
      const values = Array.isArray(raw) ? raw : [raw];
      const valid = values.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
      if (!valid || values.length === 0) {
        reporter.report(
          'element-type',
          `condition ${operator} ${key} must have a string, number or boolean value, or a non-empty list of them`,
          keyPath,
          view,
        );
        continue;
      }
      view.conditions.push({ operator, key, values: values as ConditionValue[], path: keyPath });
    }
  }
}
