/**
 * waf/ruleGroups (WAF Classic, global) and waf-regional/ruleGroups (WAF Classic Regional) against the
 * recorded-response emulation of both APIs in AWS's JSON 1.1 wire format (moto 5.2 has no WAF
 * Classic; see wafClassicEmulator): a global job from us-east-1 and regional jobs in two regions, rule
 * groups with and without a permission policy and tags, AccessDenied on one policy of each, deletion
 * of a rule group and of a policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DeletePermissionPolicyCommand, PutPermissionPolicyCommand, WAFClient } from '@aws-sdk/client-waf';
import { BacklogState } from '../moto/backlog-emulators.js';
import { classicRuleGroupArn, wafClassicEmulator } from '../moto/waf-cloudformation-emulators.js';
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
const GLOBAL_GROUP = 'a123fae4-b567-8e90-1234-5ab67ac8ca90';
const PLAIN_GROUP = 'b234abc5-c678-4f01-9345-6bc78bd9db01';
const REGIONAL_GROUP = 'c345bcd6-d789-4a12-8456-7cd89ceaec12';
const globalArn = (id: string) => classicRuleGroupArn('waf', 'us-east-1', ACCOUNT, id);
const regionalArn = (region: string, id: string) => classicRuleGroupArn('waf-regional', region, ACCOUNT, id);
const root = `aws/aws/accounts/${ACCOUNT}`;
const sharePolicy = (arn: string, service: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ShareWithSecurityAccount',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: [`${service}:GetRuleGroup`, `${service}:UpdateWebACL`],
        Resource: arn,
      },
    ],
  });

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;
let waf: WAFClient;

before(async () => {
  h = await startResourceHarness({ emulators: [wafClassicEmulator(state)] });
  waf = new WAFClient({ ...h.clientConfig, region: 'us-east-1' });
  state.add(globalArn(GLOBAL_GROUP), { Name: 'edge-rules' }, { tags: { team: 'security', stage: 'prod' } });
  state.add(globalArn(PLAIN_GROUP), { Name: 'scratch' });
  await waf.send(
    new PutPermissionPolicyCommand({
      ResourceArn: globalArn(GLOBAL_GROUP),
      Policy: sharePolicy(globalArn(GLOBAL_GROUP), 'waf'),
    }),
  );
  for (const region of REGIONS) {
    const arn = regionalArn(region, REGIONAL_GROUP);
    state.add(arn, { Name: 'alb-rules' }, { policy: sharePolicy(arn, 'waf-regional'), tags: { team: 'security' } });
  }
});

after(async () => {
  waf?.destroy();
  await h?.stop();
});

describe('waf and waf-regional sources (recorded-response emulation: moto 5.2 has no WAF Classic)', () => {
  test('collects global rule groups once and regional ones per region: metadata, permission policies, tags', async () => {
    first = await h.collect('run', ['waf', 'waf-regional'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    const collected = (counts: Record<string, number>) => ({ status: 'collected', counts });
    assert.deepEqual(first.job('waf', 'ruleGroups', 'global'), collected({ ruleGroup: 2 }));
    assert.deepEqual(first.job('waf-regional', 'ruleGroups', 'us-east-1'), collected({ ruleGroup: 1 }));
    assert.deepEqual(first.job('waf-regional', 'ruleGroups', 'us-west-2'), collected({ ruleGroup: 1 }));
    await assertGoldenTree(first.tree, goldenFolder('waf'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/waf/rulegroup/${GLOBAL_GROUP}/policy.json`) ?? 'null'),
      JSON.parse(sharePolicy(globalArn(GLOBAL_GROUP), 'waf')),
    );
  });

  test('AccessDenied on one global and one regional permission policy: both kept, stored policies untouched, gaps recorded', async () => {
    const allow = h.deny(
      (r) =>
        r.operation.endsWith(':GetPermissionPolicy') &&
        ((r.service === 'waf' && r.body.toString().includes(GLOBAL_GROUP)) ||
          (r.service === 'waf-regional' && r.region === 'us-west-2')),
    );
    const denied = await h.collect('run', ['waf', 'waf-regional'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    const issue = (arn: string, service: string) => ({
      kind: 'denied',
      arn,
      field: 'policy',
      message: `AccessDeniedException: User is not authorized to perform ${service}:GetPermissionPolicy`,
    });
    assert.deepEqual(denied.job('waf', 'ruleGroups', 'global'), {
      status: 'collected',
      counts: { ruleGroup: 2 },
      issues: [issue(globalArn(GLOBAL_GROUP), 'waf')],
    });
    assert.deepEqual(denied.job('waf-regional', 'ruleGroups', 'us-west-2'), {
      status: 'collected',
      counts: { ruleGroup: 1 },
      issues: [issue(regionalArn('us-west-2', REGIONAL_GROUP), 'waf-regional')],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted regional rule group (with its policy and tags) and a removed global policy disappear on the next run', async () => {
    state.remove(regionalArn('us-west-2', REGIONAL_GROUP));
    await waf.send(new DeletePermissionPolicyCommand({ ResourceArn: globalArn(GLOBAL_GROUP) }));
    const next = await h.collect('run', ['waf', 'waf-regional'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, `waf-regional/us-west-2/rulegroup/${REGIONAL_GROUP}`);
    assert.equal(first.tree.size - expected.size, 3);
    assert.ok(expected.delete(`${root}/waf/rulegroup/${GLOBAL_GROUP}/policy.json`));
    assert.deepEqual(next.tree, expected);
  });
});
