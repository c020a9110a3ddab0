/**
 * ssm-contacts/contacts against the HTTP emulation (moto 5.2 has no Incident Manager contacts):
 * contact policies and tags, deletion on the next run, AccessDenied on one contact's policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState, ssmContactsEmulator } from '../moto/backlog-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const arnOf = (alias: string) => `arn:aws:ssm-contacts:us-east-1:${ACCOUNT}:contact/${alias}`;
const root = `aws/aws/accounts/${ACCOUNT}/ssm-contacts/us-east-1/contact`;
const engagePolicy = (alias: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'SharedWithSecurity',
      Effect: 'Allow',
      Principal: { AWS: '111122223333' },
      Action: ['ssm-contacts:GetContact', 'ssm-contacts:StartEngagement'],
      Resource: arnOf(alias),
    },
  ],
});

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [ssmContactsEmulator(state)] });
  state.add(
    arnOf('oncall-sre'),
    { Alias: 'oncall-sre', DisplayName: 'SRE on call', Type: 'ONCALL_SCHEDULE' },
    {
      policy: engagePolicy('oncall-sre'),
      tags: { team: 'sre' },
    },
  );
  state.add(arnOf('jane'), { Alias: 'jane', DisplayName: 'Jane Doe', Type: 'PERSONAL' }, { tags: { team: 'sre' } });
  state.add(arnOf('escalation'), { Alias: 'escalation', Type: 'ESCALATION' });
});

after(async () => {
  await h?.stop();
});

describe('ssm-contacts/contacts (HTTP emulation)', () => {
  test('collects every contact: metadata, contact policy, tags', async () => {
    first = await h.collect('run', ['ssm-contacts']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('ssm-contacts', 'contacts'), { status: 'collected', counts: { contact: 3 } });
    await assertGoldenTree(first.tree, goldenFolder('ssm-contacts'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/oncall-sre/policy.json`) ?? 'null'),
      engagePolicy('oncall-sre'),
    );
  });

  test("AccessDenied on one contact's policy: the contact is kept, its stored policy untouched, the gap recorded", async () => {
    const allow = h.deny(
      (r) => r.operation === 'ssm-contacts:GetContactPolicy' && r.body.toString().includes(arnOf('oncall-sre')),
    );
    const denied = await h.collect('run', ['ssm-contacts']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('ssm-contacts', 'contacts').issues, [
      {
        kind: 'denied',
        arn: arnOf('oncall-sre'),
        field: 'policy',
        message: 'AccessDeniedException: User is not authorized to perform ssm-contacts:GetContactPolicy',
      },
    ]);
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted contact, a removed policy and removed tags disappear on the next run', async () => {
    state.remove(arnOf('escalation'));
    state.policies.delete(arnOf('oncall-sre'));
    state.tags.delete(arnOf('jane'));
    const next = await h.collect('run', ['ssm-contacts']);
    assert.equal(next.result.exitCode, 0);
    const expected = without(first.tree, 'ssm-contacts/us-east-1/contact/escalation');
    expected.delete(`${root}/oncall-sre/policy.json`);
    expected.delete(`${root}/jane/tags.json`);
    assert.deepEqual(next.tree, expected);
  });
});
