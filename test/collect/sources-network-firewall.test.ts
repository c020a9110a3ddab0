/**
 * network-firewall/firewalls against moto (which holds firewalls), with the HTTP emulation of what
 * moto 5.2 lacks: the resource policy calls, ListTagsForResource and DeleteFirewall; and
 * network-firewall/firewallPolicies and network-firewall/ruleGroups against the HTTP emulation alone
 * (moto has neither): sharing policies, tags, deletion on the next run, AccessDenied on one policy of
 * each type.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateFirewallCommand,
  DeleteFirewallCommand,
  DeleteResourcePolicyCommand,
  NetworkFirewallClient,
  PutResourcePolicyCommand,
} from '@aws-sdk/client-network-firewall';
import { BacklogState } from '../moto/backlog-emulators.js';
import { networkFirewallEmulator } from '../moto/firewall-sagemaker-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const arnOf = (resource: string) => `arn:aws:network-firewall:us-east-1:${ACCOUNT}:${resource}`;
const root = `aws/aws/accounts/${ACCOUNT}/network-firewall/us-east-1`;
const sharePolicy = (arn: string, actions: string[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: actions, Resource: arn },
    ],
  });

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;
let firewall: NetworkFirewallClient;

before(async () => {
  h = await startResourceHarness({ emulators: [networkFirewallEmulator(state)] });
  firewall = new NetworkFirewallClient(h.clientConfig);
  state.add(
    arnOf('stateful-rulegroup/block-domains'),
    { Name: 'block-domains' },
    {
      policy: sharePolicy(arnOf('stateful-rulegroup/block-domains'), [
        'network-firewall:CreateFirewallPolicy',
        'network-firewall:UpdateFirewallPolicy',
        'network-firewall:ListRuleGroups',
      ]),
      tags: { team: 'network', stage: 'prod' },
    },
  );
  state.add(arnOf('stateless-rulegroup/drop-icmp'), { Name: 'drop-icmp' });
  state.add(
    arnOf('firewall-policy/egress'),
    { Name: 'egress' },
    {
      policy: sharePolicy(arnOf('firewall-policy/egress'), [
        'network-firewall:AssociateFirewallPolicy',
        'network-firewall:ListFirewallPolicies',
      ]),
      tags: { env: 'prod' },
    },
  );
  state.add(arnOf('firewall-policy/inspection'), { Name: 'inspection' });
  for (const [name, tags] of [
    ['edge', [{ Key: 'team', Value: 'network' }]],
    ['lab', undefined],
  ] as const) {
    await firewall.send(
      new CreateFirewallCommand({
        FirewallName: name,
        FirewallPolicyArn: arnOf('firewall-policy/egress'),
        VpcId: 'vpc-0a1b2c3d',
        SubnetMappings: [{ SubnetId: 'subnet-0a1b2c3d' }],
        ...(tags ? { Tags: [...tags] } : {}),
      }),
    );
  }
  await firewall.send(
    new PutResourcePolicyCommand({
      ResourceArn: arnOf('firewall/edge'),
      Policy: sharePolicy(arnOf('firewall/edge'), ['network-firewall:CreateVpcEndpointAssociation']),
    }),
  );
});

after(async () => {
  firewall?.destroy();
  await h?.stop();
});

describe('network-firewall sources (firewalls: moto + HTTP emulation of policies, tags and DeleteFirewall; firewall policies and rule groups: HTTP emulation)', () => {
  test('collects firewalls, firewall policies and rule groups: metadata, sharing policies, tags', async () => {
    first = await h.collect('run', ['network-firewall']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('network-firewall', 'firewalls'), { status: 'collected', counts: { firewall: 2 } });
    assert.deepEqual(first.job('network-firewall', 'firewallPolicies'), {
      status: 'collected',
      counts: { firewallPolicy: 2 },
    });
    assert.deepEqual(first.job('network-firewall', 'ruleGroups'), {
      status: 'collected',
      counts: { statefulRuleGroup: 1, statelessRuleGroup: 1 },
    });
    await assertGoldenTree(first.tree, goldenFolder('network-firewall'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/firewall/edge/policy.json`) ?? 'null'),
      JSON.parse(state.policies.get(arnOf('firewall/edge')) ?? ''),
    );
  });

  test('AccessDenied on the policy of one firewall, one firewall policy and one rule group: all kept, stored policies untouched, gaps recorded', async () => {
    const deniedArns = [
      arnOf('firewall/edge'),
      arnOf('firewall-policy/egress'),
      arnOf('stateful-rulegroup/block-domains'),
    ];
    const allow = h.deny(
      (r) =>
        r.operation === 'network-firewall:DescribeResourcePolicy' &&
        deniedArns.some((arn) => r.body.toString().includes(`"${arn}"`)),
    );
    const denied = await h.collect('run', ['network-firewall']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    const issue = (arn: string) => ({
      kind: 'denied',
      arn,
      field: 'policy',
      message: 'AccessDeniedException: User is not authorized to perform network-firewall:DescribeResourcePolicy',
    });
    assert.deepEqual(denied.job('network-firewall', 'firewalls'), {
      status: 'collected',
      counts: { firewall: 2 },
      issues: [issue(arnOf('firewall/edge'))],
    });
    assert.deepEqual(denied.job('network-firewall', 'firewallPolicies'), {
      status: 'collected',
      counts: { firewallPolicy: 2 },
      issues: [issue(arnOf('firewall-policy/egress'))],
    });
    assert.deepEqual(denied.job('network-firewall', 'ruleGroups'), {
      status: 'collected',
      counts: { statefulRuleGroup: 1, statelessRuleGroup: 1 },
      issues: [issue(arnOf('stateful-rulegroup/block-domains'))],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted firewall, firewall policy and rule group, a removed policy and removed tags disappear on the next run', async () => {
    await firewall.send(new DeleteFirewallCommand({ FirewallName: 'lab' }));
    await firewall.send(new DeleteResourcePolicyCommand({ ResourceArn: arnOf('firewall/edge') }));
    state.remove(arnOf('firewall-policy/inspection'));
    state.remove(arnOf('stateless-rulegroup/drop-icmp'));
    state.tags.delete(arnOf('stateful-rulegroup/block-domains'));
    const next = await h.collect('run', ['network-firewall']);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(
      first.tree,
      'network-firewall/us-east-1/firewall/lab',
      'network-firewall/us-east-1/firewall-policy/inspection',
      'network-firewall/us-east-1/stateless-rulegroup/drop-icmp',
    );
    for (const removed of ['firewall/edge/policy.json', 'stateful-rulegroup/block-domains/tags.json']) {
      assert.ok(expected.delete(`${root}/${removed}`), removed);
    }
    assert.deepEqual(next.tree, expected);
    assert.deepEqual(next.job('network-firewall', 'ruleGroups').counts, {
      statefulRuleGroup: 1,
      statelessRuleGroup: 0,
    });
  });
});
