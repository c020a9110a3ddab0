/**
 * apigateway/gateways against moto: REST APIs with their policy (escaped as AWS sends it, and plain)
 * and tags; deletion on the next run; AccessDenied on GetRestApis, the call that returns the policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  APIGatewayClient,
  CreateRestApiCommand,
  type CreateRestApiCommandInput,
  DeleteRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import {
  ACCOUNT,
  type Collected,
  assertGoldenTree,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: '*',
      Action: 'execute-api:Invoke',
      Resource: 'execute-api:/*',
      Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
    },
  ],
};

let h: ResourceHarness;
let first: Collected;
const ids: Record<string, string> = {};

before(async () => {
  h = await startResourceHarness();
  const client = new APIGatewayClient(h.clientConfig);
  // AWS returns policies with every quote backslash-escaped; moto returns what it was given, so
  // seeding the escaped text makes moto send the bytes AWS sends.
  const escaped = JSON.stringify(POLICY).replace(/"/g, '\\"');
  const apis: CreateRestApiCommandInput[] = [
    { name: 'orders-api', policy: escaped, tags: { app: 'orders' } },
    {
      name: 'public-api',
      policy: JSON.stringify({ ...POLICY, Statement: [{ ...POLICY.Statement[0], Condition: undefined }] }),
    },
    { name: 'internal-api', tags: { team: 'platform', 'cost-center': '' } },
  ];
  for (const api of apis) ids[api.name ?? ''] = (await client.send(new CreateRestApiCommand(api))).id ?? '';
  client.destroy();
});

after(async () => {
  await h?.stop();
});

describe('apigateway/gateways (moto)', () => {
  test('collects every REST API: metadata, the policy unescaped and parsed, tags', async () => {
    first = await h.collect('run', ['apigateway']);
    assert.equal(first.result.exitCode, 0);
    assert.deepEqual(first.job('apigateway', 'gateways'), { status: 'collected', counts: { restApi: 3 } });
    await assertGoldenTree(first.tree, goldenFolder('apigateway'));
    const policy = first.tree.get(
      `aws/aws/accounts/${ACCOUNT}/apigateway/us-east-1/restapis/${ids['orders-api']}/policy.json`,
    );
    assert.deepEqual(JSON.parse(policy ?? ''), POLICY);
  });

  test('AccessDenied on GetRestApis (it returns the policies): the job is denied and nothing stored is deleted', async () => {
    const allow = h.deny((r) => r.operation === 'apigateway:GET /restapis');
    const denied = await h.collect('run', ['apigateway']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.equal(denied.job('apigateway', 'gateways').status, 'denied');
    assert.match(denied.job('apigateway', 'gateways').reason ?? '', /^AccessDeniedException/);
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a REST API deleted in AWS is deleted from storage on the next run; the others are unchanged', async () => {
    const client = new APIGatewayClient(h.clientConfig);
    await client.send(new DeleteRestApiCommand({ restApiId: ids['public-api'] }));
    client.destroy();
    const next = await h.collect('run', ['apigateway']);
    assert.deepEqual(next.job('apigateway', 'gateways').counts, { restApi: 2 });
    assert.deepEqual(next.tree, without(first.tree, `apigateway/us-east-1/restapis/${ids['public-api']}`));
  });
});
