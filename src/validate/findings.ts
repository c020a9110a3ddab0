/** What `validate` reports: findings, each with a stable code, a severity and where it is. */

/**
 * - error: AWS rejects the policy, or part of it cannot do what it says (grants nothing);
 * - warning: it grants more than it likely means to (wildcards, privilege escalation);
 * - suggestion: it could be tighter.
 */
export type Severity = 'error' | 'warning' | 'suggestion';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'suggestion'];

const RANK: Record<Severity, number> = { error: 3, warning: 2, suggestion: 1 };

/** True when `severity` is `threshold` or more serious. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

export interface Finding {
  severity: Severity;
  /** Stable rule code, e.g. `unknown-action` (see rules.ts and docs/validate.md). */
  code: string;
  message: string;
  /** RFC 6901 pointer to the element, e.g. `/Statement/0/Action/1`; `` for the whole document. */
  path: string;
  /** Index of the statement (0 when Statement is a single object). */
  statement?: number | undefined;
  sid?: string | undefined;
  /** 1-based line and column in the policy's text, when validated from text. */
  line?: number | undefined;
  column?: number | undefined;
}
