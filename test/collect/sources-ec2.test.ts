/**
 * ec2/vpcEndpoints against moto: gateway and interface endpoints with their endpoint policy and
 * tags, deletion on the next run, AccessDenied (UnauthorizedOperation) on DescribeVpcEndpoints, the
 * call that returns the policies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DeleteVpcEndpointsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const ORG_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorgid' } },
    },
  ],
});

let h: ResourceHarness;
let first: Collected;
let interfaceEndpoint: string;

before(async () => {
  h = await startResourceHarness();
  const client = new EC2Client(h.clientConfig);
  const vpc = (await client.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc?.VpcId;
  const subnet = (await client.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.0.1.0/24' }))).Subnet
    ?.SubnetId;
  await client.send(
    new CreateVpcEndpointCommand({
      VpcId: vpc,
      ServiceName: 'com.amazonaws.us-east-1.s3',
      VpcEndpointType: 'Gateway',
      PolicyDocument: ORG_ONLY,
      TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: [{ Key: 'Name', Value: 's3-gw' }] }],
    }),
  );
  const created = await client.send(
    new CreateVpcEndpointCommand({
      VpcId: vpc,
      ServiceName: 'com.amazonaws.us-east-1.sqs',
      VpcEndpointType: 'Interface',
      SubnetIds: subnet ? [subnet] : [],
    }),
  );
  interfaceEndpoint = created.VpcEndpoint?.VpcEndpointId ?? '';
  client.destroy();
});

after(async () => {
  await h?.stop();
});

describe('ec2/vpcEndpoints (moto)', () => {
  test('collects every available endpoint: metadata with the VPC ARN, endpoint policy, tags', async () => {
    first = await h.collect('run', ['ec2']);
    assert.equal(first.result.exitCode, 0);
    assert.deepEqual(first.job('ec2', 'vpcEndpoints'), { status: 'collected', counts: { vpcEndpoint: 2 } });
    await assertGoldenTree(first.tree, goldenFolder('ec2'));
  });

  test('AccessDenied (UnauthorizedOperation) on DescribeVpcEndpoints: the job is denied, nothing stored is deleted', async () => {
    const allow = h.deny((r) => r.operation === 'ec2:DescribeVpcEndpoints', 'UnauthorizedOperation');
    const denied = await h.collect('run', ['ec2']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.equal(denied.job('ec2', 'vpcEndpoints').status, 'denied');
    assert.match(denied.job('ec2', 'vpcEndpoints').reason ?? '', /^UnauthorizedOperation/);
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted endpoint is deleted from storage on the next run', async () => {
    const client = new EC2Client(h.clientConfig);
    await client.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [interfaceEndpoint] }));
    client.destroy();
    const next = await h.collect('run', ['ec2']);
    assert.deepEqual(next.job('ec2', 'vpcEndpoints').counts, { vpcEndpoint: 1 });
    assert.deepEqual(next.tree, without(first.tree, `ec2/us-east-1/vpc-endpoint/${interfaceEndpoint}`));
  });
});
