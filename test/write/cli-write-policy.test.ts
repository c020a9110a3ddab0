/** write-policy and create-template flags through the built CLI (`npm run build` first). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractData, repoRoot, runCli } from './cli-env.js';
import { createTemplate } from '../../src/write/template/create-template.js';

const fixtures = `${repoRoot}test/fixtures/write/`;
const read = (path: string) => readFileSync(`${fixtures}${path}`, 'utf8');
const writePolicy = (args: string[], input?: string) =>
  runCli(['--data', extractData, 'write-policy', ...args], input === undefined ? {} : { input });

const EMPTY_POLICY = '{\n    "Version": "2012-10-17",\n    "Statement": []\n}\n';
const ok = (stdout: string) => ({ status: 0, stdout, stderr: '' });
const usageError = (stderr: string) => ({ status: 2, stdout: '', stderr });

// Independent CLI runs: let them overlap (runCli caps how many run at once).
describe('write-policy and create-template CLI', { concurrency: true }, () => {
  test('the template is read from stdin when there is no -i', async () => {
    assert.deepEqual(
      await writePolicy([], read('cli/crud-example.yml')),
      ok(read('render/policy-sentry-example.expected.json')),
    );
  });

  test('--fmt yaml and --fmt terraform print policy_sentry output byte for byte', async () => {
    const template = read('cli/crud-example.yml');
    assert.deepEqual(
      await writePolicy(['--fmt', 'yaml'], template),
      ok(read('render/policy-sentry-example.expected.yaml')),
    );
    assert.deepEqual(
      await writePolicy(['--fmt', 'terraform'], template),
      ok(read('render/policy-sentry-example.expected.terraform')),
    );
  });

  test('-m, --minimize, --minimize 0 and --minimize=0 are the same, and never take the next option', async () => {
    const expected = ok(read('cli/crud-minimize.expected.json'));
    const file = `${fixtures}cli/crud-minimize.yml`;
    assert.deepEqual(await writePolicy(['-i', file, '--minimize', '0']), expected);
    assert.deepEqual(await writePolicy(['--minimize', '-i', file]), expected);
    assert.deepEqual(await writePolicy(['-m', '-i', file]), expected);
    assert.deepEqual(await writePolicy(['--minimize=0', '-i', file]), expected);
    assert.deepEqual(await writePolicy(['-i', file, '--minimize']), expected);
  });

  test('--minimize followed by --fmt keeps both', async () => {
    const { renderYaml } = await import('../../src/policy/render.js');
    const minimized = JSON.parse(read('cli/crud-minimize.expected.json'));
    assert.deepEqual(
      await writePolicy(['--minimize', '--fmt', 'yaml', '-i', `${fixtures}cli/crud-minimize.yml`]),
      ok(renderYaml(minimized)),
    );
  });

  test('without --minimize the policy is not minimized', async () => {
    assert.deepEqual(
      await writePolicy(['-i', `${fixtures}cli/crud-minimize.yml`]),
      ok(read('render/policy-sentry-example.expected.json')),
    );
  });

  test('a minimize length that is not an integer >= 0 is a usage error', async () => {
    for (const value of ['x', '-1', '1.5']) {
      assert.deepEqual(
        await writePolicy(['--minimize', value, '-i', `${fixtures}cli/crud-minimize.yml`]),
        usageError(
          `error: option '-m, --minimize [length]' argument '${value}' is invalid. expected an integer >= 0 (the shortest action prefix to keep).\n(run with --help for usage)\n`,
        ),
      );
    }
  });

  test('an unknown --fmt is a usage error', async () => {
    assert.deepEqual(
      await writePolicy(['--fmt', 'xml'], read('cli/crud-example.yml')),
      usageError(
        `error: option '--fmt <format>' argument 'xml' is invalid. Allowed choices are json, yaml, terraform, terraform-hcl, cloudformation-yaml, cdk-ts.\n(run with --help for usage)\n`,
      ),
    );
  });

  test('a missing input file is a usage error', async () => {
    assert.deepEqual(
      await writePolicy(['-i', 'no-such-template.yml']),
      usageError('iamwright: cannot read template no-such-template.yml: no such file\n'),
    );
  });

  test('-o writes the policy to a file and nothing to stdout', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'iamwright-write-policy-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const out = join(dir, 'nested', 'policy.yaml');
    assert.deepEqual(await writePolicy(['--fmt', 'yaml', '-o', out], read('cli/crud-example.yml')), ok(''));
    assert.equal(readFileSync(out, 'utf8'), read('render/policy-sentry-example.expected.yaml'));
  });

  test('an output file that cannot be written is one line naming it', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'iamwright-write-policy-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'file'), '');
    const out = join(dir, 'file', 'policy.json');
    assert.deepEqual(await writePolicy(['-o', out], read('cli/crud-example.yml')), {
      status: 1,
      stdout: '',
      stderr: `iamwright: cannot write ${out}: a parent is not a directory\n`,
    });
  });

  for (const type of ['crud', 'actions'] as const) {
    test(`create-template -t ${type} writes a template that yields an empty policy`, async (t) => {
      const dir = mkdtempSync(join(tmpdir(), 'iamwright-create-template-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      const file = join(dir, `${type}.yml`);
      assert.deepEqual(
        await runCli(['create-template', '-o', file, '-t', type.toUpperCase()]),
        ok(`write-policy template file written to: ${file}\n`),
      );
      assert.equal(readFileSync(file, 'utf8'), createTemplate(type));
      assert.deepEqual(await writePolicy(['-i', file]), ok(EMPTY_POLICY));
    });
  }

  test('create-template refuses to overwrite a file unless --force', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'iamwright-create-template-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'existing.yml');
    writeFileSync(file, 'mode: actions\n');
    assert.deepEqual(
      await runCli(['create-template', '-o', file, '-t', 'crud']),
      usageError(`iamwright: ${file} already exists (use --force to overwrite it)\n`),
    );
    assert.equal(readFileSync(file, 'utf8'), 'mode: actions\n');
    assert.deepEqual(
      await runCli(['create-template', '-o', file, '-t', 'crud', '--force']),
      ok(`write-policy template file written to: ${file}\n`),
    );
    assert.equal(readFileSync(file, 'utf8'), createTemplate('crud'));
  });

  test('create-template: an unknown template type is a usage error', async () => {
    assert.deepEqual(
      await runCli(['create-template', '-o', 'never-written.yml', '-t', 'policy']),
      usageError(
        "error: option '-t, --template-type <type>' argument 'policy' is invalid. expected crud or actions.\n(run with --help for usage)\n",
      ),
    );
  });
});
