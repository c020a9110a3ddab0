/**
 * iot/policies against moto, with the HTTP emulation of ListTagsForResource (moto 5.2 answers 500):
 * policy documents, attached certificates, tags, deletion on the next run, AccessDenied on one policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AttachPolicyCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  DetachPolicyCommand,
  IoTClient,
} from '@aws-sdk/client-iot';
import { BacklogState, iotTagsEmulator } from '../moto/backlog-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const arnOf = (name: string) => `arn:aws:iot:us-east-1:${ACCOUNT}:policy/${name}`;
const root = `aws/aws/accounts/${ACCOUNT}/iot/us-east-1/policy`;
const devicePolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['iot:Connect'],
      Resource: `arn:aws:iot:us-east-1:${ACCOUNT}:client/\${iot:Connection.Thing.ThingName}`,
    },
    { Effect: 'Allow', Action: ['iot:Publish'], Resource: `arn:aws:iot:us-east-1:${ACCOUNT}:topic/telemetry/*` },
  ],
};
const adminPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] };

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;
let iot: IoTClient;
let certificateArn: string;

before(async () => {
  h = await startResourceHarness({ emulators: [iotTagsEmulator(state)] });
  iot = new IoTClient(h.clientConfig);
  await iot.send(new CreatePolicyCommand({ policyName: 'devices', policyDocument: JSON.stringify(devicePolicy) }));
  await iot.send(new CreatePolicyCommand({ policyName: 'admin', policyDocument: JSON.stringify(adminPolicy) }));
  state.tags.set(arnOf('devices'), { fleet: 'sensors', team: 'iot' });
  certificateArn = (await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }))).certificateArn ?? '';
  await iot.send(new AttachPolicyCommand({ policyName: 'devices', target: certificateArn }));
  await iot.send(new AttachPolicyCommand({ policyName: 'admin', target: certificateArn }));
});

after(async () => {
  iot?.destroy();
  await h?.stop();
});

describe('iot/policies (moto + HTTP emulation of ListTagsForResource)', () => {
  test('collects every policy: document, attached certificates, tags', async () => {
    first = await h.collect('run', ['iot']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('iot', 'policies'), { status: 'collected', counts: { policy: 2 } });
    // The certificate id is random: the golden files hold a placeholder.
    const tree = new Map(
      [...first.tree].map(([path, text]) => [path, text.replaceAll(certificateArn, '<certificate>')]),
    );
    await assertGoldenTree(tree, goldenFolder('iot'));
    assert.deepEqual(JSON.parse(first.tree.get(`${root}/devices/policy.json`) ?? 'null'), devicePolicy);
    assert.deepEqual(JSON.parse(first.tree.get(`${root}/devices/targets.json`) ?? 'null'), [certificateArn]);
  });

  test("AccessDenied on one policy's document: the policy is kept, its stored document untouched, the gap recorded", async () => {
    const allow = h.deny((r) => r.method === 'GET' && r.path === '/policies/admin');
    const denied = await h.collect('run', ['iot']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('iot', 'policies'), {
      status: 'collected',
      counts: { policy: 2 },
      issues: [
        {
          kind: 'denied',
          arn: arnOf('admin'),
          field: 'policy',
          message: 'AccessDeniedException: User is not authorized to perform iot:GET /policies/admin',
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted policy, a detached certificate and removed tags disappear on the next run', async () => {
    await iot.send(new DetachPolicyCommand({ policyName: 'admin', target: certificateArn }));
    await iot.send(new DeletePolicyCommand({ policyName: 'admin' }));
    await iot.send(new DetachPolicyCommand({ policyName: 'devices', target: certificateArn }));
    state.tags.delete(arnOf('devices'));
    const next = await h.collect('run', ['iot']);
    assert.equal(next.result.exitCode, 0);
    const expected = without(first.tree, 'iot/us-east-1/policy/admin');
    expected.delete(`${root}/devices/targets.json`);
    expected.delete(`${root}/devices/tags.json`);
    assert.deepEqual(next.tree, expected);
  });
});
