/**
 * Lambda functions, alias policies and layer versions against moto: the exact files collected,
 * AccessDenied on a function policy, deletion after removal. moto keeps the permissions of a function
 * and of its aliases in one policy, so the golden function and alias policies hold the same statements.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as lambda from '@aws-sdk/client-lambda';
import { seedClientConfig, seedLambda } from '../moto/resource-seeds.js';
import {
  ACCOUNT,
  assertGolden,
  type Collected,
  DENIED,
  jobOf,
  type SourceHarness,
  startSourceHarness,
} from './resource-sources-harness.js';

let harness: SourceHarness;
let clean: Collected;

before(async () => {
  harness = await startSourceHarness();
  await seedLambda({ endpoint: harness.endpoint });
  clean = await harness.collect('clean', ['lambda']);
});

after(async () => {
  await harness?.stop();
});

describe('lambda sources (moto)', () => {
  it('collects functions (policy, tags), alias policies and layer versions (policy): exactly the golden files', async () => {
    assert.equal(clean.result.exitCode, 0, JSON.stringify(clean.result.summary, null, 2));
    await assertGolden('lambda', 'collected', clean.files);
    assert.deepEqual(jobOf(clean.result, 'lambda', 'us-east-1', 'lambdaFunctions'), {
      status: 'collected',
      counts: { function: 3, alias: 1 },
    });
    assert.deepEqual(jobOf(clean.result, 'lambda', 'us-west-2', 'lambdaLayerVersions'), {
      status: 'collected',
      counts: { layerVersion: 2 },
    });
  });

  it('AccessDenied on a function policy keeps the stored policy and records the gap', async () => {
    harness.deny(
      (request) =>
        request.service === 'lambda' &&
        request.region === 'us-east-1' &&
        request.method === 'GET' &&
        request.path === '/2015-03-31/functions/orders-handler/policy' &&
        !request.query.has('Qualifier'),
    );
    try {
      const denied = await harness.collect('clean', ['lambda']);
      assert.equal(denied.result.exitCode, 0);
      assert.deepEqual(denied.files, clean.files);
      assert.deepEqual(jobOf(denied.result, 'lambda', 'us-east-1', 'lambdaFunctions'), {
        status: 'collected',
        counts: { function: 3, alias: 1 },
        issues: [
          {
            kind: 'denied',
            arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:orders-handler`,
            field: 'policy',
            message: DENIED,
          },
        ],
      });
    } finally {
      harness.deny(undefined);
    }
  });

  it('deletes a function, an alias, a layer version and a removed permission on the next run', async () => {
    const east = new lambda.LambdaClient(seedClientConfig({ endpoint: harness.endpoint }, 'us-east-1'));
    const west = new lambda.LambdaClient(seedClientConfig({ endpoint: harness.endpoint }, 'us-west-2'));
    await east.send(new lambda.DeleteFunctionCommand({ FunctionName: 'cron-job' }));
    await east.send(new lambda.DeleteAliasCommand({ FunctionName: 'orders-handler', Name: 'live' }));
    // moto keeps a function's and its aliases' permissions in one policy: removing both empties both.
    await west.send(new lambda.RemovePermissionCommand({ FunctionName: 'orders-handler', StatementId: 'AllowSns' }));
    await west.send(
      new lambda.RemovePermissionCommand({
        FunctionName: 'orders-handler',
        Qualifier: 'live',
        StatementId: 'AllowApiGateway',
      }),
    );
    await west.send(new lambda.DeleteLayerVersionCommand({ LayerName: 'shared-libs', VersionNumber: 2 }));
    east.destroy();
    west.destroy();
    const again = await harness.collect('clean', ['lambda']);
    assert.equal(again.result.exitCode, 0);
    const gone = (path: string) =>
      path.startsWith('lambda/us-east-1/function/cron-job/') ||
      path.startsWith('lambda/us-east-1/function/orders-handler%3alive/') ||
      path === 'lambda/us-west-2/function/orders-handler/policy.json' ||
      path === 'lambda/us-west-2/function/orders-handler%3alive/policy.json' ||
      path.startsWith('lambda/us-west-2/layer/shared-libs%3a2/');
    assert.equal(Object.keys(clean.files).filter(gone).length, 6);
    assert.deepEqual(again.files, Object.fromEntries(Object.entries(clean.files).filter(([path]) => !gone(path))));
  });
});
