/**
 * docs/library.md shows examples/library.mjs and its output: the shown code must be the file,
 * and running the file (against the built package, imported by its own name) must print the output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { repoRoot } from '../write/cli-env.js';

test('docs/library.md: the example is examples/library.mjs, and its output is what it prints', () => {
  const doc = readFileSync(`${repoRoot}docs/library.md`, 'utf8');
  const code = /```js\n([\s\S]*?)```/.exec(doc)?.[1];
  const output = /Output:\n\n```text\n([\s\S]*?)```/.exec(doc)?.[1];
  assert.equal(code, readFileSync(`${repoRoot}examples/library.mjs`, 'utf8'));
  const printed = execFileSync(process.execPath, [`${repoRoot}examples/library.mjs`], { encoding: 'utf8' });
  assert.equal(printed, output);
});
