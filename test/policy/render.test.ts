/**
 * Renderers against Python: each `<case>.policy.json` in test/fixtures/write/render/ is rendered
 * in every format and compared with `<case>.expected.<format>`, written by Python's json and
 * PyYAML (generate.py there) or, for policy-sentry-example, printed by policy_sentry itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { POLICY_SENTRY_FORMATS, pythonJsonDumps, pythonYamlDump, renderPolicy } from '../../src/policy/render.js';

const dir = fileURLToPath(new URL('../fixtures/write/render/', import.meta.url));

for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.policy.json'))
  .sort()) {
  const name = file.slice(0, -'.policy.json'.length);
  const policy = JSON.parse(readFileSync(`${dir}${file}`, 'utf8'));
  for (const format of POLICY_SENTRY_FORMATS) {
    test(`render ${name} as ${format}`, () => {
      assert.equal(renderPolicy(policy, format), readFileSync(`${dir}${name}.expected.${format}`, 'utf8'));
    });
  }
}

test('json.dumps escapes every non-ASCII character, astral ones as surrogate pairs', () => {
  assert.equal(
    pythonJsonDumps(['caf\u00e9', '\u{1F600}', '\x7f', 'tab\t', '"q"']),
    '["caf\\u00e9", "\\ud83d\\ude00", "\\u007f", "tab\\t", "\\"q\\""]',
  );
});

test('yaml.dump quotes strings that would load as another type or start with an indicator', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['*', "'*'"],
    ['2012-10-17', "'2012-10-17'"],
    ['', "''"],
    ['yes', "'yes'"],
    ['null', "'null'"],
    ['0777', "'0777'"],
    ['1e3', '1e3'],
    ['1.0e+3', "'1.0e+3'"],
    ['&a', "'&a'"],
    ['a: b', "'a: b'"],
    ['a #b', "'a #b'"],
    ['a#b', 'a#b'],
    ['-x', '-x'],
    ['- x', "'- x'"],
    ["it's", "it's"],
    ["'q'", "'''q'''"],
    ['caf\u00e9', '"caf\\xE9"'],
    ['\u{1F600}', '"\\U0001F600"'],
    ['a\tb', '"a\\tb"'],
  ];
  for (const [input, expected] of cases) {
    assert.equal(pythonYamlDump({ k: input }), `k: ${expected}\n`, JSON.stringify(input));
  }
});
