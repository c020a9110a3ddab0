/** docs/validate.md documents every rule, with the severity the code gives it. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { allRules } from '../../src/validate/rules.js';

test('the rules table of docs/validate.md matches the rules', () => {
  const doc = readFileSync(new URL('../../docs/validate.md', import.meta.url), 'utf8');
  const rows = [...doc.matchAll(/^\| `([a-z0-9-]+)` \| (error|warning|suggestion) \|/gm)].map((m) => [m[1], m[2]]);
  assert.deepEqual(
    rows,
    allRules().map((rule) => [rule.code, rule.severity]),
  );
});
