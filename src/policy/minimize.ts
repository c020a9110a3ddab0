/**
 * policy_sentry's `--minimize` (policyuniverse's prefix algorithm): replace each action by the
 * shortest prefix wildcard (`ssm:getpar*`) that matches no action outside the requested set in the
 * database, with `minLength` as the minimum length of the name part (0 = no minimum).
 * Output is lower-case and sorted, as policy_sentry prints it.
 *
 * policy_sentry enumerates every prefix of every other action of the service. The same answer
 * comes from sorted names: the prefixes that would match an unrequested action are exactly those
 * no longer than the longest common prefix with the nearest unrequested neighbours in sort order.
 */
export interface ActionUniverse {
  /** Lower-cased `svc:action` names of one service, or undefined for an unknown service. */
  actionsOfService(service: string): readonly string[] | undefined;
}

const sortedCache = new WeakMap<readonly string[], string[]>();

function sortedNames(actions: readonly string[]): string[] {
  let sorted = sortedCache.get(actions);
  if (!sorted) {
    sorted = [...new Set(actions)].sort(codePointCompare);
    sortedCache.set(actions, sorted);
  }
  return sorted;
}

/** First index whose value is >= `value`. */
function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function commonPrefixLength(a: string, b: string | undefined): number {
  if (b === undefined) return -1;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

export function minimizeActions(actions: readonly string[], universe: ActionUniverse, minLength = 0): string[] {
  const desired = new Set(actions.map((a) => a.toLowerCase()));
  const result = new Set<string>();
  for (const action of desired) {
    const colon = action.indexOf(':');
    if (colon < 0) {
      result.add(action);
      continue;
    }
    const names = sortedNames(universe.actionsOfService(action.slice(0, colon)) ?? []);
    // The nearest unrequested names on either side share the longest prefix with this action.
    let left = lowerBound(names, action) - 1;
    while (left >= 0 && desired.has(names[left]!)) left--;
    let right = left + 1;
    while (right < names.length && desired.has(names[right]!)) right++;
    const shared = Math.max(commonPrefixLength(action, names[left]), commonPrefixLength(action, names[right]));
    if (shared >= action.length) {
      // The action is itself a prefix of an unrequested one: a wildcard would widen it.
      result.add(action);
      continue;
    }
    const length = Math.max(shared + 1, colon + 2, colon + 1 + minLength);
    if (length >= action.length) {
      result.add(action);
      continue;
    }
    const prefix = action.slice(0, length);
    result.add(desired.has(prefix) ? prefix : `${prefix}*`);
  }
  return [...result].sort(codePointCompare);
}

/** Python's default string sort: by code point, upper case before lower case. */
export function codePointCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
