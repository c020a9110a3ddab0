/**
 * logs/resourcePolicies, logs/destinations and logs/deliveryDestinations against moto: account-level
 * resource policies, subscription destinations and delivery destinations with their policies and
 * tags; deletion on the next run; AccessDenied on a policy (per resource, or on the listing that
 * carries the policies); any other error fails only that resource type.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CloudWatchLogsClient,
  DeleteDestinationCommand,
  DeleteDeliveryDestinationPolicyCommand,
  DeleteResourcePolicyCommand,
  PutDeliveryDestinationCommand,
  PutDeliveryDestinationPolicyCommand,
  PutDestinationCommand,
  PutDestinationPolicyCommand,
  PutResourcePolicyCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const SERVICES = ['logs'];
const root = `aws/aws/accounts/${ACCOUNT}/logs/us-east-1`;

const statement = (principal: Record<string, string>, action: string, resource: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: principal, Action: action, Resource: resource }],
});
const route53Policy = statement(
  { Service: 'route53.amazonaws.com' },
  'logs:PutLogEvents',
  `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/route53/*`,
);
const deliveryPolicy = statement(
  { Service: 'delivery.logs.amazonaws.com' },
  'logs:CreateLogStream',
  `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/vendedlogs/*`,
);
const destinationPolicy = statement(
  { AWS: '111122223333' },
  'logs:PutSubscriptionFilter',
  `arn:aws:logs:us-east-1:${ACCOUNT}:destination:central`,
);
const deliveryDestinationPolicy = statement(
  { AWS: '111122223333' },
  'logs:CreateDelivery',
  `arn:aws:logs:us-east-1:${ACCOUNT}:delivery-destination:archive`,
);

let h: ResourceHarness;
let first: Collected;
let logs: CloudWatchLogsClient;

before(async () => {
  h = await startResourceHarness();
  logs = new CloudWatchLogsClient(h.clientConfig);
  await logs.send(
    new PutResourcePolicyCommand({ policyName: 'route53-query-logs', policyDocument: JSON.stringify(route53Policy) }),
  );
  await logs.send(
    new PutResourcePolicyCommand({ policyName: 'AWSLogDeliveryWrite', policyDocument: JSON.stringify(deliveryPolicy) }),
  );
  for (const name of ['central', 'plain']) {
    await logs.send(
      new PutDestinationCommand({
        destinationName: name,
        targetArn: `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${name}`,
        roleArn: `arn:aws:iam::${ACCOUNT}:role/logs-to-kinesis`,
        ...(name === 'central' ? { tags: { team: 'security', tier: 'gold' } } : {}),
      }),
    );
  }
  await logs.send(
    new PutDestinationPolicyCommand({ destinationName: 'central', accessPolicy: JSON.stringify(destinationPolicy) }),
  );
  for (const name of ['archive', 'unshared']) {
    await logs.send(
      new PutDeliveryDestinationCommand({
        name,
        deliveryDestinationConfiguration: { destinationResourceArn: `arn:aws:s3:::${name}-logs-${ACCOUNT}` },
        ...(name === 'archive' ? { tags: { team: 'platform' } } : {}),
      }),
    );
  }
  await logs.send(
    new PutDeliveryDestinationPolicyCommand({
      deliveryDestinationName: 'archive',
      deliveryDestinationPolicy: JSON.stringify(deliveryDestinationPolicy),
    }),
  );
});

after(async () => {
  logs?.destroy();
  await h?.stop();
});

describe('logs sources (moto)', () => {
  test('collects resource policies, destinations and delivery destinations: metadata, policies, tags', async () => {
    first = await h.collect('run', SERVICES);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('logs', 'resourcePolicies'), { status: 'collected', counts: { resourcePolicy: 2 } });
    assert.deepEqual(first.job('logs', 'destinations'), { status: 'collected', counts: { destination: 2 } });
    assert.deepEqual(first.job('logs', 'deliveryDestinations'), {
      status: 'collected',
      counts: { deliveryDestination: 2 },
    });
    await assertGoldenTree(first.tree, goldenFolder('logs'));
    const policy = (path: string) => JSON.parse(first.tree.get(`${root}/${path}/policy.json`) ?? 'null');
    assert.deepEqual(policy('resource-policy/route53-query-logs'), route53Policy);
    assert.deepEqual(policy('destination/central'), destinationPolicy);
    assert.deepEqual(policy('delivery-destination/archive'), deliveryDestinationPolicy);
  });

  test('AccessDenied on one delivery destination policy: the resource is kept, its stored policy untouched, the gap recorded', async () => {
    const allow = h.deny(
      (r) => r.operation === 'logs:GetDeliveryDestinationPolicy' && r.body.toString().includes('"archive"'),
    );
    const denied = await h.collect('run', SERVICES).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('logs', 'deliveryDestinations'), {
      status: 'collected',
      counts: { deliveryDestination: 2 },
      issues: [
        {
          kind: 'denied',
          arn: `arn:aws:logs:us-east-1:${ACCOUNT}:delivery-destination:archive`,
          field: 'policy',
          message: 'AccessDeniedException: User is not authorized to perform logs:GetDeliveryDestinationPolicy',
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('AccessDenied on the listings that carry the policies: the jobs are denied and nothing stored is deleted', async () => {
    const allow = h.deny(
      (r) => r.operation === 'logs:DescribeResourcePolicies' || r.operation === 'logs:DescribeDestinations',
    );
    const denied = await h.collect('run', SERVICES).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    for (const sync of ['resourcePolicies', 'destinations']) {
      assert.deepEqual(denied.job('logs', sync), {
        status: 'denied',
        reason: `AccessDeniedException: User is not authorized to perform logs:Describe${sync === 'destinations' ? 'Destinations' : 'ResourcePolicies'}`,
      });
    }
    assert.deepEqual(denied.tree, first.tree);
  });

  test('any other error on a policy fails only that resource type, keeps its stored data, and exits 1', async () => {
    const allow = h.deny((r) => r.operation === 'logs:GetDeliveryDestinationPolicy', 'ValidationException');
    const failed = await h.collect('run', SERVICES).finally(allow);
    assert.equal(failed.result.exitCode, 1);
    assert.equal(failed.job('logs', 'deliveryDestinations').status, 'failed');
    assert.equal(failed.job('logs', 'destinations').status, 'collected');
    assert.deepEqual(failed.tree, first.tree);
  });

  test('deleted resources, a removed policy and removed tags disappear from storage on the next run', async () => {
    await logs.send(new DeleteResourcePolicyCommand({ policyName: 'AWSLogDeliveryWrite' }));
    await logs.send(new DeleteDestinationCommand({ destinationName: 'plain' }));
    await logs.send(
      new UntagResourceCommand({
        resourceArn: `arn:aws:logs:us-east-1:${ACCOUNT}:destination:central`,
        tagKeys: ['tier'],
      }),
    );
    await logs.send(new DeleteDeliveryDestinationPolicyCommand({ deliveryDestinationName: 'archive' }));
    const next = await h.collect('run', SERVICES);
    assert.equal(next.result.exitCode, 0);
    const expected = without(
      first.tree,
      'logs/us-east-1/resource-policy/awslogdeliverywrite',
      'logs/us-east-1/destination/plain',
    );
    expected.delete(`${root}/delivery-destination/archive/policy.json`);
    expected.set(`${root}/destination/central/tags.json`, JSON.stringify({ team: 'security' }, null, 2));
    assert.deepEqual(next.tree, expected);
  });
});
