/** Statement shapes that grant more than they seem to: Allow with NotAction/NotResource, public principals. */
import type { StatementView } from './grammar.js';
import type { Reporter } from './report.js';

export function checkBreadth(statement: StatementView, reporter: Reporter): void {
  if (statement.effect !== 'Allow') return;
  if (statement.notAction) {
    reporter.report(
      'allow-not-action',
      'Allow with NotAction grants every action not listed, in every service, including future ones',
      statement.notAction.path,
      statement,
    );
  }
  if (statement.notResource) {
    reporter.report(
      'allow-not-resource',
      'Allow with NotResource grants the actions on every resource not listed, including future ones',
      statement.notResource.path,
      statement,
    );
  }
  const principal = statement.principal;
  if (principal?.key === 'Principal' && !statement.hasCondition && isEveryone(principal.value)) {
    reporter.report(
      'principal-public',
      'Allow to every principal ("*") without a Condition: anyone, in any account, is granted these actions',
      principal.path,
      statement,
    );
  }
}

function isEveryone(value: unknown): boolean {
  if (value === '*') return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const aws = (value as Record<string, unknown>).AWS;
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}
