/**
 * Condition blocks: operators, values, keys, operator/type fit, set operators, and whether the
 * statement's actions support each key.
 */
import type { StatementView } from './grammar.js';
import type { StatementActions } from './check-actions.js';
import type { ConditionKeyIndex } from './condition-keys.js';
import {
  OPERATOR_FOR_FAMILY,
  invalidValue,
  keyTypeInfo,
  operatorProblem,
  parseOperator,
} from '../policy/condition-operators.js';
import { listSome, type Reporter } from './report.js';

export function checkConditions(
  statement: StatementView,
  actions: StatementActions | undefined,
  keys: ConditionKeyIndex,
  reporter: Reporter,
): void {
  for (const entry of statement.conditions) {
    const operator = parseOperator(entry.operator);
    const { key, path } = entry;
    if (!operator) {
      reporter.report('condition-operator', operatorProblem(entry.operator), path.slice(0, -1), statement);
      continue;
    }
    for (const value of entry.values) {
      const why = invalidValue(operator.family, value);
      if (why) {
        reporter.report(
          'condition-value',
          `${entry.operator} ${key}: ${JSON.stringify(value)} is not valid (${why})`,
          path,
          statement,
        );
        break;
      }
    }
    const resolved = keys.resolve(key);
    if (resolved.kind === 'unknown') {
      reporter.report('condition-key-unknown', `${resolved.service} has no condition key ${key}`, path, statement);
      continue;
    }
    if (resolved.kind === 'unverified') {
      reporter.report('condition-key-unverified', resolved.reason, path, statement);
      continue;
    }
    const { families, multivalued } = keyTypeInfo(resolved.types);
    const type = resolved.types.join(' or ');
    if (families.length > 0 && operator.family !== 'null' && !families.includes(operator.family)) {
      const better = OPERATOR_FOR_FAMILY[families[0]!];
      if (operator.family === 'string' && families.includes('arn')) {
        // String operators on ARN keys are documented and common (StringLike on aws:PrincipalArn).
      } else if (operator.family === 'string') {
        reporter.report(
          'condition-string-operator',
          `${entry.operator} compares ${key} (${type}) as text; use ${better}`,
          path,
          statement,
        );
      } else {
        reporter.report(
          'condition-type-mismatch',
          `${entry.operator} does not fit ${key}, ${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type} key; use ${better}`,
          path,
          statement,
        );
      }
    }
    if (operator.set && !multivalued) {
      const why =
        operator.set === 'ForAllValues'
          ? 'ForAllValues is also true when the key is absent'
          : `use ${operator.base} without the prefix`;
      reporter.report(
        'condition-set-operator',
        `${operator.set}: is for multivalued keys, and ${key} is single-valued (${why})`,
        path,
        statement,
      );
    } else if (!operator.set && multivalued && operator.family !== 'null') {
      reporter.report(
        'condition-set-operator',
        `${key} is multivalued: use ForAllValues:${entry.operator} or ForAnyValue:${entry.operator}`,
        path,
        statement,
      );
    }
    // A missing key makes ...IfExists true and is what Null tests: no support to check.
    if (!actions?.complete || operator.ifExists || operator.family === 'null') continue;
    const modelled = actions.actions.filter((a) => a.model);
    const unsupported = modelled.filter((a) => !keys.supports(a, resolved, key)).map((a) => a.full);
    if (unsupported.length === 0) continue;
    // An absent key makes negated operators (StringNotEquals, NotIpAddress...) true, the others false.
    const outcome = /Not/.test(operator.base) ? 'always matches' : 'never matches';
    if (unsupported.length === modelled.length) {
      reporter.report(
        'condition-key-unsupported',
        `no action of the statement supports ${key} (${listSome(unsupported)}): the condition ${outcome}`,
        path,
        statement,
      );
    } else {
      reporter.report(
        'condition-key-partly-supported',
        `${key} is not supported by ${listSome(unsupported)}: for them the condition ${outcome}`,
        path,
        statement,
      );
    }
  }
}
