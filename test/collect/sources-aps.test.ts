/**
 * aps/workspaces (Amazon Managed Service for Prometheus) against moto (workspaces and their tags), with
 * the HTTP emulation of DescribeResourcePolicy (moto 5.2 answers 404; test/moto/ssm-xray-aps-emulators.ts):
 * workspaces in two regions with their resource policy and tags, AccessDenied on one workspace's
 * policy, any other error, and deletion on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AmpClient, CreateWorkspaceCommand, DeleteWorkspaceCommand, UntagResourceCommand } from '@aws-sdk/client-amp';
import { BacklogState } from '../moto/backlog-emulators.js';
import { apsEmulator, sharedWith } from '../moto/ssm-xray-aps-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  replaceInTree,
  startResourceHarness,
  without,
} from './resource-harness.js';

const SERVICES = ['aps'];
const REGIONS = ['us-east-1', 'us-west-2'];
const ACTIONS = ['aps:QueryMetrics', 'aps:RemoteWrite'];

const state = new BacklogState();
/** alias -> {id, arn, region}: moto makes the ids; the golden files hold `<alias>-id` in their place. */
const made: Record<string, { id: string; arn: string; region: string }> = {};
const stable = (tree: Map<string, string>) =>
  replaceInTree(tree, Object.fromEntries(Object.entries(made).map(([alias, { id }]) => [id, `${alias}-id`])));
const folder = (alias: string) => `aps/${made[alias]?.region}/workspace/${made[alias]?.id}`;
const client = (region = 'us-east-1') => new AmpClient({ ...h.clientConfig, region });

let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [apsEmulator(state)] });
  for (const [alias, region, tags] of [
    ['prod', 'us-east-1', { team: 'observability', env: 'prod' }],
    ['dev', 'us-east-1', undefined],
    ['west', 'us-west-2', { env: 'prod' }],
  ] as const) {
    const amp = client(region);
    const out = await amp.send(new CreateWorkspaceCommand({ alias, ...(tags ? { tags } : {}) }));
    amp.destroy();
    made[alias] = { id: out.workspaceId ?? '', arn: out.arn ?? '', region };
  }
  for (const alias of ['prod', 'west']) {
    const arn = made[alias]?.arn ?? '';
    state.setPolicy(arn, sharedWith(arn, ACTIONS));
  }
});

after(async () => {
  await h?.stop();
});

describe('aps/workspaces (moto + DescribeResourcePolicy emulation)', () => {
  test('collects every workspace with its resource policy and tags', async () => {
    first = await h.collect('run', SERVICES, REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('aps', 'workspaces', 'us-east-1'), { status: 'collected', counts: { workspace: 2 } });
    assert.deepEqual(first.job('aps', 'workspaces', 'us-west-2'), { status: 'collected', counts: { workspace: 1 } });
    await assertGoldenTree(stable(first.tree), goldenFolder('aps'));
    const prod = `aws/aws/accounts/${ACCOUNT}/${folder('prod')}`;
    assert.deepEqual(
      JSON.parse(first.tree.get(`${prod}/policy.json`) ?? ''),
      sharedWith(made.prod?.arn ?? '', ACTIONS),
    );
    assert.deepEqual(JSON.parse(first.tree.get(`${prod}/tags.json`) ?? ''), { env: 'prod', team: 'observability' });
  });

  test("AccessDenied on one workspace's policy keeps it and its stored policy and records the gap", async () => {
    const allow = h.deny((r) => r.service === 'aps' && r.path === `/workspaces/${made.prod?.id}/policy`);
    const denied = await h.collect('run', SERVICES, REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('aps', 'workspaces', 'us-east-1'), {
      status: 'collected',
      counts: { workspace: 2 },
      issues: [
        {
          kind: 'denied',
          arn: made.prod?.arn,
          field: 'policy',
          message: `AccessDeniedException: User is not authorized to perform aps:GET /workspaces/${made.prod?.id}/policy`,
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('any other error on a policy fails only that region, keeps its stored workspaces, and exits 1', async () => {
    const allow = h.deny(
      (r) => r.service === 'aps' && r.region === 'us-east-1' && r.path.endsWith('/policy'),
      'ValidationException',
    );
    const failed = await h.collect('run', SERVICES, REGIONS).finally(allow);
    assert.equal(failed.result.exitCode, 1);
    assert.equal(failed.job('aps', 'workspaces', 'us-east-1').status, 'failed');
    assert.equal(failed.job('aps', 'workspaces', 'us-west-2').status, 'collected');
    assert.deepEqual(failed.tree, first.tree);
  });

  test('a deleted workspace, a removed policy and removed tags disappear from storage on the next run', async () => {
    const amp = client();
    await amp.send(new DeleteWorkspaceCommand({ workspaceId: made.dev?.id }));
    await amp.send(new UntagResourceCommand({ resourceArn: made.prod?.arn, tagKeys: ['team', 'env'] }));
    amp.destroy();
    state.policies.delete(made.prod?.arn ?? '');
    const next = await h.collect('run', SERVICES, REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, folder('dev'));
    for (const file of ['policy', 'tags']) {
      assert.ok(expected.delete(`aws/aws/accounts/${ACCOUNT}/${folder('prod')}/${file}.json`), file);
    }
    assert.deepEqual(next.tree, expected);
    assert.equal(first.tree.size - next.tree.size, 3);
  });
});
