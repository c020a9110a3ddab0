/**
 * Every rule `validate` applies: its code (stable: users filter and suppress by it), its severity and
 * its help text. SARIF output lists them as tool.driver.rules; docs/validate.md describes each one.
 */
import type { Severity } from './findings.js';

export interface Rule {
  code: string;
  severity: Severity;
  /** One line: what the rule reports. */
  title: string;
  /** Why it matters and how to fix it. */
  help: string;
}

const RULE_LIST: readonly Rule[] = [
  {
    code: 'json-syntax',
    severity: 'error',
    title: 'The policy is not valid JSON',
    help: 'IAM policies are strict JSON documents: no comments, no trailing commas, double-quoted strings.',
  },
  {
    code: 'json-duplicate-key',
    severity: 'error',
    title: 'A key appears twice in one object',
    help: 'Only one of the values is used, and which one depends on the parser. Merge the two entries.',
  },
  {
    code: 'policy-structure',
    severity: 'error',
    title: 'The document does not have the shape of a policy',
    help: 'A policy is an object with a Statement that is one statement object or a non-empty array of them.',
  },
  {
    code: 'unknown-element',
    severity: 'error',
    title: 'An element name IAM does not know',
    help: 'Top level: Version, Id, Statement. Statements: Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition. Names are case-sensitive.',
  },
  {
    code: 'version-invalid',
    severity: 'error',
    title: 'Version is not a policy language version',
    help: 'Use "Version": "2012-10-17".',
  },
  {
    code: 'version-outdated',
    severity: 'warning',
    title: 'Version is missing or 2008-10-17',
    help: 'Without "Version": "2012-10-17", policy variables such as ${aws:username} are taken literally.',
  },
  {
    code: 'effect-invalid',
    severity: 'error',
    title: 'Effect is not "Allow" or "Deny"',
    help: 'Effect is case-sensitive and must be exactly "Allow" or "Deny".',
  },
  {
    code: 'element-missing',
    severity: 'error',
    title: 'A required statement element is missing',
    help: 'Every statement needs Effect and Action (or NotAction); identity policies also need Resource (or NotResource).',
  },
  {
    code: 'element-conflict',
    severity: 'error',
    title: 'A statement has both an element and its Not form',
    help: 'Use either Action or NotAction, Resource or NotResource, Principal or NotPrincipal.',
  },
  {
    code: 'element-type',
    severity: 'error',
    title: 'An element has the wrong JSON type',
    help: 'Action, Resource and their Not forms are a string or a non-empty list of strings; Sid is a string; Condition is {operator: {key: value or list of values}}.',
  },
  {
    code: 'sid-duplicate',
    severity: 'error',
    title: 'Two statements have the same Sid',
    help: 'Statement IDs must be unique within a policy.',
  },
  {
    code: 'sid-syntax',
    severity: 'error',
    title: 'Sid has characters IAM does not accept',
    help: 'In identity policies a Sid may contain only ASCII letters and digits.',
  },
  {
    code: 'action-syntax',
    severity: 'error',
    title: 'An action is not of the form service:action',
    help: 'Write actions as "<service prefix>:<action name>", e.g. "s3:GetObject"; wildcards * and ? are allowed.',
  },
  {
    code: 'unknown-service',
    severity: 'error',
    title: 'An action names a service prefix the dataset does not know',
    help: 'Check the service prefix (`iamwright query service-table`), or use a newer dataset (`iamwright data update`).',
  },
  {
    code: 'unknown-action',
    severity: 'error',
    title: 'An action the service does not have',
    help: 'Check the spelling (`iamwright query action-table -s <service>`), or use a newer dataset.',
  },
  {
    code: 'wildcard-matches-nothing',
    severity: 'error',
    title: 'An action wildcard matches no action of the service',
    help: 'The pattern grants nothing today; it is probably misspelled.',
  },
  {
    code: 'resource-syntax',
    severity: 'error',
    title: 'A resource is neither "*" nor an ARN',
    help: 'Resources are ARNs (arn:partition:service:region:account:resource) or "*".',
  },
  {
    code: 'resource-service-mismatch',
    severity: 'error',
    title: "A resource ARN belongs to a service none of the statement's actions acts on",
    help: 'The ARN matches no action of the statement, so it grants nothing. Move it to a statement with that service’s actions.',
  },
  {
    code: 'resource-no-match',
    severity: 'warning',
    title: "A resource ARN matches no resource type of the statement's actions",
    help: 'The ARN has the right service but not the shape of any resource type the actions take (e.g. a bucket ARN for s3:GetObject, which takes objects).',
  },
  {
    code: 'action-resource-mismatch',
    severity: 'warning',
    title: "An action matches none of the statement's resources",
    help: 'The action is granted on nothing: add an ARN of a resource type it takes, or "*" for actions without resource-level permissions.',
  },
  {
    code: 'resource-wildcard',
    severity: 'suggestion',
    title: 'Resource "*" on actions that support resource-level permissions',
    help: 'These actions can be limited to specific ARNs; `iamwright query action-table -s <service> -n <action>` shows which.',
  },
  {
    code: 'wildcard-write',
    severity: 'warning',
    title: 'An action wildcard grants write or permissions-management actions',
    help: 'Wildcards such as iam:* or s3:Put* grant every matching action, including ones added later. List the actions you need (`iamwright expand`).',
  },
  {
    code: 'allow-not-action',
    severity: 'warning',
    title: 'Allow with NotAction',
    help: 'Allow + NotAction grants every other action of every service, including new ones. List the allowed actions instead.',
  },
  {
    code: 'allow-not-resource',
    severity: 'warning',
    title: 'Allow with NotResource',
    help: 'Allow + NotResource grants the actions on every other resource, including future ones. List the resources instead.',
  },
  {
    code: 'principal-syntax',
    severity: 'error',
    title: 'Principal is malformed',
    help: 'Principal is "*" or an object whose keys are AWS, Service, Federated or CanonicalUser, each with a string or a list of strings.',
  },
  {
    code: 'principal-public',
    severity: 'warning',
    title: 'Allow to every principal without a condition',
    help: 'Principal "*" (or {"AWS": "*"}) without a Condition makes the resource public.',
  },
  {
    code: 'condition-operator',
    severity: 'error',
    title: 'Unknown condition operator',
    help: 'Operators are StringEquals, NumericLessThan, DateGreaterThan, Bool, IpAddress, ArnLike, Null... optionally with an IfExists suffix (not for Null) and a ForAllValues:/ForAnyValue: prefix.',
  },
  {
    code: 'condition-key-unknown',
    severity: 'error',
    title: 'A condition key its service does not define',
    help: 'The key is not in the service’s condition keys table, so the condition never matches. `iamwright query condition-table -s <service>` lists the keys.',
  },
  {
    code: 'condition-key-unverified',
    severity: 'suggestion',
    title: 'A condition key iamwright cannot check',
    help: 'A global aws: key missing from iamwright’s list, or a key of a service the dataset does not have. Check its name in the AWS documentation.',
  },
  {
    code: 'condition-key-unsupported',
    severity: 'error',
    title: 'No action of the statement supports the condition key',
    help: 'The key is never in the request context of these actions, so the condition never matches (with a negated operator such as StringNotEquals, always matches). Check `iamwright query action-table -s <service> -n <action>`.',
  },
  {
    code: 'condition-key-partly-supported',
    severity: 'warning',
    title: 'Some actions of the statement do not support the condition key',
    help: 'For those actions the condition never matches (with a negated operator, always matches). Move them to their own statement, or use the ...IfExists form of the operator.',
  },
  {
    code: 'condition-type-mismatch',
    severity: 'error',
    title: 'The condition operator does not fit the key’s type',
    help: 'Use Numeric* operators on Numeric keys, Date* on Date, Bool on Bool, IpAddress on IP addresses, Arn* on ARNs, String* on strings.',
  },
  {
    code: 'condition-string-operator',
    severity: 'warning',
    title: 'A string operator on a key that is not a string',
    help: 'The value is compared as text. Use the operator of the key’s type (Bool, Numeric*, Date*, IpAddress).',
  },
  {
    code: 'condition-set-operator',
    severity: 'warning',
    title: 'ForAllValues/ForAnyValue on a single-valued key, or a multivalued key without them',
    help: 'ForAllValues matches when a single-valued key is absent; multivalued keys (ArrayOf*) need ForAllValues: or ForAnyValue:.',
  },
  {
    code: 'condition-value',
    severity: 'error',
    title: 'A condition value is not valid for its operator',
    help: 'Bool and Null take "true"/"false"; Numeric* take numbers; Date* take ISO 8601 dates or epoch seconds; IpAddress takes IP addresses or CIDR ranges.',
  },
  {
    code: 'privilege-escalation',
    severity: 'warning',
    title: 'The allowed actions let a principal give itself more permissions',
    help: 'A known privilege-escalation combination (Rhino Security Labs, Bishop Fox) is allowed by the policy. Scope the actions to specific resources or remove them.',
  },
];

export const RULES: ReadonlyMap<string, Rule> = new Map(RULE_LIST.map((rule) => [rule.code, rule]));

/** Every rule, in documentation order. */
export function allRules(): readonly Rule[] {
  return RULE_LIST;
}

export function ruleOf(code: string): Rule {
  const rule = RULES.get(code);
  if (!rule) throw new Error(`unknown validate rule ${code}`);
  return rule;
}
