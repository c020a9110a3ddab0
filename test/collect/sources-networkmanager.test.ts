/**
 * networkmanager/coreNetworks against the recorded-response emulation of Network Manager core
 * networks and their resource policies in the REST-JSON wire format (moto 5.2's core networks carry
 * malformed ARNs and no resource policies; see networkManagerEmulator): one global job, signed for
 * us-west-2 where the API lives, core networks with and without a policy and tags, one shared with
 * the account by another owner (not collected), AccessDenied on one policy, deletion of a core
 * network and of a policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState } from '../moto/backlog-emulators.js';
import { networkManagerEmulator } from '../moto/netmgr-refactor-s3files-emulators.js';
import type { Emulator } from '../moto/proxy.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const arnOf = (id: string) => `arn:aws:networkmanager::${ACCOUNT}:core-network/${id}`;
const root = `aws/aws/accounts/${ACCOUNT}/networkmanager`;
const WAN = 'core-network-0a1b2c3d4e5f60001';
const LAB = 'core-network-0a1b2c3d4e5f60002';
const sharePolicy = (id: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ShareWithBranchAccount',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: ['networkmanager:CreateVpcAttachment', 'networkmanager:GetCoreNetwork'],
        Resource: arnOf(id),
      },
    ],
  });

const state = new BacklogState();
/** The regions the Network Manager calls were signed for: the API lives in us-west-2 only. */
const signedRegions = new Set<string>();
const recordRegion: Emulator = (request) => {
  if (request.service === 'networkmanager') signedRegions.add(request.region);
  return undefined;
};
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [recordRegion, networkManagerEmulator(state)] });
  state.add(
    arnOf(WAN),
    { CoreNetworkId: WAN, GlobalNetworkId: 'global-network-0123456789abcdef0', State: 'AVAILABLE', Description: 'WAN' },
    { policy: sharePolicy(WAN), tags: { team: 'network', stage: 'prod' } },
  );
  state.add(
    arnOf(LAB),
    { CoreNetworkId: LAB, GlobalNetworkId: 'global-network-0123456789abcdef1', State: 'AVAILABLE' },
    { policy: sharePolicy(LAB) },
  );
  // Shared with the account through RAM: listed, but its owner collects it.
  const shared = 'core-network-0a1b2c3d4e5f60003';
  state.add(arnOf(shared), {
    CoreNetworkId: shared,
    GlobalNetworkId: 'global-network-0123456789abcdef2',
    State: 'AVAILABLE',
    OwnerAccountId: '111122223333',
  });
});

after(async () => {
  await h?.stop();
});

describe('networkmanager sources (recorded-response emulation of core networks, resource policies and tags)', () => {
  test('collects the core networks the account owns once per account, from us-west-2: metadata, policies, tags', async () => {
    first = await h.collect('run', ['networkmanager'], ['us-east-1', 'eu-west-1']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('networkmanager', 'coreNetworks', 'global'), {
      status: 'collected',
      counts: { coreNetwork: 2 },
    });
    assert.deepEqual([...signedRegions], ['us-west-2']);
    await assertGoldenTree(first.tree, goldenFolder('networkmanager'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/core-network/${WAN}/policy.json`) ?? 'null'),
      JSON.parse(sharePolicy(WAN)),
    );
  });

  test("AccessDenied on one core network's policy: core network kept, stored policy untouched, gap recorded", async () => {
    const allow = h.deny((r) => r.method === 'GET' && r.path.startsWith('/resource-policy/') && r.path.includes(WAN));
    const denied = await h.collect('run', ['networkmanager'], ['us-east-1']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('networkmanager', 'coreNetworks', 'global'), {
      status: 'collected',
      counts: { coreNetwork: 2 },
      issues: [
        {
          kind: 'denied',
          arn: arnOf(WAN),
          field: 'policy',
          message: `AccessDeniedException: User is not authorized to perform networkmanager:GET /resource-policy/${encodeURIComponent(arnOf(WAN))}`,
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted core network (with its policy and tags) and a removed policy disappear on the next run', async () => {
    state.remove(arnOf(WAN));
    state.policies.delete(arnOf(LAB));
    const next = await h.collect('run', ['networkmanager'], ['us-east-1']);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, `networkmanager/core-network/${WAN}`);
    assert.equal(first.tree.size - expected.size, 3);
    assert.ok(expected.delete(`${root}/core-network/${LAB}/policy.json`));
    assert.deepEqual(next.tree, expected);
  });
});
