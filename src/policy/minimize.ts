/**
 * policy_sentry's `--minimize` (policyuniverse's prefix algorithm): replace each action by the
 * shortest prefix wildcard (`ssm:getpar*`) that matches no action outside the requested set in the
 * database, with `minLength` as the minimum length of the name part (0 = no minimum).
 * Output is lower-case and sorted, as policy_sentry prints it.
 *
 * "Is this prefix denied?" is answered by counting: a prefix is denied when more actions of the
 * service start with it than requested actions do. Prefix counts per service are computed once.
 */
export interface ActionUniverse {
  /** Lower-cased `svc:action` names of one service, or undefined for an unknown service. */
  actionsOfService(service: string): readonly string[] | undefined;
}

interface ServicePrefixes {
  members: Set<string>;
  counts: Map<string, number>;
}

const prefixCache = new WeakMap<readonly string[], ServicePrefixes>();

function servicePrefixes(actions: readonly string[]): ServicePrefixes {
  let entry = prefixCache.get(actions);
  if (!entry) {
    const members = new Set(actions);
    const counts = new Map<string, number>();
    for (const action of members) addPrefixes(counts, action);
    entry = { members, counts };
    prefixCache.set(actions, entry);
  }
  return entry;
}

/** Counts `svc:`, `svc:a`, `svc:ab`... of one action. */
function addPrefixes(counts: Map<string, number>, action: string): void {
  const colon = action.indexOf(':');
  for (let i = colon + 1; i <= action.length; i++) {
    const prefix = action.slice(0, i);
    counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
}

export function minimizeActions(actions: readonly string[], universe: ActionUniverse, minLength = 0): string[] {
  const desired = actions.map((a) => a.toLowerCase());
  const desiredSet = new Set(desired);
  const services = new Set(desired.map((a) => a.split(':')[0]!));

  // Counts of every prefix among all actions of the services involved, and among the desired ones.
  const involved: ServicePrefixes[] = [];
  for (const service of services) {
    const list = universe.actionsOfService(service);
    if (list) involved.push(servicePrefixes(list));
  }
  // Desired actions that exist are not "denied"; unknown ones (or wildcards) change nothing.
  const desiredCounts = new Map<string, number>();
  for (const action of desiredSet) {
    if (involved.some((s) => s.members.has(action))) addPrefixes(desiredCounts, action);
  }
  const isDenied = (prefix: string) => {
    let total = 0;
    for (const s of involved) total += s.counts.get(prefix) ?? 0;
    return total > (desiredCounts.get(prefix) ?? 0);
  };

  const result = new Set<string>();
  for (const action of desired) {
    const colon = action.indexOf(':');
    if (colon < 0 || isDenied(action)) {
      result.add(action);
      continue;
    }
    let chosen: string | undefined;
    for (let i = colon + 1; i <= action.length; i++) {
      const nameLength = i - colon - 1;
      if (nameLength === 0) continue;
      if (minLength > 0 && nameLength < minLength) continue;
      const prefix = action.slice(0, i);
      if (!isDenied(prefix)) {
        chosen = desiredSet.has(prefix) ? prefix : `${prefix}*`;
        break;
      }
    }
    result.add(chosen ?? action);
  }
  return [...result].sort(codePointCompare);
}

/** Python's default string sort: by code point, upper case before lower case. */
export function codePointCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
