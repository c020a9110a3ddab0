/**
 * sms-voice/{phoneNumbers,pools,optOutLists,senderIds} against the HTTP emulation of End User
 * Messaging SMS and Voice v2 (test/moto/smsvoice-qbusiness-omics-emulators.ts: moto 5.2 has none of
 * it), in AWS's JSON 1.0 wire format. Resources with and without a policy and tags in two regions,
 * AccessDenied on one policy, deletion of resources and of a policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState } from '../moto/backlog-emulators.js';
import { smsVoiceEmulator } from '../moto/smsvoice-qbusiness-omics-emulators.js';
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
const arnOf = (region: string, resource: string) => `arn:aws:sms-voice:${region}:${ACCOUNT}:${resource}`;
const root = `aws/aws/accounts/${ACCOUNT}/sms-voice`;
const sharePolicy = (resource: string, actions: string[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ShareWithMarketing',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: actions,
        Resource: resource,
      },
    ],
  });

const PHONE = 'phone-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d';
const POOL = 'pool-0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [smsVoiceEmulator(state)] });
  for (const region of REGIONS) {
    const phone = arnOf(region, `phone-number/${PHONE}`);
    state.add(
      phone,
      {
        PhoneNumberId: PHONE,
        PhoneNumber: '+12065550142',
        Status: 'ACTIVE',
        IsoCountryCode: 'US',
        MessageType: 'TRANSACTIONAL',
        NumberCapabilities: ['SMS'],
        NumberType: 'TOLL_FREE',
        MonthlyLeasingPrice: '2.00',
        TwoWayEnabled: false,
        SelfManagedOptOutsEnabled: false,
        OptOutListName: 'Default',
        DeletionProtectionEnabled: false,
        PoolId: POOL,
        CreatedTimestamp: 1767225600,
      },
      {
        policy: sharePolicy(phone, ['sms-voice:SendTextMessage', 'sms-voice:DescribePhoneNumbers']),
        tags: { team: 'notifications', stage: 'prod' },
      },
    );
  }
  const pool = arnOf('us-east-1', `pool/${POOL}`);
  state.add(
    pool,
    {
      PoolId: POOL,
      Status: 'ACTIVE',
      MessageType: 'TRANSACTIONAL',
      TwoWayEnabled: false,
      SelfManagedOptOutsEnabled: false,
      OptOutListName: 'Default',
      SharedRoutesEnabled: true,
      DeletionProtectionEnabled: false,
      CreatedTimestamp: 1767225600,
    },
    { policy: sharePolicy(pool, ['sms-voice:SendTextMessage']), tags: { team: 'notifications' } },
  );
  const optOuts = arnOf('us-east-1', 'opt-out-list/marketing-opt-outs');
  state.add(
    optOuts,
    { OptOutListName: 'marketing-opt-outs', CreatedTimestamp: 1767225600 },
    { policy: sharePolicy(optOuts, ['sms-voice:DescribeOptedOutNumbers', 'sms-voice:PutOptedOutNumber']) },
  );
  state.add(arnOf('us-east-1', 'opt-out-list/Default'), { OptOutListName: 'Default', CreatedTimestamp: 1767225600 });
  const sender = arnOf('us-west-2', 'sender-id/ACME/GB');
  state.add(
    sender,
    {
      SenderId: 'ACME',
      IsoCountryCode: 'GB',
      MessageTypes: ['TRANSACTIONAL', 'PROMOTIONAL'],
      MonthlyLeasingPrice: '0.00',
      DeletionProtectionEnabled: false,
      Registered: true,
      RegistrationId: 'registration-0123456789abcdef0123456789abcdef',
    },
    { policy: sharePolicy(sender, ['sms-voice:SendTextMessage']), tags: { brand: 'acme' } },
  );
});

after(async () => {
  await h?.stop();
});

describe('sms-voice sources (recorded-response emulation: moto 5.2 lacks End User Messaging SMS v2)', () => {
  test('collects phone numbers, pools, opt-out lists and sender IDs in two regions: metadata, policies, tags', async () => {
    first = await h.collect('run', ['sms-voice'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    const collected = (counts: Record<string, number>) => ({ status: 'collected', counts });
    assert.deepEqual(first.job('sms-voice', 'phoneNumbers', 'us-east-1'), collected({ phoneNumber: 1 }));
    assert.deepEqual(first.job('sms-voice', 'phoneNumbers', 'us-west-2'), collected({ phoneNumber: 1 }));
    assert.deepEqual(first.job('sms-voice', 'pools', 'us-east-1'), collected({ pool: 1 }));
    assert.deepEqual(first.job('sms-voice', 'pools', 'us-west-2'), collected({ pool: 0 }));
    assert.deepEqual(first.job('sms-voice', 'optOutLists', 'us-east-1'), collected({ optOutList: 2 }));
    assert.deepEqual(first.job('sms-voice', 'senderIds', 'us-east-1'), collected({ senderId: 0 }));
    assert.deepEqual(first.job('sms-voice', 'senderIds', 'us-west-2'), collected({ senderId: 1 }));
    await assertGoldenTree(first.tree, goldenFolder('sms-voice'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/us-west-2/sender-id/acme%2fgb/policy.json`) ?? 'null'),
      JSON.parse(sharePolicy(arnOf('us-west-2', 'sender-id/ACME/GB'), ['sms-voice:SendTextMessage'])),
    );
  });

  test("AccessDenied on one phone number's policy: the number kept, its stored policy untouched, the gap recorded", async () => {
    const allow = h.deny(
      (r) =>
        r.region === 'us-east-1' &&
        r.operation === 'sms-voice:GetResourcePolicy' &&
        r.body.toString().includes(':phone-number/'),
    );
    const denied = await h.collect('run', ['sms-voice'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('sms-voice', 'phoneNumbers', 'us-east-1'), {
      status: 'collected',
      counts: { phoneNumber: 1 },
      issues: [
        {
          kind: 'denied',
          arn: arnOf('us-east-1', `phone-number/${PHONE}`),
          field: 'policy',
          message: 'AccessDeniedException: User is not authorized to perform sms-voice:GetResourcePolicy',
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted phone number and sender ID (with policies and tags) and a removed pool policy disappear on the next run', async () => {
    state.remove(arnOf('us-west-2', `phone-number/${PHONE}`));
    state.remove(arnOf('us-west-2', 'sender-id/ACME/GB'));
    state.policies.delete(arnOf('us-east-1', `pool/${POOL}`));
    const next = await h.collect('run', ['sms-voice'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(
      first.tree,
      `sms-voice/us-west-2/phone-number/${PHONE}`,
      'sms-voice/us-west-2/sender-id/acme%2fgb',
    );
    assert.equal(first.tree.size - expected.size, 6);
    assert.ok(expected.delete(`${root}/us-east-1/pool/${POOL}/policy.json`));
    assert.deepEqual(next.tree, expected);
  });
});
