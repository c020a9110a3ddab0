import type { JsonPath } from './json-source.js';
import { ruleOf } from './rules.js';
import type { Severity } from './findings.js';

/** A finding before it is located in the text: the path is still a list of segments. */
export interface RawFinding {
  severity: Severity;
  code: string;
  message: string;
  path: JsonPath;
  statement?: number | undefined;
  sid?: string | undefined;
}

/** The statement a finding belongs to. */
export interface StatementRef {
  index: number;
  sid?: string | undefined;
}

/** Collects findings in the order the checks run; the severity comes from the rule. */
export class Reporter {
  readonly findings: RawFinding[] = [];

  report(code: string, message: string, path: JsonPath, statement?: StatementRef): void {
    this.findings.push({
      severity: ruleOf(code).severity,
      code,
      message,
      path,
      statement: statement?.index,
      sid: statement?.sid,
    });
  }
}

/** `a, b, c and 4 more`: a readable, bounded list. */
export function listSome(items: readonly string[], limit = 3): string {
  if (items.length <= limit) return items.join(', ');
  return `${items.slice(0, limit).join(', ')} and ${items.length - limit} more`;
}
