/**
 * qbusiness/applications against the HTTP emulation of Amazon Q Business
 * (test/moto/smsvoice-qbusiness-omics-emulators.ts: moto 5.2 has none of it), in AWS's REST-JSON wire
 * format. Applications with and without a policy and tags in two regions, AccessDenied on one policy,
 * deletion of an application and of a policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState } from '../moto/backlog-emulators.js';
import { qbusinessEmulator } from '../moto/smsvoice-qbusiness-omics-emulators.js';
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
const HELPDESK = 'a1b2c3d4-5678-90ab-cdef-111111111111';
const SANDBOX = 'a1b2c3d4-5678-90ab-cdef-222222222222';
const arnOf = (region: string, id: string) => `arn:aws:qbusiness:${region}:${ACCOUNT}:application/${id}`;
const root = `aws/aws/accounts/${ACCOUNT}/qbusiness`;
const dataAccessorPolicy = (arn: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowIsvDataAccessor',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:role/isv-data-accessor' },
        Action: ['qbusiness:SearchRelevantContent'],
        Resource: arn,
      },
    ],
  });

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [qbusinessEmulator(state)] });
  for (const region of REGIONS) {
    const arn = arnOf(region, HELPDESK);
    state.add(
      arn,
      {
        displayName: 'helpdesk',
        identityType: 'AWS_IAM_IDC',
        status: 'ACTIVE',
        createdAt: 1767225600,
        updatedAt: 1767225600,
      },
      { policy: dataAccessorPolicy(arn), tags: { team: 'support', stage: 'prod' } },
    );
  }
  state.add(arnOf('us-east-1', SANDBOX), {
    displayName: 'sandbox',
    identityType: 'AWS_IAM_IDP_SAML',
    status: 'ACTIVE',
    createdAt: 1767225600,
  });
});

after(async () => {
  await h?.stop();
});

describe('qbusiness sources (recorded-response emulation: moto 5.2 lacks Amazon Q Business)', () => {
  test('collects applications in two regions: metadata, policies, tags', async () => {
    first = await h.collect('run', ['qbusiness'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    const collected = (counts: Record<string, number>) => ({ status: 'collected', counts });
    assert.deepEqual(first.job('qbusiness', 'applications', 'us-east-1'), collected({ application: 2 }));
    assert.deepEqual(first.job('qbusiness', 'applications', 'us-west-2'), collected({ application: 1 }));
    await assertGoldenTree(first.tree, goldenFolder('qbusiness'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/us-east-1/application/${HELPDESK}/policy.json`) ?? 'null'),
      JSON.parse(dataAccessorPolicy(arnOf('us-east-1', HELPDESK))),
    );
  });

  test("AccessDenied on one application's policy: the application kept, its stored policy untouched, the gap recorded", async () => {
    const allow = h.deny(
      (r) => r.region === 'us-east-1' && r.method === 'GET' && r.path === `/applications/${HELPDESK}/policy`,
    );
    const denied = await h.collect('run', ['qbusiness'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('qbusiness', 'applications', 'us-east-1'), {
      status: 'collected',
      counts: { application: 2 },
      issues: [
        {
          kind: 'denied',
          arn: arnOf('us-east-1', HELPDESK),
          field: 'policy',
          message: `AccessDeniedException: User is not authorized to perform qbusiness:GET /applications/${HELPDESK}/policy`,
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted application (with its policy and tags) and a removed policy disappear on the next run', async () => {
    state.remove(arnOf('us-west-2', HELPDESK));
    state.policies.delete(arnOf('us-east-1', HELPDESK));
    const next = await h.collect('run', ['qbusiness'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, `qbusiness/us-west-2/application/${HELPDESK}`);
    assert.equal(first.tree.size - expected.size, 3);
    assert.ok(expected.delete(`${root}/us-east-1/application/${HELPDESK}/policy.json`));
    assert.deepEqual(next.tree, expected);
  });
});
