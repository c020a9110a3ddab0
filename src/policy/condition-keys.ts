import type { Action, Dataset, Service } from '../data/model.js';

/**
 * AWS global condition keys and their types (AWS IAM User Guide, "AWS global condition context
 * keys"). `${TagKey}` stands for any tag key.
 */
export const GLOBAL_CONDITION_KEYS: Readonly<Record<string, string>> = {
  'aws:CalledVia': 'ArrayOfString',
  'aws:CalledViaFirst': 'String',
  'aws:CalledViaLast': 'String',
  'aws:CurrentTime': 'Date',
  'aws:EpochTime': 'Date',
  'aws:Ec2InstanceSourcePrivateIPv4': 'IPAddress',
  'aws:Ec2InstanceSourceVpc': 'String',
  'aws:FederatedProvider': 'String',
  'aws:MultiFactorAuthAge': 'Numeric',
  'aws:MultiFactorAuthPresent': 'Bool',
  'aws:PrincipalAccount': 'String',
  'aws:PrincipalArn': 'ARN',
  'aws:PrincipalIsAWSService': 'Bool',
  'aws:PrincipalOrgID': 'String',
  'aws:PrincipalOrgPaths': 'ArrayOfString',
  'aws:PrincipalServiceName': 'String',
  'aws:PrincipalServiceNamesList': 'ArrayOfString',
  'aws:PrincipalTag/${TagKey}': 'String',
  'aws:PrincipalType': 'String',
  'aws:Referer': 'String',
  'aws:RequestedRegion': 'String',
  'aws:RequestTag/${TagKey}': 'String',
  'aws:ResourceAccount': 'String',
  'aws:ResourceOrgID': 'String',
  'aws:ResourceOrgPaths': 'ArrayOfString',
  'aws:ResourceTag/${TagKey}': 'String',
  'aws:SecureTransport': 'Bool',
  'aws:SourceAccount': 'String',
  'aws:SourceArn': 'ARN',
  'aws:SourceIdentity': 'String',
  'aws:SourceIp': 'IPAddress',
  'aws:SourceOrgID': 'String',
  'aws:SourceOrgPaths': 'ArrayOfString',
  'aws:SourceVpc': 'String',
  'aws:SourceVpcArn': 'ARN',
  'aws:SourceVpce': 'String',
  'aws:TagKeys': 'ArrayOfString',
  'aws:TokenIssueTime': 'Date',
  'aws:UserAgent': 'String',
  'aws:userid': 'String',
  'aws:username': 'String',
  'aws:ViaAWSService': 'Bool',
  'aws:VpceAccount': 'String',
  'aws:VpceOrgID': 'String',
  'aws:VpceOrgPaths': 'ArrayOfString',
  'aws:VpcSourceIp': 'IPAddress',
};

/**
 * Global keys that are not available to every action: an action supports them only where the
 * Service Authorization Reference lists them (for its resource type or the action itself).
 */
const LISTED_GLOBAL_PREFIXES = ['aws:resourcetag/', 'aws:requesttag/', 'aws:tagkeys'];

/**
 * Whether a key written in a policy (`aws:ResourceTag/team`) is the documented key pattern
 * (`aws:ResourceTag/${TagKey}`, `s3:ExistingObjectTag/<key>`). Condition keys are case-insensitive.
 */
export function keyMatchesPattern(key: string, pattern: string): boolean {
  const lowerKey = key.toLowerCase();
  const lowerPattern = pattern.toLowerCase();
  // `${TagKey}`, `<key>` and (in older data) a trailing `tag-key` stand for any name.
  const placeholder = lowerPattern.search(/\$\{|<|tag-key$/);
  if (placeholder < 0) return lowerKey === lowerPattern;
  const stem = lowerPattern.slice(0, placeholder);
  return lowerKey.startsWith(stem) && lowerKey.length > stem.length;
}

export interface KeyInfo {
  /** The documented name (with its placeholder, if any). */
  name: string;
  type: string;
  global: boolean;
}

/** The documented key and its type, or undefined when neither AWS's global keys nor the service list it. */
export function findConditionKey(key: string, dataset: Dataset): KeyInfo | undefined {
  for (const [name, type] of Object.entries(GLOBAL_CONDITION_KEYS)) {
    if (keyMatchesPattern(key, name)) return { name, type, global: true };
  }
  const service = dataset.getService(key.split(':')[0] ?? '');
  const found = service?.conditionKeys.find((k) => keyMatchesPattern(key, k.name));
  return found ? { name: found.name, type: found.type, global: false } : undefined;
}

/**
 * Whether `action` supports `key` when it acts on resource type `typeName` (undefined: on
 * `Resource: "*"`): global keys always, except the tag keys, which like service keys must be
 * listed for the action, its resource type row, or the resource type itself.
 */
export function actionSupportsKey(
  service: Service,
  action: Action,
  typeName: string | undefined,
  key: string,
): boolean {
  const lower = key.toLowerCase();
  if (lower.startsWith('aws:') && !LISTED_GLOBAL_PREFIXES.some((p) => lower.startsWith(p))) return true;
  const listed = [...action.conditionKeys];
  const rows =
    typeName === undefined ? action.resourceTypes : action.resourceTypes.filter((t) => sameName(t.name, typeName));
  for (const row of rows) {
    listed.push(...row.conditionKeys);
    const type = service.resourceTypes.find((t) => sameName(t.name, row.name));
    if (type) listed.push(...type.conditionKeys);
  }
  return listed.some((pattern) => keyMatchesPattern(key, pattern));
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

const OPERATOR_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  String: [
    'StringEquals',
    'StringNotEquals',
    'StringEqualsIgnoreCase',
    'StringNotEqualsIgnoreCase',
    'StringLike',
    'StringNotLike',
  ],
  Numeric: [
    'NumericEquals',
    'NumericNotEquals',
    'NumericLessThan',
    'NumericLessThanEquals',
    'NumericGreaterThan',
    'NumericGreaterThanEquals',
  ],
  Date: [
    'DateEquals',
    'DateNotEquals',
    'DateLessThan',
    'DateLessThanEquals',
    'DateGreaterThan',
    'DateGreaterThanEquals',
  ],
  Bool: ['Bool'],
  Binary: ['BinaryEquals'],
  IPAddress: ['IpAddress', 'NotIpAddress'],
  ARN: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'],
};

/** Which operator families a key type accepts (ARN keys also take string operators, as AWS allows). */
const FAMILIES_FOR_TYPE: Readonly<Record<string, readonly string[]>> = {
  string: ['String'],
  arrayofstring: ['String'],
  arn: ['ARN', 'String'],
  arrayofarn: ['ARN', 'String'],
  numeric: ['Numeric'],
  arrayofnumeric: ['Numeric'],
  date: ['Date'],
  arrayofdate: ['Date'],
  bool: ['Bool'],
  boolean: ['Bool'],
  arrayofbool: ['Bool'],
  ipaddress: ['IPAddress'],
  arrayofipaddress: ['IPAddress'],
  binary: ['Binary'],
};

export interface OperatorCheck {
  error?: string;
  /** Which part of the condition the error is about. */
  field?: 'operator' | 'values';
  warning?: string;
}

/**
 * Checks an operator (with `ForAllValues:`/`ForAnyValue:` and `IfExists`) and its values against
 * a key's type.
 */
export function checkOperator(operator: string, keyType: string, values: readonly string[]): OperatorCheck {
  const setMatch = /^(ForAllValues|ForAnyValue):(.+)$/.exec(operator);
  const base = (setMatch ? setMatch[2]! : operator).replace(/IfExists$/, '');
  const multivalued = keyType.toLowerCase().startsWith('arrayof');
  if (base === 'Null') {
    if (values.some((v) => v !== 'true' && v !== 'false'))
      return { error: 'Null takes "true" or "false"', field: 'values' };
    return {};
  }
  const family = Object.entries(OPERATOR_FAMILIES).find(([, ops]) => ops.includes(base))?.[0];
  if (!family) return { error: `unknown condition operator "${operator}"` };
  const accepted = FAMILIES_FOR_TYPE[keyType.toLowerCase()] ?? ['String'];
  if (!accepted.includes(family)) return { error: `${operator} cannot test a key of type ${keyType}` };
  const bad = values.find((v) => !valueFits(family, v));
  if (bad !== undefined) {
    return { error: `${JSON.stringify(bad)} is not a valid ${family} value for ${operator}`, field: 'values' };
  }
  if (setMatch && !multivalued) {
    return { warning: `${setMatch[1]} is for multivalued keys; this key (${keyType}) has a single value` };
  }
  if (!setMatch && multivalued) {
    return { warning: `a multivalued key (${keyType}) is usually tested with ForAnyValue: or ForAllValues:` };
  }
  return {};
}

function valueFits(family: string, value: string): boolean {
  switch (family) {
    case 'Numeric':
      return /^-?\d+(\.\d+)?$/.test(value);
    case 'Bool':
      return value === 'true' || value === 'false';
    case 'Date':
      return /^\d+$/.test(value) || !Number.isNaN(Date.parse(value));
    case 'IPAddress':
      return /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/.test(value) || /^[0-9a-fA-F:]+(\/\d{1,3})?$/.test(value);
    default:
      return true;
  }
}
