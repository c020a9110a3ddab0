/**
 * Bad templates through the built CLI. Each `<case>.yml` in test/fixtures/write/errors/ has a
 * `<case>.expected`: the line `exit <code>`, then the exact stderr. When the exit code is 0,
 * stdout must equal `<case>.stdout`; otherwise stdout must be empty.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { extractData, repoRoot, runCli } from './cli-env.js';

const dir = `${repoRoot}test/fixtures/write/errors/`;
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.yml'))
  .sort()
  .map((file) => ({
    name: file.slice(0, -'.yml'.length),
    // Started together; each test awaits its own run.
    run: runCli(['--data', extractData, 'write-policy', '-i', file], { cwd: dir }),
  }));

for (const { name, run } of cases) {
  test(`write-policy error case: ${name}`, async () => {
    const [first, ...stderr] = readFileSync(`${dir}${name}.expected`, 'utf8').split('\n');
    const status = Number(/^exit (\d+)$/.exec(first ?? '')?.[1]);
    const result = await run;
    assert.deepEqual({ status: result.status, stderr: result.stderr }, { status, stderr: stderr.join('\n') });
    assert.equal(result.stdout, status === 0 ? readFileSync(`${dir}${name}.stdout`, 'utf8') : '');
  });
}
