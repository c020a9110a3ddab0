/**
 * iam-collect's "consistent" JSON serialization, reproduced byte for byte so that a tree written by
 * iamwright and one written by iam-collect diff clean (checked against real iam-collect output in
 * test/fixtures/storage/serialization):
 *
 * - 2-space indentation, no trailing newline;
 * - object keys: two policy keys compare by their rank (Version, Statement, Sid, Effect, Action,
 *   Principal, Resource, Condition); any other pair compares as text (English collation). This is
 *   deliberately iam-collect's comparator, which is not a total order: the result is still the same
 *   for the same input, so two runs over the same account stay byte-identical;
 * - array elements sorted by their serialized text (statement order carries no meaning);
 * - properties whose value is undefined are left out; undefined array elements become null.
 */

const POLICY_KEY_RANK: Readonly<Record<string, number>> = {
  Version: 1,
  Statement: 2,
  Sid: 3,
  Effect: 4,
  Action: 5,
  Principal: 6,
  Resource: 7,
  Condition: 8,
};

// One collator for every comparison: `localeCompare` would build one per call, and would follow
// the user's locale, making output depend on the machine.
const collator = new Intl.Collator('en');

function compareKeys(a: string, b: string): number {
  const rankA = POLICY_KEY_RANK[a];
  const rankB = POLICY_KEY_RANK[b];
  if (rankA !== undefined && rankB !== undefined) return rankA - rankB;
  return collator.compare(a, b);
}

/** Serializes a JSON value the consistent way; undefined for undefined (nothing to write). */
export function serializeConsistent(value: unknown): string | undefined {
  return stringify(value, '');
}

function stringify(value: unknown, indent: string): string | undefined {
  let node = value;
  if (node !== null && typeof node === 'object' && typeof (node as { toJSON?: unknown }).toJSON === 'function') {
    node = (node as { toJSON: () => unknown }).toJSON();
  }
  if (node === undefined || typeof node === 'function' || typeof node === 'symbol') return undefined;
  if (typeof node === 'number') return Number.isFinite(node) ? String(node) : 'null';
  if (node === null || typeof node !== 'object') return JSON.stringify(node);

  const inner = `${indent}  `;
  if (Array.isArray(node)) {
    if (node.length === 0) return '[]';
    const items = node.map((item) => stringify(item, inner) ?? 'null').sort();
    return `[\n${inner}${items.join(`,\n${inner}`)}\n${indent}]`;
  }

  const record = node as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort(compareKeys)) {
    const text = stringify(record[key], inner);
    if (text !== undefined) members.push(`${inner}${JSON.stringify(key)}: ${text}`);
  }
  if (members.length === 0) return '{}';
  return `{\n${members.join(',\n')}\n${indent}}`;
}

/**
 * What to store for a value, or undefined when the file should be deleted instead: undefined,
 * null, an empty object, an empty array or an empty string mean "nothing here", so a removed
 * policy or tag set disappears from storage. A string is taken as already-serialized JSON text
 * (trimmed), as iam-collect does; anything else is serialized consistently.
 */
export function storedText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    const text = value.trim();
    return text === '' || text === '{}' || text === '[]' ? undefined : text;
  }
  if (Array.isArray(value) && value.length === 0) return undefined;
  if (typeof value === 'object' && Object.keys(value).length === 0) return undefined;
  return serializeConsistent(value);
}
