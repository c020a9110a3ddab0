/** Every documentation example prints what the docs say (see doc-examples.ts). Needs `npm run build`. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { docFiles, examplesIn, runExample } from './doc-examples.js';

for (const file of docFiles()) {
  const examples = examplesIn(file);
  if (examples.length === 0) continue;
  describe(file, { concurrency: true }, () => {
    for (const example of examples) {
      test(`${file}:${example.line}: ${example.command}`, async () => {
        assert.equal(await runExample(example.command), example.expected);
      });
    }
  });
}

test('commands in examples split like a shell splits them', async () => {
  const { shellWords } = await import('./doc-examples.js');
  assert.deepEqual(shellWords(`iamwright query action-table -s s3 --name 'Get*' -r "a b"x`), [
    'iamwright',
    'query',
    'action-table',
    '-s',
    's3',
    '--name',
    'Get*',
    '-r',
    'a bx',
  ]);
});
