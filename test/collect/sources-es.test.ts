/**
 * es/domains against moto: OpenSearch and Elasticsearch domains with their access policy, KMS key and
 * tags; deletion on the next run; AccessDenied on DescribeDomains, the call that returns the policies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateDomainCommand, DeleteDomainCommand, OpenSearchClient } from '@aws-sdk/client-opensearch';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const ES = `aws/aws/accounts/${ACCOUNT}/es/us-east-1/domain`;

let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness();
  const client = new OpenSearchClient(h.clientConfig);
  await client.send(
    new CreateDomainCommand({
      DomainName: 'search',
      AccessPolicies: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowAccount',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: 'es:ESHttpGet',
            Resource: `arn:aws:es:us-east-1:${ACCOUNT}:domain/search/*`,
          },
        ],
      }),
      EncryptionAtRestOptions: {
        Enabled: true,
        KmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/47b244e7-dc4d-406b-8e51-58e0bbb4488a`,
      },
      TagList: [{ Key: 'app', Value: 'search' }],
    }),
  );
  await client.send(new CreateDomainCommand({ DomainName: 'logs', EngineVersion: 'Elasticsearch_7.10' }));
  client.destroy();
});

after(async () => {
  await h?.stop();
});

describe('es/domains (moto)', () => {
  test('collects every domain: metadata with the KMS key, access policy, tags', async () => {
    first = await h.collect('run', ['es']);
    assert.equal(first.result.exitCode, 0);
    assert.deepEqual(first.job('es', 'domains'), { status: 'collected', counts: { domain: 2 } });
    await assertGoldenTree(first.tree, goldenFolder('es'));
  });

  test('AccessDenied on DescribeDomains: the domains are kept with their stored policy and metadata, the gaps recorded', async () => {
    const allow = h.deny((r) => r.operation === 'es:POST /2021-01-01/opensearch/domain-info');
    let again: Collected;
    let fresh: Collected;
    try {
      again = await h.collect('run', ['es']);
      fresh = await h.collect('denied-fresh', ['es']);
    } finally {
      allow();
    }
    const issue = (name: string) => ({
      kind: 'denied',
      arn: `arn:aws:es:us-east-1:${ACCOUNT}:domain/${name}`,
      field: 'policy',
      message: 'AccessDeniedException: User is not authorized to perform es:POST /2021-01-01/opensearch/domain-info',
    });
    for (const run of [again, fresh]) {
      assert.equal(run.result.exitCode, 0);
      assert.deepEqual(run.job('es', 'domains').issues, [issue('logs'), issue('search')]);
    }
    assert.deepEqual(again.tree, first.tree);
    assert.deepEqual([...fresh.tree.keys()], [`${ES}/search/tags.json`]);
  });

  test('a deleted domain is deleted from storage on the next run', async () => {
    const client = new OpenSearchClient(h.clientConfig);
    await client.send(new DeleteDomainCommand({ DomainName: 'logs' }));
    client.destroy();
    const next = await h.collect('run', ['es']);
    assert.deepEqual(next.job('es', 'domains').counts, { domain: 1 });
    assert.deepEqual(next.tree, without(first.tree, 'es/us-east-1/domain/logs'));
  });
});
