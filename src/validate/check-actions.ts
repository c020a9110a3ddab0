/**
 * Action and NotAction entries: syntax, unknown services and actions, wildcards that match nothing,
 * and wildcards that grant write or permissions-management access. Returns the concrete actions of
 * each statement's Action for the resource and condition checks.
 */
import type { ActionCatalog, CatalogAction } from '../expand/action-catalog.js';
import type { JsonPath } from './json-source.js';
import type { ListElement, StatementView } from './grammar.js';
import { listSome, type Reporter } from './report.js';

export interface StatementActions {
  /** The concrete actions the statement's Action selects, without duplicates, sorted. */
  actions: CatalogAction[];
  /** Actions written without a wildcard, with where they are written. */
  literals: { action: CatalogAction; path: JsonPath }[];
  /**
   * False when the statement's Action may select actions the checks cannot see: a pattern with a
   * wildcard in the service part (or `*`), an unknown service, or an invalid entry.
   */
  complete: boolean;
}

export function checkActions(
  statement: StatementView,
  catalog: ActionCatalog,
  reporter: Reporter,
): StatementActions | undefined {
  if (statement.notAction) checkList(statement.notAction, statement, catalog, reporter);
  if (!statement.action) return undefined;
  return checkList(statement.action, statement, catalog, reporter);
}

function checkList(
  element: ListElement,
  statement: StatementView,
  catalog: ActionCatalog,
  reporter: Reporter,
): StatementActions {
  const actions = new Map<string, CatalogAction>();
  const literals: StatementActions['literals'] = [];
  let complete = true;
  for (const { value, path } of element.items) {
    const match = catalog.match(value);
    if (match.kind === 'invalid') {
      complete = false;
      reporter.report(
        'action-syntax',
        `${JSON.stringify(value)} is not of the form service:action (e.g. "s3:GetObject")`,
        path,
        statement,
      );
      continue;
    }
    if (match.kind === 'unknown-service') {
      complete = false;
      reporter.report(
        'unknown-service',
        `${value}: the dataset has no service with prefix "${match.service}"`,
        path,
        statement,
      );
      continue;
    }
    if (match.allServices) complete = false;
    if (match.actions.length === 0) {
      if (match.wildcard) {
        reporter.report('wildcard-matches-nothing', `${value} matches no action`, path, statement);
      } else {
        const service = value.slice(0, value.indexOf(':'));
        const guess = closestAction(value.slice(service.length + 1), catalog, service);
        const hint = guess ? ` (did you mean ${guess}?)` : '';
        reporter.report('unknown-action', `${value}: ${service} has no such action${hint}`, path, statement);
      }
      continue;
    }
    for (const action of match.actions) actions.set(action.full, action);
    if (!match.wildcard) literals.push({ action: match.actions[0]!, path });
    if (match.wildcard && element.key === 'Action' && statement.effect === 'Allow') {
      reportWriteWildcard(value, match.actions, path, statement, reporter);
    }
  }
  return { actions: [...actions.values()], literals, complete };
}

/** The wildcard-write message of a pattern (undefined: none), by its match: one per pattern and catalog. */
const writeMessages = new WeakMap<readonly CatalogAction[], string | undefined>();

function reportWriteWildcard(
  pattern: string,
  actions: readonly CatalogAction[],
  path: JsonPath,
  statement: StatementView,
  reporter: Reporter,
): void {
  if (!writeMessages.has(actions)) writeMessages.set(actions, writeMessage(pattern, actions));
  const message = writeMessages.get(actions);
  if (message) reporter.report('wildcard-write', message, path, statement);
}

function writeMessage(pattern: string, actions: readonly CatalogAction[]): string | undefined {
  const write = actions.filter((a) => a.access.write && !a.access.permissionsManagement);
  const management = actions.filter((a) => a.access.permissionsManagement);
  if (write.length === 0 && management.length === 0) return undefined;
  const parts: string[] = [];
  if (write.length > 0) parts.push(`${write.length} write`);
  if (management.length > 0) parts.push(`${management.length} permissions-management`);
  const examples = listSome([...management, ...write].map((a) => a.full));
  return `${pattern} grants ${parts.join(' and ')} action${write.length + management.length > 1 ? 's' : ''} (${examples})`;
}

/** The action of the service nearest to a misspelled name (edit distance at most 2), if any. */
function closestAction(name: string, catalog: ActionCatalog, prefix: string): string | undefined {
  const service = catalog.service(prefix);
  if (!service) return undefined;
  const lower = name.toLowerCase();
  let best: { full: string; distance: number } | undefined;
  for (const action of catalog.actionsOf(service)) {
    const distance = editDistance(lower, action.model!.name.toLowerCase(), 2);
    if (distance <= 2 && (!best || distance < best.distance)) best = { full: action.full, distance };
  }
  return best?.full;
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}
