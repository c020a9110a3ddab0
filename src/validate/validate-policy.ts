/**
 * `validate`: lints an IAM policy document (identity, resource or trust policy) against the IAM
 * database. Pure: takes the document (or its text) and a dataset, returns findings.
 */
import type { Dataset } from '../data/model.js';
import { ActionCatalog } from '../expand/action-catalog.js';
import type { Finding } from './findings.js';
import { readPolicy } from './grammar.js';
import { type JsonSource, jsonPointer, parseJsonSource } from './json-source.js';
import { type RawFinding, Reporter } from './report.js';
import { checkActions } from './check-actions.js';
import { ResourceMatcher, checkResources } from './check-resources.js';
import { ConditionKeyIndex } from './condition-keys.js';
import { checkConditions } from './check-conditions.js';
import { checkBreadth } from './check-breadth.js';
import { checkPrivilegeEscalation } from './privilege-escalation.js';

function runChecks(document: unknown, dataset: Dataset): RawFinding[] {
  const reporter = new Reporter();
  const view = readPolicy(document, reporter);
  if (!view) return reporter.findings;
  const catalog = new ActionCatalog(dataset);
  const matcher = new ResourceMatcher(catalog);
  const keys = new ConditionKeyIndex(catalog);
  for (const statement of view.statements) {
    const actions = checkActions(statement, catalog, reporter);
    checkResources(statement, actions, matcher, reporter);
    checkConditions(statement, actions, keys, reporter);
    checkBreadth(statement, reporter);
  }
  checkPrivilegeEscalation(view.statements, reporter);
  return reporter.findings;
}

function toFinding(raw: RawFinding): Finding {
  const finding: Finding = {
    severity: raw.severity,
    code: raw.code,
    message: raw.message,
    path: jsonPointer(raw.path),
  };
  if (raw.statement !== undefined) finding.statement = raw.statement;
  if (raw.sid !== undefined) finding.sid = raw.sid;
  return finding;
}

/** Findings for a parsed policy document, in the order of the statements. */
export function validatePolicy(document: unknown, dataset: Dataset): Finding[] {
  return runChecks(document, dataset).map(toFinding);
}

/**
 * Findings for a policy's JSON text, each with its line and column, sorted by position. Text that is
 * not JSON gives one `json-syntax` finding.
 */
export function validatePolicyText(text: string, dataset: Dataset): Finding[] {
  const source: JsonSource = parseJsonSource(text);
  const located = (raw: RawFinding): Finding => ({ ...toFinding(raw), ...source.locate(raw.path) });
  if (source.syntaxErrors.length > 0) {
    return source.syntaxErrors.map((e) => ({
      severity: 'error',
      code: 'json-syntax',
      message: e.message,
      path: jsonPointer(e.path),
      ...e.position,
    }));
  }
  const duplicates: Finding[] = source.duplicateKeys().map((d) => ({
    severity: 'error',
    code: 'json-duplicate-key',
    message: d.message,
    path: jsonPointer(d.path),
    ...d.position,
  }));
  const findings = [...duplicates, ...runChecks(source.value, dataset).map(located)];
  // Stable: findings on one line keep the order the checks produced them in.
  return findings.sort((a, b) => a.line! - b.line! || a.column! - b.column!);
}
