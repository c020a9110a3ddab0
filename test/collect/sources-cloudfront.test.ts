/**
 * cloudfront/vpcOrigins against the recorded-response emulation of CloudFront VPC origins and their
 * resource policies in the REST-XML wire format (moto 5.2 has neither; see cloudfrontEmulator): one
 * global job from us-east-1, VPC origins with and without a policy and tags, AccessDenied (as
 * CloudFront sends it, in XML) on one policy, deletion of an origin and of a policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CloudFrontClient, DeleteResourcePolicyCommand, PutResourcePolicyCommand } from '@aws-sdk/client-cloudfront';
import { BacklogState } from '../moto/backlog-emulators.js';
import { cloudfrontEmulator, cloudfrontError } from '../moto/cloudfront-bedrock-emulators.js';
import type { Emulator, ProxyRequest } from '../moto/proxy.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const arnOf = (id: string) => `arn:aws:cloudfront::${ACCOUNT}:vpcorigin/${id}`;
const root = `aws/aws/accounts/${ACCOUNT}/cloudfront`;
const originPolicy = (id: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ShareWithEdgeAccount',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: ['cloudfront:GetVpcOrigin', 'cloudfront:ListVpcOrigins', 'cloudfront:UpdateDistribution'],
        Resource: arnOf(id),
      },
    ],
  });

const state = new BacklogState();
/** CloudFront answers AccessDenied in XML; the harness's deny rules answer in JSON, so this suite has its own. */
let denied: ((request: ProxyRequest) => boolean) | undefined;
const denyEmulator: Emulator = (request) =>
  denied?.(request)
    ? cloudfrontError(403, 'AccessDenied', `User is not authorized to perform ${request.operation}`)
    : undefined;
let h: ResourceHarness;
let first: Collected;
let client: CloudFrontClient;

before(async () => {
  h = await startResourceHarness({ emulators: [denyEmulator, cloudfrontEmulator(state)] });
  client = new CloudFrontClient({ ...h.clientConfig, region: 'us-east-1' });
  const elb = (name: string) => `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/app/${name}/0123abcd`;
  state.add(
    arnOf('vo_webapp000000000001'),
    { Id: 'vo_webapp000000000001', Name: 'web-app', Status: 'Deployed', OriginEndpointArn: elb('web-app') },
    { tags: { team: 'web', stage: 'prod' } },
  );
  state.add(arnOf('vo_internal0000000002'), {
    Id: 'vo_internal0000000002',
    Name: 'internal',
    Status: 'Deployed',
    OriginEndpointArn: elb('internal'),
  });
  for (const id of ['vo_webapp000000000001', 'vo_internal0000000002']) {
    await client.send(new PutResourcePolicyCommand({ ResourceArn: arnOf(id), PolicyDocument: originPolicy(id) }));
  }
});

after(async () => {
  client?.destroy();
  await h?.stop();
});

describe('cloudfront sources (recorded-response emulation of VPC origins, resource policies and tags)', () => {
  test('collects VPC origins once per account: metadata, policies, tags', async () => {
    first = await h.collect('run', ['cloudfront'], ['us-east-1', 'us-west-2']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('cloudfront', 'vpcOrigins', 'global'), {
      status: 'collected',
      counts: { vpcOrigin: 2 },
    });
    await assertGoldenTree(first.tree, goldenFolder('cloudfront'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/vpcorigin/vo_webapp000000000001/policy.json`) ?? 'null'),
      JSON.parse(originPolicy('vo_webapp000000000001')),
    );
  });

  test("AccessDenied on one VPC origin's policy: origin kept, stored policy untouched, gap recorded", async () => {
    denied = (r) => r.path.endsWith('/get-resource-policy') && r.body.toString().includes('vo_webapp000000000001');
    const next = await h.collect('run', ['cloudfront'], ['us-east-1']).finally(() => {
      denied = undefined;
    });
    assert.equal(next.result.exitCode, 0);
    assert.deepEqual(next.job('cloudfront', 'vpcOrigins', 'global'), {
      status: 'collected',
      counts: { vpcOrigin: 2 },
      issues: [
        {
          kind: 'denied',
          arn: arnOf('vo_webapp000000000001'),
          field: 'policy',
          message: 'AccessDenied: User is not authorized to perform cloudfront:POST /2020-05-31/get-resource-policy',
        },
      ],
    });
    assert.deepEqual(next.tree, first.tree);
  });

  test('a deleted VPC origin (with its policy and tags) and a removed policy disappear on the next run', async () => {
    state.remove(arnOf('vo_webapp000000000001'));
    await client.send(new DeleteResourcePolicyCommand({ ResourceArn: arnOf('vo_internal0000000002') }));
    const next = await h.collect('run', ['cloudfront'], ['us-east-1']);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, 'cloudfront/vpcorigin/vo_webapp000000000001');
    assert.equal(first.tree.size - expected.size, 3);
    assert.ok(expected.delete(`${root}/vpcorigin/vo_internal0000000002/policy.json`));
    assert.deepEqual(next.tree, expected);
  });
});
