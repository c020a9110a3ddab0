/**
 * aws-marketplace/entities against the recorded-response emulation of the AWS Marketplace Catalog API
 * (test/moto/oam-marketplace-emulators.ts): moto 5.2 has no Marketplace Catalog. Entities of several
 * types with and without a policy and tags, AccessDenied on one policy, deletion of an entity, of a
 * policy and of tags on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState } from '../moto/backlog-emulators.js';
import { marketplaceCatalogEmulator } from '../moto/oam-marketplace-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const entityArn = (type: string, id: string) =>
  `arn:aws:aws-marketplace:us-east-1:${ACCOUNT}:AWSMarketplace/${type}/${id}`;
const AMI = entityArn('AmiProduct', 'prod-4fhv2zrn5ab6c');
const CONTAINER = entityArn('ContainerProduct', 'prod-7xq3kj2mbcd4e');
const OFFER = entityArn('Offer', 'offer-2lm5kq6rfghij');
const root = `aws/aws/accounts/${ACCOUNT}/aws-marketplace/us-east-1/awsmarketplace`;
const folder = (arn: string) => encodeURIComponent(arn.split(':AWSMarketplace/')[1] ?? '').toLowerCase();
/** Lets a partner account see and list an entity, as sellers share products for review. */
const partnerPolicy = (arn: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::444455556666:root' },
        Action: ['aws-marketplace:DescribeEntity', 'aws-marketplace:ListEntities'],
        Resource: arn,
      },
    ],
  });
const modified = { LastModifiedDate: '2024-03-01T10:00:00Z' };

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [marketplaceCatalogEmulator(state)] });
  state.add(
    AMI,
    { Name: 'Hardened Linux', Visibility: 'Public', ...modified },
    { policy: partnerPolicy(AMI), tags: { team: 'images', stage: 'prod' } },
  );
  state.add(CONTAINER, { Name: 'Scanner', Visibility: 'Limited', ...modified }, { policy: partnerPolicy(CONTAINER) });
  state.add(
    OFFER,
    { Name: 'Private offer for Example Corp', Visibility: 'Private', ...modified },
    { tags: { deal: 'q1' } },
  );
});

after(async () => {
  await h?.stop();
});

describe('aws-marketplace/entities (recorded-response emulation of ListEntities, GetResourcePolicy and ListTagsForResource)', () => {
  test('collects entities of three types: metadata, policies, tags', async () => {
    first = await h.collect('run', ['aws-marketplace'], ['us-east-1']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('aws-marketplace', 'entities', 'us-east-1'), {
      status: 'collected',
      counts: { entity: 3 },
    });
    await assertGoldenTree(first.tree, goldenFolder('aws-marketplace'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/${folder(AMI)}/policy.json`) ?? 'null'),
      JSON.parse(partnerPolicy(AMI)),
    );
    assert.deepEqual(JSON.parse(first.tree.get(`${root}/${folder(AMI)}/tags.json`) ?? 'null'), {
      stage: 'prod',
      team: 'images',
    });
  });

  test("AccessDenied on one entity's policy: the entity kept, its stored policy untouched, the gap recorded", async () => {
    const allow = h.deny((r) => r.path === '/GetResourcePolicy' && r.query.get('resourceArn') === AMI);
    const denied = await h.collect('run', ['aws-marketplace'], ['us-east-1']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('aws-marketplace', 'entities', 'us-east-1'), {
      status: 'collected',
      counts: { entity: 3 },
      issues: [
        {
          kind: 'denied',
          arn: AMI,
          field: 'policy',
          message: 'AccessDeniedException: User is not authorized to perform aws-marketplace:GET /GetResourcePolicy',
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted entity (with its policy), a removed policy and removed tags disappear on the next run', async () => {
    state.remove(CONTAINER);
    state.policies.delete(AMI);
    state.tags.delete(OFFER);
    const next = await h.collect('run', ['aws-marketplace'], ['us-east-1']);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, `aws-marketplace/us-east-1/awsmarketplace/${folder(CONTAINER)}`);
    assert.equal(first.tree.size - expected.size, 2);
    assert.ok(expected.delete(`${root}/${folder(AMI)}/policy.json`));
    assert.ok(expected.delete(`${root}/${folder(OFFER)}/tags.json`));
    assert.deepEqual(next.tree, expected);
  });
});
