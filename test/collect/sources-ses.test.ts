/**
 * ses/identities against moto, with the HTTP emulation of the new ListEmailIdentities route (moto 5.2
 * only knows the classic one): domain and address identities with their sending-authorization
 * policies and tags; deletion on the next run; AccessDenied on an identity's policies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateEmailIdentityCommand,
  CreateEmailIdentityPolicyCommand,
  DeleteEmailIdentityCommand,
  DeleteEmailIdentityPolicyCommand,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { sesListIdentitiesEmulator } from '../moto/backlog-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const root = `aws/aws/accounts/${ACCOUNT}/ses/us-east-1/identity`;
const sendingPolicy = (identity: string, account: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: `Allow${account}`,
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: ['ses:SendEmail', 'ses:SendRawEmail'],
      Resource: `arn:aws:ses:us-east-1:${ACCOUNT}:identity/${identity}`,
    },
  ],
});

let h: ResourceHarness;
let first: Collected;
let ses: SESv2Client;

before(async () => {
  h = await startResourceHarness({ emulators: [sesListIdentitiesEmulator()] });
  ses = new SESv2Client(h.clientConfig);
  await ses.send(
    new CreateEmailIdentityCommand({ EmailIdentity: 'example.com', Tags: [{ Key: 'team', Value: 'mail' }] }),
  );
  await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'ops@example.org' }));
  await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'partner.example.net' }));
  const policies: Array<[string, string, string]> = [
    ['example.com', 'marketing', '111122223333'],
    ['partner.example.net', 'partner-a', '111122223333'],
    ['partner.example.net', 'partner-b', '444455556666'],
  ];
  for (const [identity, name, account] of policies) {
    await ses.send(
      new CreateEmailIdentityPolicyCommand({
        EmailIdentity: identity,
        PolicyName: name,
        Policy: JSON.stringify(sendingPolicy(identity, account)),
      }),
    );
  }
});

after(async () => {
  ses?.destroy();
  await h?.stop();
});

describe('ses/identities (moto + HTTP emulation of the ListEmailIdentities route)', () => {
  test('collects every identity: metadata, named sending-authorization policies, tags', async () => {
    first = await h.collect('run', ['ses']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('ses', 'identities'), { status: 'collected', counts: { identity: 3 } });
    await assertGoldenTree(first.tree, goldenFolder('ses'));
    assert.deepEqual(JSON.parse(first.tree.get(`${root}/partner.example.net/policies.json`) ?? 'null'), [
      { PolicyName: 'partner-a', PolicyDocument: sendingPolicy('partner.example.net', '111122223333') },
      { PolicyName: 'partner-b', PolicyDocument: sendingPolicy('partner.example.net', '444455556666') },
    ]);
  });

  test("AccessDenied on one identity's policies: the identity is kept, its stored policies and tags untouched, the gap recorded", async () => {
    const allow = h.deny((r) => r.method === 'GET' && r.path === '/v2/email/identities/example.com');
    const denied = await h.collect('run', ['ses']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('ses', 'identities'), {
      status: 'collected',
      counts: { identity: 3 },
      issues: [
        {
          kind: 'denied',
          arn: `arn:aws:ses:us-east-1:${ACCOUNT}:identity/example.com`,
          field: 'policies',
          message: 'AccessDeniedException: User is not authorized to perform ses:GET /v2/email/identities/example.com',
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted identity and a deleted policy disappear from storage on the next run', async () => {
    await ses.send(new DeleteEmailIdentityCommand({ EmailIdentity: 'ops@example.org' }));
    await ses.send(new DeleteEmailIdentityPolicyCommand({ EmailIdentity: 'example.com', PolicyName: 'marketing' }));
    await ses.send(
      new DeleteEmailIdentityPolicyCommand({ EmailIdentity: 'partner.example.net', PolicyName: 'partner-b' }),
    );
    const next = await h.collect('run', ['ses']);
    assert.equal(next.result.exitCode, 0);
    const expected = without(first.tree, 'ses/us-east-1/identity/ops%40example.org');
    expected.delete(`${root}/example.com/policies.json`);
    expected.set(
      `${root}/partner.example.net/policies.json`,
      next.tree.get(`${root}/partner.example.net/policies.json`) ?? '',
    );
    assert.deepEqual(next.tree, expected);
    assert.deepEqual(JSON.parse(next.tree.get(`${root}/partner.example.net/policies.json`) ?? 'null'), [
      { PolicyName: 'partner-a', PolicyDocument: sendingPolicy('partner.example.net', '111122223333') },
    ]);
  });
});
