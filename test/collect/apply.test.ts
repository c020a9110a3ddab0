import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { applyResult } from '../../src/collect/run/apply.js';
import { RunStats } from '../../src/collect/run/stats.js';
import type { Source } from '../../src/collect/sources/types.js';
import { LocalStore } from '../../src/storage/local-store.js';

const work = await mkdtemp(join(tmpdir(), 'iamwright-apply-'));
after(() => rm(work, { recursive: true, force: true }));

const queues = {
  name: 'sqs/queues',
  service: 'sqs',
  scope: 'regional',
  description: 'test source',
  apiCalls: [],
  stores: [{ label: 'queue', service: 'sqs', resourceType: '', files: ['metadata'] }],
  collect: async () => ({}),
} as unknown as Source;

it('two resources whose names differ only in case share a lower-cased folder: the first is stored, the second reported, none silently dropped; a resource listed twice is stored once', async () => {
  const store = new LocalStore(work);
  const arn = (name: string) => `arn:aws:sqs:us-east-1:111111111111:${name}`;
  const applied = await applyResult(
    queues,
    {
      resources: [
        { arn: arn('Orders'), files: { metadata: { name: 'Orders' } } },
        { arn: arn('orders'), files: { metadata: { name: 'orders' } } },
        { arn: arn('Orders'), files: { metadata: { name: 'Orders' } } },
      ],
    },
    { store, partition: 'aws', account: '111111111111', region: 'us-east-1', writeOnly: false, stats: new RunStats() },
  );
  const folder = 'aws/aws/accounts/111111111111/sqs/us-east-1/orders';
  assert.deepEqual(applied, {
    counts: { queue: 1 },
    issues: [
      {
        kind: 'skipped',
        arn: arn('orders'),
        message: `not stored: its folder ${folder} holds ${arn('Orders')} (the layout lower-cases names, as iam-collect's does)`,
      },
    ],
  });
  assert.deepEqual(await readdir(join(work, folder)), ['metadata.json']);
  assert.deepEqual(JSON.parse(await readFile(join(work, folder, 'metadata.json'), 'utf8')), { name: 'Orders' });
});
