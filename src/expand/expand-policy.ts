/**
 * `expand`: rewrites a policy's Action wildcards into the concrete actions they select in the dataset,
 * and NotAction into the Action list it amounts to, each action with its access level. The inverse
 * of `--minimize`: expanding never grants more than the original (actions AWS adds later are not
 * listed), and minimizing the result never grants more than the expansion.
 */
import type { Dataset } from '../data/model.js';
import { formatAccessLevel } from '../data/access-level.js';
import { codePointCompare } from '../policy/minimize.js';
import { IamwrightError } from '../util/errors.js';
import { ActionCatalog, type CatalogAction, hasWildcard } from './action-catalog.js';

/**
 * What to do with NotAction:
 * - `complement` (default): replace it by an Action list of every action of the dataset it does not exclude;
 * - `keep`: keep NotAction, with its wildcards expanded.
 */
export type NotActionMode = 'complement' | 'keep';

export interface ExpandOptions {
  notAction?: NotActionMode | undefined;
}

export type PolicyPath = (string | number)[];

export interface ExpandWarning {
  message: string;
  /** Path of the entry the warning is about, e.g. `['Statement', 0, 'Action', 2]`. */
  path: PolicyPath;
}

export interface ExpandedPolicy {
  /** The policy with concrete, sorted Action (and NotAction) lists; every other element as it was. */
  policy: Record<string, unknown>;
  /** Access level of every concrete action in the policy (`Read`, `Tagging, Write`...), by action. */
  accessLevels: Record<string, string>;
  warnings: ExpandWarning[];
}

/** A policy too malformed to expand; `path` says where. */
export class PolicyShapeError extends IamwrightError {
  readonly path: PolicyPath;
  constructor(message: string, path: PolicyPath) {
    super(message);
    this.path = path;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expandPolicy(document: unknown, dataset: Dataset, options: ExpandOptions = {}): ExpandedPolicy {
  const mode = options.notAction ?? 'complement';
  if (!isObject(document)) throw new PolicyShapeError('a policy is a JSON object', []);
  const expander = new Expander(new ActionCatalog(dataset));
  const policy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) {
    if (key !== 'Statement') {
      policy[key] = value;
    } else if (Array.isArray(value)) {
      policy.Statement = value.map((statement, i) => expander.statement(statement, ['Statement', i], mode));
    } else if (isObject(value)) {
      policy.Statement = expander.statement(value, ['Statement'], mode);
    } else {
      throw new PolicyShapeError('Statement must be a statement object or a list of them', ['Statement']);
    }
  }
  if (!('Statement' in document)) throw new PolicyShapeError('the policy has no Statement', []);
  const accessLevels: Record<string, string> = {};
  for (const name of [...expander.levels.keys()].sort(codePointCompare))
    accessLevels[name] = expander.levels.get(name)!;
  return { policy, accessLevels, warnings: expander.warnings };
}

class Expander {
  readonly warnings: ExpandWarning[] = [];
  readonly levels = new Map<string, string>();

  constructor(private readonly catalog: ActionCatalog) {}

  statement(raw: unknown, path: PolicyPath, mode: NotActionMode): unknown {
    if (!isObject(raw)) throw new PolicyShapeError('a statement must be an object', path);
    if ('Action' in raw && 'NotAction' in raw) {
      throw new PolicyShapeError('the statement has both Action and NotAction', [...path, 'NotAction']);
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (key === 'Action') {
        out.Action = this.expandList(this.entries(value, [...path, key]), 'Action');
      } else if (key === 'NotAction' && mode === 'keep') {
        out.NotAction = this.expandList(this.entries(value, [...path, key]), 'NotAction');
      } else if (key === 'NotAction') {
        out.Action = this.complement(this.entries(value, [...path, key]));
      } else {
        out[key] = value;
      }
    }
    return out;
  }

  private entries(value: unknown, path: PolicyPath): { value: string; path: PolicyPath }[] {
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list)) {
      throw new PolicyShapeError(`${path.at(-1)} must be a string or a list of strings`, path);
    }
    return list.map((item, i) => {
      if (typeof item !== 'string') throw new PolicyShapeError(`${path.at(-1)} entries must be strings`, [...path, i]);
      return { value: item, path: typeof value === 'string' ? path : [...path, i] };
    });
  }

  /** The actions an entry selects; undefined (with a warning) when it selects none in the dataset. */
  private resolve(entry: { value: string; path: PolicyPath }, element: string): readonly CatalogAction[] | undefined {
    const match = this.catalog.match(entry.value);
    const outcome = element === 'complement' ? 'it excludes nothing' : 'kept as written';
    if (match.kind === 'invalid') {
      this.warn(`${entry.value} is not of the form service:action; ${outcome}`, entry.path);
      return undefined;
    }
    if (match.kind === 'unknown-service') {
      this.warn(`${entry.value}: the dataset has no service "${match.service}"; ${outcome}`, entry.path);
      return undefined;
    }
    if (match.actions.length === 0) {
      const what = hasWildcard(entry.value) ? 'matches no action' : 'is not an action of the dataset';
      this.warn(`${entry.value} ${what}; ${outcome}`, entry.path);
      return undefined;
    }
    return match.actions;
  }

  private expandList(entries: { value: string; path: PolicyPath }[], element: string): string[] {
    const names = new Set<string>();
    for (const entry of entries) {
      const actions = this.resolve(entry, element);
      if (!actions) {
        names.add(entry.value);
        continue;
      }
      for (const action of actions) names.add(this.record(action));
    }
    return [...names].sort(codePointCompare);
  }

  private complement(entries: { value: string; path: PolicyPath }[]): string[] {
    const excluded = new Set<string>();
    for (const entry of entries) {
      for (const action of this.resolve(entry, 'complement') ?? []) excluded.add(action.full);
    }
    const names = this.catalog
      .allActions()
      .filter((a) => !excluded.has(a.full))
      .map((a) => this.record(a));
    return [...new Set(names)].sort(codePointCompare);
  }

  private record(action: CatalogAction): string {
    if (!this.levels.has(action.full)) this.levels.set(action.full, formatAccessLevel(action.access));
    return action.full;
  }

  private warn(message: string, path: PolicyPath): void {
    this.warnings.push({ message, path });
  }
}
