/**
 * ram/resourcePolicies against moto, with the HTTP emulation of ListResources and GetResourcePolicies
 * (moto 5.2 answers 404): the resources the account shares (regional and global) with their resource
 * policy, the shares with their principals, resources and tags; deletion of a share on the next run;
 * AccessDenied on one resource's policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateResourceShareCommand, DeleteResourceShareCommand, RAMClient } from '@aws-sdk/client-ram';
import { ramResourcesEmulator } from '../moto/emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  replaceInTree,
  type ResourceHarness,
  startResourceHarness,
} from './resource-harness.js';

const RAM = `aws/aws/accounts/${ACCOUNT}/ram`;
const CORE_NETWORK = `arn:aws:networkmanager::${ACCOUNT}:core-network/core-network-0f4b2a7c1d9e8f6a5`;
const fileOf = (arn: string, region = 'us-east-1') =>
  `${RAM}/${region}/${arn.replace(/[:/]/g, '-').toLowerCase()}.json`;

let h: ResourceHarness;
let first: Collected;
const subnets: string[] = [];
const shares: Record<string, string> = {};
/** moto makes share ids with Python's own uuid4, which its random seed does not cover. */
const stable = () =>
  Object.fromEntries(
    Object.entries(shares).map(([name, arn]) => [arn.slice(arn.lastIndexOf('/') + 1), `uuid-of-${name}`]),
  );

before(async () => {
  h = await startResourceHarness({ emulators: [ramResourcesEmulator()] });
  const ec2 = new EC2Client(h.clientConfig);
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc?.VpcId;
  for (const cidr of ['10.0.1.0/24', '10.0.2.0/24']) {
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr }))).Subnet?.SubnetId;
    subnets.push(`arn:aws:ec2:us-east-1:${ACCOUNT}:subnet/${subnet}`);
  }
  ec2.destroy();
  const ram = new RAMClient(h.clientConfig);
  const net = await ram.send(
    new CreateResourceShareCommand({
      name: 'shared-network',
      resourceArns: subnets,
      principals: ['111122223333', `arn:aws:iam::222233334444:role/deployer`],
      allowExternalPrincipals: false,
      tags: [{ key: 'team', value: 'network' }],
    }),
  );
  shares['shared-network'] = net.resourceShare?.resourceShareArn ?? '';
  const partner = await ram.send(
    new CreateResourceShareCommand({
      name: 'partner',
      resourceArns: [subnets[0] as string, CORE_NETWORK],
      principals: ['444455556666'],
      allowExternalPrincipals: true,
    }),
  );
  shares.partner = partner.resourceShare?.resourceShareArn ?? '';
  ram.destroy();
});

after(async () => {
  await h?.stop();
});

describe('ram/resourcePolicies (moto + HTTP emulation of ListResources and GetResourcePolicies)', () => {
  test('collects shared resources (regional and global) with their policy, and the shares with principals, resources, tags', async () => {
    first = await h.collect('run', ['ram']);
    assert.equal(first.result.exitCode, 0);
    assert.deepEqual(first.job('ram', 'resourcePolicies'), { status: 'collected', counts: { resourceShare: 2 } });
    await assertGoldenTree(replaceInTree(first.tree, stable()), goldenFolder('ram'));
    assert.ok(first.tree.has(fileOf(CORE_NETWORK, 'global')));
  });

  test("AccessDenied on one resource's policy: its file is written without the policy, the gap recorded", async () => {
    const arn = subnets[1] as string;
    const allow = h.deny((r) => r.path === '/getresourcepolicies' && r.body.toString().includes(arn));
    const denied = await h.collect('run', ['ram']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('ram', 'resourcePolicies').issues, [
      {
        kind: 'denied',
        arn,
        field: 'policy',
        message: 'AccessDeniedException: User is not authorized to perform ram:POST /getresourcepolicies',
      },
    ]);
    const expected = new Map(first.tree);
    const { policy: _, ...rest } = JSON.parse(first.tree.get(fileOf(arn)) ?? '{}') as Record<string, unknown>;
    expected.set(fileOf(arn), JSON.stringify(rest, null, 2));
    assert.deepEqual(denied.tree, expected);
  });

  test('a deleted share is deleted on the next run, with the files of resources it alone shared', async () => {
    const ram = new RAMClient(h.clientConfig);
    await ram.send(new DeleteResourceShareCommand({ resourceShareArn: shares.partner }));
    ram.destroy();
    const next = await h.collect('run', ['ram']);
    assert.deepEqual(next.job('ram', 'resourcePolicies').counts, { resourceShare: 1 });
    await assertGoldenTree(replaceInTree(next.tree, stable()), goldenFolder('ram', 'after-delete'));
    assert.ok(!next.tree.has(fileOf(CORE_NETWORK, 'global')));
  });
});
