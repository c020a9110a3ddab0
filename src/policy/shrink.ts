import { codePointCompare } from './minimize.js';

/**
 * `--shrink`: readable wildcards. Each action is replaced by the shortest prefix that ends at a
 * word boundary of its canonical name (`ssm:GetParameter*`, never `ssm:getpar*`) and matches no
 * action outside the requested set in the current database. IAM matches action names without
 * regard to case, so the check is case-insensitive; the output keeps the canonical case.
 */
export interface ShrinkUniverse {
  /** Canonical action names of a service (`GetParameter`), or undefined for an unknown service. */
  actionNamesOf(service: string): readonly string[] | undefined;
}

/** Where the words of a CamelCase action name start: `ListAPIKeys` -> List|API|Keys. */
export function wordBoundaries(name: string): number[] {
  const boundaries: number[] = [];
  for (let i = 1; i < name.length; i++) {
    const prev = name[i - 1]!;
    const here = name[i]!;
    const next = name[i + 1];
    const upperHere = here >= 'A' && here <= 'Z';
    const prevLowerOrDigit = (prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9');
    const prevUpper = prev >= 'A' && prev <= 'Z';
    const nextLower = next !== undefined && next >= 'a' && next <= 'z';
    if (upperHere && (prevLowerOrDigit || (prevUpper && nextLower))) boundaries.push(i);
  }
  return boundaries;
}

export function shrinkActions(actions: readonly string[], universe: ShrinkUniverse): string[] {
  const requested = new Set(actions.map((a) => a.toLowerCase()));
  const result = new Set<string>();
  for (const action of actions) {
    const colon = action.indexOf(':');
    const service = action.slice(0, colon);
    const names = colon < 0 ? undefined : universe.actionNamesOf(service);
    const canonical = names?.find((n) => n.toLowerCase() === action.slice(colon + 1).toLowerCase());
    if (!names || !canonical) {
      // Unknown actions and existing wildcards are kept as they are.
      result.add(action);
      continue;
    }
    const safe = (prefix: string) => {
      const lower = prefix.toLowerCase();
      return names.every((n) => !n.toLowerCase().startsWith(lower) || requested.has(`${service}:${n}`.toLowerCase()));
    };
    if (safe('')) {
      result.add(`${service}:*`);
      continue;
    }
    const boundary = wordBoundaries(canonical).find((at) => safe(canonical.slice(0, at)));
    result.add(boundary === undefined ? `${service}:${canonical}` : `${service}:${canonical.slice(0, boundary)}*`);
  }
  return collapseCovered([...result]).sort(codePointCompare);
}

/** Drops entries already matched by a wildcard in the same list (`s3:GetObject` beside `s3:Get*`). */
function collapseCovered(entries: string[]): string[] {
  const wildcards = entries.filter((e) => e.endsWith('*')).map((e) => e.slice(0, -1).toLowerCase());
  return entries.filter((entry) => {
    const lower = entry.toLowerCase();
    return !wildcards.some((w) => lower !== `${w}*` && lower.startsWith(w));
  });
}
