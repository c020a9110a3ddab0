/**
 * comprehend/documentClassifiers and comprehend/entityRecognizers against moto, which holds both
 * model kinds, their tags and resource policies (moto names a classifier version
 * `document-classifier/<name>/<version>`, without AWS's `/version/` segment), with moto's
 * DescribeResourcePolicy dates mended to AWS's wire format (comprehendEmulator in
 * test/moto/dsql-rekognition-comprehend-emulators.ts). Models with and without a policy and tags in
 * two regions, AccessDenied on one policy of each kind, deletion of a model and of a policy on the
 * next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ComprehendClient,
  CreateDocumentClassifierCommand,
  CreateEntityRecognizerCommand,
  DeleteDocumentClassifierCommand,
  DeleteResourcePolicyCommand,
  PutResourcePolicyCommand,
} from '@aws-sdk/client-comprehend';
import { comprehendEmulator } from '../moto/dsql-rekognition-comprehend-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const REGIONS = ['us-east-1', 'us-west-2'];
const arnOf = (region: string, resource: string) => `arn:aws:comprehend:${region}:${ACCOUNT}:${resource}`;
const root = `aws/aws/accounts/${ACCOUNT}/comprehend`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/comprehend-training`;
const importPolicy = (arn: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ImportIntoAnalytics',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 'comprehend:ImportModel',
        Resource: arn,
      },
    ],
  });

let h: ResourceHarness;
let first: Collected;
const clients = new Map<string, ComprehendClient>();
const comprehend = (region: string) => clients.get(region) as ComprehendClient;

async function createClassifier(region: string, name: string, tags: Record<string, string> = {}): Promise<string> {
  const created = await comprehend(region).send(
    new CreateDocumentClassifierCommand({
      DocumentClassifierName: name,
      VersionName: 'v1',
      DataAccessRoleArn: ROLE,
      LanguageCode: 'en',
      Mode: 'MULTI_CLASS',
      InputDataConfig: { S3Uri: 's3://training-data/classifier.csv' },
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
  return String(created.DocumentClassifierArn);
}

async function createRecognizer(region: string, name: string, tags: Record<string, string> = {}): Promise<string> {
  const created = await comprehend(region).send(
    new CreateEntityRecognizerCommand({
      RecognizerName: name,
      VersionName: 'v1',
      DataAccessRoleArn: ROLE,
      LanguageCode: 'en',
      InputDataConfig: {
        EntityTypes: [{ Type: 'PRODUCT' }],
        Documents: { S3Uri: 's3://training-data/documents.txt' },
        EntityList: { S3Uri: 's3://training-data/entities.csv' },
      },
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
  return String(created.EntityRecognizerArn);
}

const putPolicy = (region: string, arn: string) =>
  comprehend(region).send(new PutResourcePolicyCommand({ ResourceArn: arn, ResourcePolicy: importPolicy(arn) }));

before(async () => {
  h = await startResourceHarness({ emulators: [comprehendEmulator()] });
  for (const region of REGIONS) {
    clients.set(region, new ComprehendClient({ ...h.clientConfig, region }));
    const tags = { team: 'support', stage: 'prod' };
    await putPolicy(region, await createClassifier(region, 'tickets', tags));
    await putPolicy(region, await createRecognizer(region, 'products', tags));
  }
  await createClassifier('us-east-1', 'scratch');
  await createRecognizer('us-east-1', 'scratch');
});

after(async () => {
  for (const client of clients.values()) client.destroy();
  await h?.stop();
});

describe('comprehend sources (moto: document classifiers, entity recognizers, tags, resource policies)', () => {
  test('collects both model kinds in two regions: metadata, policies, tags', async () => {
    first = await h.collect('run', ['comprehend'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    const collected = (counts: Record<string, number>) => ({ status: 'collected', counts });
    assert.deepEqual(first.job('comprehend', 'documentClassifiers', 'us-east-1'), collected({ documentClassifier: 2 }));
    assert.deepEqual(first.job('comprehend', 'documentClassifiers', 'us-west-2'), collected({ documentClassifier: 1 }));
    assert.deepEqual(first.job('comprehend', 'entityRecognizers', 'us-east-1'), collected({ entityRecognizer: 2 }));
    assert.deepEqual(first.job('comprehend', 'entityRecognizers', 'us-west-2'), collected({ entityRecognizer: 1 }));
    await assertGoldenTree(first.tree, goldenFolder('comprehend'));
    const classifier = arnOf('us-east-1', 'document-classifier/tickets/v1');
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/us-east-1/document-classifier/tickets%2fv1/policy.json`) ?? 'null'),
      JSON.parse(importPolicy(classifier)),
    );
  });

  test("AccessDenied on one classifier's and one recognizer's policy: both kept, stored policies untouched, gaps recorded", async () => {
    const allow = h.deny(
      (r) =>
        r.region === 'us-east-1' &&
        r.operation === 'comprehend:DescribeResourcePolicy' &&
        /tickets|products/.test(r.body.toString()),
    );
    const denied = await h.collect('run', ['comprehend'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    const issue = (arn: string) => ({
      kind: 'denied',
      arn,
      field: 'policy',
      message: 'AccessDeniedException: User is not authorized to perform comprehend:DescribeResourcePolicy',
    });
    assert.deepEqual(denied.job('comprehend', 'documentClassifiers', 'us-east-1'), {
      status: 'collected',
      counts: { documentClassifier: 2 },
      issues: [issue(arnOf('us-east-1', 'document-classifier/tickets/v1'))],
    });
    assert.deepEqual(denied.job('comprehend', 'entityRecognizers', 'us-east-1'), {
      status: 'collected',
      counts: { entityRecognizer: 2 },
      issues: [issue(arnOf('us-east-1', 'entity-recognizer/products/version/v1'))],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted classifier (with its policy and tags) and a removed recognizer policy disappear on the next run', async () => {
    await comprehend('us-west-2').send(
      new DeleteDocumentClassifierCommand({
        DocumentClassifierArn: arnOf('us-west-2', 'document-classifier/tickets/v1'),
      }),
    );
    await comprehend('us-east-1').send(
      new DeleteResourcePolicyCommand({ ResourceArn: arnOf('us-east-1', 'entity-recognizer/products/version/v1') }),
    );
    const next = await h.collect('run', ['comprehend'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, 'comprehend/us-west-2/document-classifier/tickets%2fv1');
    assert.equal(first.tree.size - expected.size, 3);
    assert.ok(expected.delete(`${root}/us-east-1/entity-recognizer/products%2fversion%2fv1/policy.json`));
    assert.deepEqual(next.tree, expected);
  });
});
