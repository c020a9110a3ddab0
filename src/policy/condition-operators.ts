/**
 * IAM condition operators and the key types they fit (IAM User Guide, "IAM JSON policy elements:
 * Condition operators"), and the value each operator takes.
 */
/** A condition value as policies and templates write it. */
export type ConditionValue = string | number | boolean;

export type OperatorFamily = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

const FAMILIES: Record<OperatorFamily, readonly string[]> = {
  string: [
    'StringEquals',
    'StringNotEquals',
    'StringEqualsIgnoreCase',
    'StringNotEqualsIgnoreCase',
    'StringLike',
    'StringNotLike',
  ],
  numeric: [
    'NumericEquals',
    'NumericNotEquals',
    'NumericLessThan',
    'NumericLessThanEquals',
    'NumericGreaterThan',
    'NumericGreaterThanEquals',
  ],
  date: [
    'DateEquals',
    'DateNotEquals',
    'DateLessThan',
    'DateLessThanEquals',
    'DateGreaterThan',
    'DateGreaterThanEquals',
  ],
  bool: ['Bool'],
  binary: ['BinaryEquals'],
  ip: ['IpAddress', 'NotIpAddress'],
  arn: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'],
  null: ['Null'],
};

/** The operator to suggest for a key of each family. */
export const OPERATOR_FOR_FAMILY: Record<OperatorFamily, string> = {
  string: 'StringEquals',
  numeric: 'NumericEquals',
  date: 'DateEquals',
  bool: 'Bool',
  binary: 'BinaryEquals',
  ip: 'IpAddress',
  arn: 'ArnEquals',
  null: 'Null',
};

const BY_LOWER_NAME = new Map<string, { name: string; family: OperatorFamily }>();
for (const [family, names] of Object.entries(FAMILIES) as [OperatorFamily, readonly string[]][]) {
  for (const name of names) BY_LOWER_NAME.set(name.toLowerCase(), { name, family });
}

export interface ParsedOperator {
  /** Canonical name without prefix and suffix, e.g. `StringLike`. */
  base: string;
  family: OperatorFamily;
  ifExists: boolean;
  set: 'ForAllValues' | 'ForAnyValue' | undefined;
}

/** Why IAM rejects an operator that {@link parseOperator} does not accept. */
export function operatorProblem(operator: string): string {
  const base = operator.replace(/^[^:]*:/, '').replace(/IfExists$/i, '');
  if (BY_LOWER_NAME.get(base.toLowerCase())?.family === 'null') {
    return `${operator}: Null takes neither IfExists nor ForAllValues:/ForAnyValue:`;
  }
  return `unknown condition operator ${operator}`;
}

/** Parses `ForAnyValue:StringLikeIfExists`; undefined when IAM has no such operator. */
export function parseOperator(operator: string): ParsedOperator | undefined {
  let rest = operator;
  let set: ParsedOperator['set'];
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon).toLowerCase();
    if (prefix === 'forallvalues') set = 'ForAllValues';
    else if (prefix === 'foranyvalue') set = 'ForAnyValue';
    else return undefined;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const known = BY_LOWER_NAME.get(rest.toLowerCase());
  if (!known) return undefined;
  // Null tests whether the key exists: IfExists would make it meaningless, and IAM rejects it.
  if (known.family === 'null' && (ifExists || set)) return undefined;
  return { base: known.name, family: known.family, ifExists, set };
}

/** A key's families and whether it is multivalued, from AWS's type names (String, ArrayOfARN, ...). */
export function keyTypeInfo(types: readonly string[]): { families: OperatorFamily[]; multivalued: boolean } {
  const families = new Set<OperatorFamily>();
  let multivalued = false;
  for (const type of types) {
    const lower = type.toLowerCase();
    if (lower.startsWith('arrayof')) multivalued = true;
    const base = lower.replace(/^arrayof/, '');
    if (base === 'string') families.add('string');
    else if (base === 'arn') families.add('arn');
    else if (base === 'bool' || base === 'boolean') families.add('bool');
    else if (base === 'numeric' || base === 'long' || base === 'integer' || base === 'number') families.add('numeric');
    else if (base === 'date') families.add('date');
    else if (base === 'ipaddress') families.add('ip');
    else if (base === 'binary') families.add('binary');
  }
  return { families: [...families], multivalued };
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Why a value is invalid for the operator's family, or undefined when it is valid. */
export function invalidValue(family: OperatorFamily, value: ConditionValue): string | undefined {
  if (typeof value === 'string' && value.includes('${')) return undefined;
  const text = String(value);
  switch (family) {
    case 'bool':
    case 'null':
      return /^(true|false)$/i.test(text) ? undefined : 'expected "true" or "false"';
    case 'numeric':
      return NUMBER.test(text) ? undefined : 'expected a number';
    case 'date':
      return ISO_DATE.test(text) || /^\d+$/.test(text)
        ? undefined
        : 'expected an ISO 8601 date (2026-01-31T00:00:00Z) or epoch seconds';
    case 'ip':
      return validIpRange(text) ? undefined : 'expected an IP address or CIDR range (203.0.113.0/24)';
    default:
      return undefined;
  }
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** 4 or 6 for a valid IP address, else 0 (the WHATWG URL parser validates IPv6 without node:net). */
function ipVersion(address: string): 4 | 6 | 0 {
  if (IPV4.test(address)) return 4;
  if (!address.includes(':') || !/^[0-9a-fA-F:.]+$/.test(address)) return 0;
  try {
    new URL(`http://[${address}]/`);
    return 6;
  } catch {
    return 0;
  }
}

function validIpRange(text: string): boolean {
  const [address = '', prefix, extra] = text.split('/');
  if (extra !== undefined) return false;
  const version = ipVersion(address);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}
