/**
 * A js-yaml schema that reads plain scalars and mappings exactly as the `yaml` package's YAML 1.1
 * schema and `toJS()` do (node_modules/yaml/dist/schema/yaml-1.1/ and nodes/addPairToJSMap.js):
 * the same regular expressions tried in the same order, the same arithmetic (`-1 * n`, so `-0`
 * is -0; `0x_` is NaN), and the same mapping keys (`~` is the key "", `1.0` the key "1").
 * One tag per type (js-yaml keeps one tag per name) tries yaml's patterns in yaml's order; the
 * null, bool, int, float and timestamp patterns never match the same text, so the order between
 * types does not matter. Explicit tags (`!!binary`, `!!set`, `!!omap`, `!!pairs`...) are not
 * here: the fast template read leaves any tagged node to the `yaml` package.
 */
import { defineMappingTag, defineScalarTag, mergeTag, NOT_RESOLVED, Schema, seqTag, strTag } from 'js-yaml';

const DIGITS = [...'0123456789'];
const SIGNED_DIGITS = ['-', '+', ...DIGITS];

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const TRUE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const INT_BIN = /^[-+]?0b[0-1_]+$/;
const INT_OCT = /^[-+]?0[0-7_]+$/;
const INT_DEC = /^[-+]?[0-9][0-9_]*$/;
const INT_HEX = /^[-+]?0x[0-9a-fA-F_]+$/;
const INT_TIME = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/;
const FLOAT_TIME = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/;
const TIMESTAMP =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\.[0-9]+)?)(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/;

/** yaml's intResolve: `offset` skips the base prefix (`0x`, `0b`, `0`) after any sign. */
function parseInteger(text: string, offset: number, radix: number): number {
  const sign = text[0];
  const digits = text.substring(sign === '-' || sign === '+' ? offset + 1 : offset).replace(/_/g, '');
  const n = Number.parseInt(digits, radix);
  return sign === '-' ? -1 * n : n;
}

/** yaml's parseSexagesimal (base 60: `1:30` is 90). */
function parseSexagesimal(text: string): number {
  const sign = text[0];
  const parts = sign === '-' || sign === '+' ? text.substring(1) : text;
  const value = parts
    .replace(/_/g, '')
    .split(':')
    .reduce((sum, part) => sum * 60 + Number(part), 0);
  return sign === '-' ? -1 * value : value;
}

function parseTimestamp(text: string): Date | typeof NOT_RESOLVED {
  const match = TIMESTAMP.exec(text);
  if (!match) return NOT_RESOLVED;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
  const millisecond = match[7] ? Number(`${match[7]}00`.substr(1, 3)) : 0;
  let date = Date.UTC(year!, month! - 1, day!, hour || 0, minute || 0, second || 0, millisecond);
  const zone = match[8];
  if (zone && zone !== 'Z') {
    let offset = parseSexagesimal(zone);
    if (Math.abs(offset) < 30) offset *= 60;
    date -= 60000 * offset;
  }
  return new Date(date);
}

const nullTag = defineScalarTag('tag:yaml.org,2002:null', {
  implicit: true,
  implicitFirstChars: ['', '~', 'n', 'N'],
  resolve: (text) => (NULL.test(text) ? null : NOT_RESOLVED),
  identify: (value) => value === null,
});

const boolTag = defineScalarTag('tag:yaml.org,2002:bool', {
  implicit: true,
  implicitFirstChars: [...'yYnNtTfFoO'],
  resolve: (text) => (TRUE.test(text) ? true : FALSE.test(text) ? false : NOT_RESOLVED),
  identify: (value) => typeof value === 'boolean',
});

const intTag = defineScalarTag('tag:yaml.org,2002:int', {
  implicit: true,
  implicitFirstChars: SIGNED_DIGITS,
  resolve: (text) => {
    if (INT_BIN.test(text)) return parseInteger(text, 2, 2);
    if (INT_OCT.test(text)) return parseInteger(text, 1, 8);
    if (INT_DEC.test(text)) return parseInteger(text, 0, 10);
    if (INT_HEX.test(text)) return parseInteger(text, 2, 16);
    if (INT_TIME.test(text)) return parseSexagesimal(text);
    return NOT_RESOLVED;
  },
  identify: (value) => Number.isInteger(value),
});

const floatTag = defineScalarTag('tag:yaml.org,2002:float', {
  implicit: true,
  implicitFirstChars: [...SIGNED_DIGITS, '.', 'e', 'E'],
  resolve: (text) => {
    if (FLOAT_NAN.test(text)) {
      if (text.slice(-3).toLowerCase() === 'nan') return Number.NaN;
      return text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    }
    if (FLOAT_EXP.test(text) || FLOAT.test(text)) return Number.parseFloat(text.replace(/_/g, ''));
    if (FLOAT_TIME.test(text)) return parseSexagesimal(text);
    return NOT_RESOLVED;
  },
  identify: (value) => typeof value === 'number',
});

const timestampTag = defineScalarTag('tag:yaml.org,2002:timestamp', {
  implicit: true,
  implicitFirstChars: DIGITS,
  resolve: parseTimestamp,
  identify: (value) => value instanceof Date,
});

/** Mappings whose keys were not all strings: merging them (`<<`) is left to the `yaml` package. */
const NON_STRING_KEYS = new WeakSet<object>();

/**
 * Plain objects keyed as yaml's toJS keys them. A collection or timestamp key is refused (yaml
 * turns it into a YAML string and prints a warning), so js-yaml throws and the caller defers.
 */
const mapTag = defineMappingTag<Record<string, unknown>>('tag:yaml.org,2002:map', {
  create: () => ({}),
  addPair: (map, key, value) => {
    if (typeof key !== 'string') {
      if (key !== null && typeof key === 'object') return 'a collection or timestamp mapping key';
      NON_STRING_KEYS.add(map);
    }
    const name = mapKey(key);
    // As yaml does: `__proto__` becomes an own property, not the prototype.
    if (name === '__proto__')
      Object.defineProperty(map, name, { value, writable: true, enumerable: true, configurable: true });
    else map[name] = value;
    return '';
  },
  has: (map, key) => Object.hasOwn(map, mapKey(key)),
  keys: (map) => {
    // yaml merges the source's own keys (null stays null, and becomes "null", not ""): with only
    // string keys, both agree.
    if (NON_STRING_KEYS.has(map)) throw new Error('merge of a mapping with non-string keys');
    return Object.keys(map);
  },
  get: (map, key) => map[mapKey(key)],
  identify: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
});

/** yaml's stringifyKey for scalar keys. */
function mapKey(key: unknown): string {
  return key === null ? '' : String(key);
}

const IMPLICIT_TAGS = [nullTag, boolTag, intTag, floatTag, timestampTag];

/** A plain scalar's value, as the schema resolves it (for `<<`, the text: merging is js-yaml's). */
export function resolvePlainScalar(text: string): unknown {
  for (const tag of IMPLICIT_TAGS) {
    const value = tag.resolve(text, false, tag.tagName);
    if (value !== NOT_RESOLVED) return value;
  }
  return text;
}

export const YAML11_TEMPLATE_SCHEMA = new Schema([
  strTag,
  seqTag,
  mapTag,
  nullTag,
  boolTag,
  intTag,
  floatTag,
  mergeTag,
  timestampTag,
]);
