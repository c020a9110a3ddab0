/**
 * Infrastructure-as-code renderers for `write-policy --fmt`: a Terraform
 * `aws_iam_policy_document` data source, a CloudFormation `PolicyDocument` mapping and AWS CDK
 * `iam.PolicyStatement` calls. Each states exactly the policy the JSON output states, in the same
 * order. Every output is ASCII (other characters are escaped) and ends with a newline.
 */
import type { PolicyDocument, PolicyStatement } from './document.js';
import type { IacFormat } from './formats.js';

export interface IacOptions {
  /** The template's `name`: names the Terraform data source (sanitised); `policy` when absent. */
  name?: string | undefined;
}

/** A condition value as IAM's JSON grammar allows it. */
export type ConditionScalar = string | number | boolean;

/** `{Operator: {Key: value | values}}`, as in a policy's JSON. */
export type StatementCondition = Record<string, Record<string, ConditionScalar | ConditionScalar[]>>;

/** One or several policies (from `--max-size`) in an IaC format. */
export function renderIac(policies: readonly PolicyDocument[], format: IacFormat, options: IacOptions = {}): string {
  if (format === 'terraform-hcl') return renderTerraformHcl(policies, options.name);
  if (format === 'cloudformation-yaml') return renderCloudFormationYaml(policies);
  return renderCdkTs(policies);
}

/** A statement's Condition block, when it has one with at least one operator. */
function conditionOf(statement: PolicyStatement): StatementCondition | undefined {
  const condition = (statement as PolicyStatement & { Condition?: StatementCondition }).Condition;
  return condition && Object.keys(condition).length > 0 ? condition : undefined;
}

/** The text, each code point replaced by its escape when `escapeOf` gives one. */
function escapeCodePoints(text: string, escapeOf: (ch: string, code: number) => string | undefined): string {
  let out = '';
  for (const ch of text) out += escapeOf(ch, ch.codePointAt(0) ?? 0) ?? ch;
  return out;
}

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, '0');
}

// ---------------------------------------------------------------------------------------------
// Terraform

/**
 * `data "aws_iam_policy_document" "<name>" {...}`, laid out as `terraform fmt` leaves it: one
 * `statement` block per statement, one `condition` block per operator and key (Terraform's
 * `values` are strings, so numbers and booleans are written as strings, which IAM compares the
 * same way). Several policies get `<name>_1`, `<name>_2`...
 */
export function renderTerraformHcl(policies: readonly PolicyDocument[], name?: string): string {
  const base = terraformName(name);
  return policies
    .map((policy, i) => terraformDataSource(policies.length === 1 ? base : `${base}_${i + 1}`, policy))
    .join('\n');
}

/**
 * A Terraform identifier from a template name: each run of characters other than ASCII letters,
 * digits and `_` becomes `_` (Terraform's naming convention has no dashes), leading and trailing
 * `_` are dropped, a leading digit gets `policy_` in front, and an empty result is `policy`.
 */
export function terraformName(name: string | undefined): string {
  const cleaned = (name ?? '').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (cleaned === '') return 'policy';
  return /^[0-9]/.test(cleaned) ? `policy_${cleaned}` : cleaned;
}

function terraformDataSource(name: string, policy: PolicyDocument): string {
  const lines = [`data "aws_iam_policy_document" "${name}" {`, ...hclAttributes([['version', policy.Version]], 1)];
  for (const statement of policy.Statement) {
    lines.push('', '  statement {', ...terraformStatement(statement), '  }');
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function terraformStatement(statement: PolicyStatement): string[] {
  const lines = hclAttributes(
    [
      ['sid', statement.Sid],
      ['effect', statement.Effect],
      ['actions', statement.Action],
      ['resources', statement.Resource],
    ],
    2,
  );
  for (const [test, keys] of Object.entries(conditionOf(statement) ?? {})) {
    for (const [variable, value] of Object.entries(keys)) {
      const values = (Array.isArray(value) ? value : [value]).map(String);
      const attributes = hclAttributes(
        [
          ['test', test],
          ['variable', variable],
          ['values', values],
        ],
        3,
      );
      lines.push('', '    condition {', ...attributes, '    }');
    }
  }
  return lines;
}

/**
 * `name = value` lines at `depth` levels of 2 spaces; a list is written one item per line. As
 * `terraform fmt` does, the `=` of consecutive one-line attributes are aligned, and an attribute
 * spanning several lines ends the run.
 */
function hclAttributes(attributes: [string, string | readonly string[]][], depth: number): string[] {
  const pad = '  '.repeat(depth);
  const lines: string[] = [];
  const oneLine = ([, value]: [string, string | readonly string[]]) => typeof value === 'string' || value.length === 0;
  attributes.forEach((attribute, i) => {
    const [name, value] = attribute;
    if (typeof value !== 'string' && value.length > 0) {
      lines.push(`${pad}${name} = [`, ...value.map((item) => `${pad}  ${hclString(item)},`), `${pad}]`);
      return;
    }
    let start = i;
    while (start > 0 && oneLine(attributes[start - 1]!)) start--;
    let end = i;
    while (end < attributes.length - 1 && oneLine(attributes[end + 1]!)) end++;
    const width = Math.max(...attributes.slice(start, end + 1).map(([n]) => n.length));
    lines.push(`${pad}${name.padEnd(width)} = ${typeof value === 'string' ? hclString(value) : '[]'}`);
  });
  return lines;
}

/**
 * An HCL quoted string. Besides `"` and `\`, the template sequences `${` and `%{` are escaped
 * (`$${`, `%%{`): policy variables (`${aws:username}`) and ARN formats
 * (`arn:${Partition}:...`) must reach the policy literally, not as Terraform interpolations.
 */
export function hclString(text: string): string {
  const body = escapeCodePoints(text, (ch, code) => {
    if (ch === '"' || ch === '\\') return `\\${ch}`;
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    if (code < 0x20 || code > 0x7e) return code > 0xffff ? `\\U${hex(code, 8)}` : `\\u${hex(code, 4)}`;
    return undefined;
  });
  // `$${` in the text becomes `$$${`: a lone `$` then the escaped `${`, as HCL reads it back.
  return `"${body.replace(/([$%])\{/g, '$1$1{')}"`;
}

// ---------------------------------------------------------------------------------------------
// CloudFormation

type YamlValue = ConditionScalar | null | YamlValue[] | { [key: string]: YamlValue | undefined };

/**
 * `PolicyDocument:` and the policy under it, to paste into the Properties of an
 * `AWS::IAM::ManagedPolicy`, `AWS::IAM::Policy` or `AWS::IAM::RolePolicy` (or a `Policies` item
 * of a role, user or group): block style, 2-space indent, sequences indented under their key.
 * Several policies become a YAML sequence of such mappings. Strings stay literal (no `!Sub`);
 * numbers and booleans in conditions stay numbers and booleans.
 */
export function renderCloudFormationYaml(policies: readonly PolicyDocument[]): string {
  const documents = policies.map((policy) => ({
    PolicyDocument: { ...policy, Statement: policy.Statement.map(withoutEmptyCondition) } as unknown as YamlValue,
  }));
  const lines = documents.length === 1 ? yamlCollection(documents[0]!, 0) : yamlCollection(documents, 0);
  return `${lines.join('\n')}\n`;
}

/** An empty Condition says nothing: left out, as the other formats leave it out. */
function withoutEmptyCondition(statement: PolicyStatement): PolicyStatement {
  if (conditionOf(statement) || !('Condition' in statement)) return statement;
  const { Condition: _empty, ...rest } = statement as PolicyStatement & { Condition?: unknown };
  return rest;
}

function isNonEmptyCollection(value: YamlValue | undefined): value is YamlValue[] | { [key: string]: YamlValue } {
  if (Array.isArray(value)) return value.length > 0;
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

/** The lines of a non-empty mapping or sequence whose entries start at column `indent`. */
function yamlCollection(value: YamlValue[] | { [key: string]: YamlValue | undefined }, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (!isNonEmptyCollection(item)) {
        lines.push(`${pad}- ${yamlInline(item)}`);
        continue;
      }
      const inner = yamlCollection(item, indent + 2);
      lines.push(`${pad}- ${inner[0]!.slice(indent + 2)}`, ...inner.slice(1));
    }
    return lines;
  }
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    if (isNonEmptyCollection(item)) lines.push(`${pad}${yamlString(key)}:`, ...yamlCollection(item, indent + 2));
    else lines.push(`${pad}${yamlString(key)}: ${yamlInline(item)}`);
  }
  return lines;
}

function yamlInline(value: YamlValue): string {
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'string') return yamlString(value);
  if (value === null) return 'null';
  if (typeof value === 'object') return '{}';
  return String(value);
}

/** Plain scalars that YAML 1.1 or 1.2 would load as a boolean, null, merge key or value key. */
const RESERVED_WORDS =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|<<|=)$/;

/**
 * A YAML string that loads back as the same string in YAML 1.1 (what CloudFormation reads) and
 * 1.2. Plain when surely safe; strings that start like a number (so account IDs, dates and
 * `2012-10-17`) or with an indicator, or hold `: ` or ` #`, are single-quoted; strings with
 * characters outside printable ASCII are double-quoted with escapes.
 */
export function yamlString(text: string): string {
  const printable = /^[\x20-\x7e]*$/.test(text);
  if (!printable) {
    const body = escapeCodePoints(text, (ch, code) => {
      if (ch === '"' || ch === '\\') return `\\${ch}`;
      if (ch === '\n') return '\\n';
      if (ch === '\r') return '\\r';
      if (ch === '\t') return '\\t';
      if (code < 0x20 || code > 0x7e) {
        if (code <= 0xff) return `\\x${hex(code, 2)}`;
        return code > 0xffff ? `\\U${hex(code, 8)}` : `\\u${hex(code, 4)}`;
      }
      return undefined;
    });
    return `"${body}"`;
  }
  const plain =
    text !== '' &&
    !/^[-?:,[\]{}#&*!|>'"%@`+.0-9 ]/.test(text) &&
    !/[: ]$/.test(text) &&
    !text.includes(': ') &&
    !text.includes(' #') &&
    !RESERVED_WORDS.test(text);
  return plain ? text : `'${text.replaceAll("'", "''")}'`;
}

// ---------------------------------------------------------------------------------------------
// CDK

/** A TypeScript expression: a value, an object literal, or `new <className>(<object>)`. */
type TsNode =
  | ConditionScalar
  | TsNode[]
  | { object: [string, TsNode][] }
  | { construct: string; props: [string, TsNode][] }
  | { raw: string };

/**
 * TypeScript for `aws-cdk-lib/aws-iam`: `export const statements: iam.PolicyStatement[]` with one
 * `new iam.PolicyStatement({...})` per statement (`sid`, `effect`, `actions`, `resources`,
 * `conditions`). Several policies become `export const policies: iam.PolicyDocument[]`, one
 * `new iam.PolicyDocument({ statements: [...] })` each.
 */
export function renderCdkTs(policies: readonly PolicyDocument[]): string {
  const header = "import * as iam from 'aws-cdk-lib/aws-iam';\n\n";
  const statementsOf = (policy: PolicyDocument): TsNode[] => policy.Statement.map(cdkStatement);
  if (policies.length === 1) {
    return `${header}export const statements: iam.PolicyStatement[] = ${tsCode(statementsOf(policies[0]!), 0)};\n`;
  }
  const documents: TsNode[] = policies.map((policy) => ({
    construct: 'iam.PolicyDocument',
    props: [['statements', statementsOf(policy)]],
  }));
  return `${header}export const policies: iam.PolicyDocument[] = ${tsCode(documents, 0)};\n`;
}

function cdkStatement(statement: PolicyStatement): TsNode {
  const props: [string, TsNode][] = [
    ['sid', statement.Sid],
    ['effect', { raw: statement.Effect === 'Deny' ? 'iam.Effect.DENY' : 'iam.Effect.ALLOW' }],
    ['actions', statement.Action],
    ['resources', statement.Resource],
  ];
  const condition = conditionOf(statement);
  if (condition) {
    const operators = Object.entries(condition).map(([operator, keys]): [string, TsNode] => [
      operator,
      { object: Object.entries(keys) },
    ]);
    props.push(['conditions', { object: operators }]);
  }
  return { construct: 'iam.PolicyStatement', props };
}

/** A node as TypeScript whose first line continues the current one and whose lines below start at `indent`. */
function tsCode(node: TsNode, indent: number): string {
  if (typeof node === 'string') return tsString(node);
  if (typeof node !== 'object') return String(node);
  const pad = ' '.repeat(indent);
  const inner = ' '.repeat(indent + 2);
  if (Array.isArray(node)) {
    if (node.length === 0) return '[]';
    return `[\n${node.map((item) => `${inner}${tsCode(item, indent + 2)},\n`).join('')}${pad}]`;
  }
  if ('raw' in node) return node.raw;
  const entries = 'object' in node ? node.object : node.props;
  const body =
    entries.length === 0
      ? '{}'
      : `{\n${entries.map(([key, value]) => `${inner}${tsKey(key)}: ${tsCode(value, indent + 2)},\n`).join('')}${pad}}`;
  return 'construct' in node ? `new ${node.construct}(${body})` : body;
}

function tsKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : tsString(key);
}

/** A single-quoted TypeScript string; characters outside printable ASCII as `\xNN`/`\uNNNN`. */
export function tsString(text: string): string {
  let out = "'";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = text.charCodeAt(i);
    if (ch === "'" || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    else out += code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
  }
  return `${out}'`;
}
