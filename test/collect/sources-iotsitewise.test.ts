/**
 * iotsitewise/accessPolicies against the recorded-response emulation of IoT SiteWise Monitor access
 * policies (test/moto/iotsitewise-emulators.ts): moto 5.2 has no IoT SiteWise. Grants to every kind of
 * identity on portals and projects in two regions, the listing followed over pages, AccessDenied on
 * one policy's tags and on the listing, and a deleted policy, removed tags and a changed grant on the
 * next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState } from '../moto/backlog-emulators.js';
import { iotsitewiseEmulator } from '../moto/iotsitewise-emulators.js';
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
const PORTAL = '1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9';
const PROJECT = '2a3b4c5d-6e7f-4081-9283-a4b5c6d7e8f9';
const ADMINS = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';
const OPERATORS = 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a';
const AUDITOR = 'e3f4a5b6-c7d8-4e9f-0a1b-2c3d4e5f6a7b';
const DASHBOARDS = 'f4a5b6c7-d8e9-4f0a-1b2c-3d4e5f6a7b8c';
const policyArn = (region: string, id: string) => `arn:aws:iotsitewise:${region}:${ACCOUNT}:access-policy/${id}`;
const root = `aws/aws/accounts/${ACCOUNT}/iotsitewise`;
const dates = { creationDate: 1700000000, lastUpdateDate: 1700003600 };

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  // Two policies a page, so us-east-1's three take two pages.
  h = await startResourceHarness({ emulators: [iotsitewiseEmulator(state, { pageSize: 2 })] });
  state.add(
    policyArn('us-east-1', ADMINS),
    {
      identity: { group: { id: '906744ab12-3c4d5e6f' } },
      resource: { portal: { id: PORTAL } },
      permission: 'ADMINISTRATOR',
      ...dates,
    },
    { tags: { team: 'plant-ops', stage: 'prod' } },
  );
  state.add(policyArn('us-east-1', OPERATORS), {
    identity: { user: { id: '906744ab12-7a8b9c0d' } },
    resource: { project: { id: PROJECT } },
    permission: 'VIEWER',
    ...dates,
  });
  state.add(
    policyArn('us-east-1', AUDITOR),
    {
      identity: { iamUser: { arn: `arn:aws:iam::${ACCOUNT}:user/auditor` } },
      resource: { project: { id: PROJECT } },
      permission: 'VIEWER',
      ...dates,
    },
    { tags: { stage: 'test' } },
  );
  state.add(
    policyArn('us-west-2', DASHBOARDS),
    {
      identity: { iamRole: { arn: `arn:aws:iam::${ACCOUNT}:role/dashboards` } },
      resource: { portal: { id: PORTAL } },
      permission: 'ADMINISTRATOR',
      ...dates,
    },
    { tags: { team: 'plant-ops' } },
  );
});

after(async () => {
  await h?.stop();
});

describe('iotsitewise/accessPolicies (recorded-response emulation of ListAccessPolicies and ListTagsForResource)', () => {
  test('collects access policies in two regions: the grant as metadata, tags, every page', async () => {
    first = await h.collect('run', ['iotsitewise'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('iotsitewise', 'accessPolicies', 'us-east-1'), {
      status: 'collected',
      counts: { accessPolicy: 3 },
    });
    assert.deepEqual(first.job('iotsitewise', 'accessPolicies', 'us-west-2'), {
      status: 'collected',
      counts: { accessPolicy: 1 },
    });
    await assertGoldenTree(first.tree, goldenFolder('iotsitewise'));
    assert.deepEqual(JSON.parse(first.tree.get(`${root}/us-east-1/access-policy/${AUDITOR}/metadata.json`) ?? 'null'), {
      arn: policyArn('us-east-1', AUDITOR),
      id: AUDITOR,
      identity: { iamUser: { arn: `arn:aws:iam::${ACCOUNT}:user/auditor` } },
      resource: { project: { id: PROJECT } },
      permission: 'VIEWER',
    });
    assert.deepEqual(JSON.parse(first.tree.get(`${root}/us-east-1/access-policy/${ADMINS}/tags.json`) ?? 'null'), {
      stage: 'prod',
      team: 'plant-ops',
    });
    // 2 pages in us-east-1, 1 in us-west-2; one tags call per policy.
    assert.equal(h.proxy.stats().byOperation['iotsitewise:GET /access-policies'], 3);
    assert.equal(h.proxy.stats().byOperation['iotsitewise:GET /tags'], 4);
  });

  test("AccessDenied on one policy's tags: the policy kept, its stored tags untouched, the gap recorded", async () => {
    const arn = policyArn('us-east-1', ADMINS);
    const allow = h.deny((r) => r.path === '/tags' && r.query.get('resourceArn') === arn);
    const denied = await h.collect('run', ['iotsitewise'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('iotsitewise', 'accessPolicies', 'us-east-1'), {
      status: 'collected',
      counts: { accessPolicy: 3 },
      issues: [
        {
          kind: 'denied',
          arn,
          field: 'tags',
          message: 'AccessDeniedException: User is not authorized to perform iotsitewise:GET /tags',
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('AccessDenied on the listing that carries the grants: the job is denied and nothing stored is deleted', async () => {
    const allow = h.deny((r) => r.path === '/access-policies' && r.region === 'us-east-1');
    const denied = await h.collect('run', ['iotsitewise'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('iotsitewise', 'accessPolicies', 'us-east-1'), {
      status: 'denied',
      reason: 'AccessDeniedException: User is not authorized to perform iotsitewise:GET /access-policies',
    });
    assert.equal(denied.job('iotsitewise', 'accessPolicies', 'us-west-2').status, 'collected');
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted policy (with its tags), removed tags and a changed grant show on the next run', async () => {
    state.remove(policyArn('us-west-2', DASHBOARDS));
    state.tags.delete(policyArn('us-east-1', AUDITOR));
    const operators = policyArn('us-east-1', OPERATORS);
    const before = state.resources.get(operators)?.attributes ?? {};
    state.add(operators, { ...before, permission: 'ADMINISTRATOR' });
    const next = await h.collect('run', ['iotsitewise'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, `iotsitewise/us-west-2/access-policy/${DASHBOARDS}`);
    assert.equal(first.tree.size - expected.size, 2);
    assert.ok(expected.delete(`${root}/us-east-1/access-policy/${AUDITOR}/tags.json`));
    const changed = `${root}/us-east-1/access-policy/${OPERATORS}/metadata.json`;
    const grant = { ...JSON.parse(first.tree.get(changed) ?? '{}'), permission: 'ADMINISTRATOR' };
    expected.set(changed, JSON.stringify(grant, null, 2));
    assert.deepEqual(next.tree, expected);
  });
});
