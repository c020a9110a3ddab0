/**
 * events/eventBuses against moto: the default and custom event buses with their policy, KMS key and
 * tags; deletion of a bus and of a policy on the next run; AccessDenied on ListEventBuses (the call
 * that returns the policies) and on one bus's DescribeEventBus.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  EventBridgeClient,
  PutPermissionCommand,
  RemovePermissionCommand,
} from '@aws-sdk/client-eventbridge';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const BUSES = `aws/aws/accounts/${ACCOUNT}/events/us-east-1/event-bus`;
const busArn = (name: string) => `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/${name}`;

let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness();
  const client = new EventBridgeClient(h.clientConfig);
  await client.send(
    new CreateEventBusCommand({
      Name: 'orders-bus',
      KmsKeyIdentifier: `arn:aws:kms:us-east-1:${ACCOUNT}:key/0b5c2a8e-2f7a-4f3c-9d35-7f6a1c2b3d4e`,
      Tags: [{ Key: 'app', Value: 'orders' }],
    }),
  );
  await client.send(new CreateEventBusCommand({ Name: 'audit-bus' }));
  for (const name of ['orders-bus', 'audit-bus']) {
    await client.send(
      new PutPermissionCommand({
        EventBusName: name,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'partner-put',
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:root' },
              Action: 'events:PutEvents',
              Resource: busArn(name),
            },
          ],
        }),
      }),
    );
  }
  client.destroy();
});

after(async () => {
  await h?.stop();
});

describe('events/eventBuses (moto)', () => {
  test('collects every event bus: metadata with the KMS key, policy, tags', async () => {
    first = await h.collect('run', ['events']);
    assert.equal(first.result.exitCode, 0);
    assert.deepEqual(first.job('events', 'eventBuses'), { status: 'collected', counts: { eventBus: 3 } });
    await assertGoldenTree(first.tree, goldenFolder('events'));
  });

  test('AccessDenied on ListEventBuses (it returns the policies): the job is denied and nothing stored is deleted', async () => {
    const allow = h.deny((r) => r.operation === 'events:ListEventBuses');
    const denied = await h.collect('run', ['events']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.equal(denied.job('events', 'eventBuses').status, 'denied');
    assert.deepEqual(denied.tree, first.tree);
  });

  test("AccessDenied on one bus's DescribeEventBus: its stored metadata is kept, the policy still updated, the gap recorded", async () => {
    const allow = h.deny(
      (r) => r.operation === 'events:DescribeEventBus' && r.body.toString().includes(busArn('orders-bus')),
    );
    const fresh = await h.collect('denied-fresh', ['events']).finally(allow);
    assert.deepEqual(fresh.job('events', 'eventBuses').issues, [
      {
        kind: 'denied',
        arn: busArn('orders-bus'),
        field: 'metadata',
        message: 'AccessDeniedException: User is not authorized to perform events:DescribeEventBus',
      },
    ]);
    const expected = new Map(first.tree);
    expected.delete(`${BUSES}/orders-bus/metadata.json`);
    assert.deepEqual(fresh.tree, expected);
  });

  test('a deleted bus and a removed policy are deleted from storage on the next run', async () => {
    const client = new EventBridgeClient(h.clientConfig);
    await client.send(new DeleteEventBusCommand({ Name: 'orders-bus' }));
    await client.send(new RemovePermissionCommand({ EventBusName: 'audit-bus', RemoveAllPermissions: true }));
    client.destroy();
    const next = await h.collect('run', ['events']);
    assert.deepEqual(next.job('events', 'eventBuses').counts, { eventBus: 2 });
    const expected = without(first.tree, 'events/us-east-1/event-bus/orders-bus');
    expected.delete(`${BUSES}/audit-bus/policy.json`);
    assert.deepEqual(next.tree, expected);
  });
});
