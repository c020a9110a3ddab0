import type { Dataset } from '../../data/model.js';

/**
 * policy_sentry's exclude-actions: entries with `*` are expanded against the database
 * (`*` alone = every action; otherwise the service before the first `:` is looked up
 * case-sensitively and its actions matched with fnmatch, case-insensitively); an unknown
 * service keeps the pattern literally, so it excludes nothing. Entries without `*` are kept
 * as they are. The result is lower-cased; an action is excluded when its lower-case form is in it.
 */
export function expandExclusions(entries: readonly string[], dataset: Dataset): Set<string> {
  const excluded = new Set<string>();
  for (const entry of entries) {
    if (!entry.includes('*')) {
      excluded.add(entry.toLowerCase());
      continue;
    }
    if (entry === '*') {
      for (const info of dataset.listServices()) {
        for (const action of dataset.serviceWithoutConditionKeys(info.prefix)?.actions ?? []) {
          excluded.add(`${info.prefix}:${action.name}`.toLowerCase());
        }
      }
      continue;
    }
    const service = entry.split(':')[0]!;
    const candidates = dataset.serviceWithoutConditionKeys(service)?.actions;
    if (!candidates) {
      excluded.add(entry.toLowerCase());
      continue;
    }
    const pattern = fnmatchToRegExp(entry.toLowerCase());
    for (const action of candidates) {
      const full = `${service}:${action.name}`.toLowerCase();
      if (pattern.test(full)) excluded.add(full);
    }
  }
  return excluded;
}

/** Python's fnmatch: `*`, `?`, `[seq]`, `[!seq]`; everything else literal. */
export function fnmatchToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) source += '\\[';
      else {
        let body = pattern.slice(i + 1, close);
        const negate = body.startsWith('!');
        if (negate) body = body.slice(1);
        source += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
        i = close;
      }
    } else source += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}
