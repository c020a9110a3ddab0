/** The committed standalone validator is what the schema compiles to today. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('template-schema.generated.ts is up to date with template-schema.json', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const result = spawnSync(process.execPath, ['scripts/generate-template-validator.mjs', '--check'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.deepEqual(
    { status: result.status, stdout: result.stdout, stderr: result.stderr },
    { status: 0, stdout: 'src/write/template/template-schema.generated.ts is up to date\n', stderr: '' },
  );
});
