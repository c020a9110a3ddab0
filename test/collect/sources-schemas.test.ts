/**
 * schemas/registries against the HTTP emulation (moto 5.2 has no EventBridge Schemas): registry
 * policies and tags, deletion on the next run, AccessDenied on one registry's policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState, schemasEmulator } from '../moto/backlog-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const arnOf = (name: string) => `arn:aws:schemas:us-east-1:${ACCOUNT}:registry/${name}`;
const root = `aws/aws/accounts/${ACCOUNT}/schemas/us-east-1/registry`;
const crossAccount = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowReadWrite',
      Effect: 'Allow',
      Principal: { AWS: '111122223333' },
      Action: ['schemas:DescribeSchema', 'schemas:UpdateSchema'],
      Resource: [arnOf('orders'), `arn:aws:schemas:us-east-1:${ACCOUNT}:schema/orders/*`],
    },
  ],
};

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [schemasEmulator(state)] });
  state.add(arnOf('orders'), { RegistryName: 'orders' }, { policy: crossAccount, tags: { team: 'orders' } });
  state.add(arnOf('discovered-schemas'), { RegistryName: 'discovered-schemas' });
});

after(async () => {
  await h?.stop();
});

describe('schemas/registries (HTTP emulation)', () => {
  test('collects every registry: metadata, resource policy, tags', async () => {
    first = await h.collect('run', ['schemas']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('schemas', 'registries'), { status: 'collected', counts: { registry: 2 } });
    await assertGoldenTree(first.tree, goldenFolder('schemas'));
    assert.deepEqual(JSON.parse(first.tree.get(`${root}/orders/policy.json`) ?? 'null'), crossAccount);
  });

  test("AccessDenied on one registry's policy: the registry is kept, its stored policy untouched, the gap recorded", async () => {
    const allow = h.deny((r) => r.path === '/v1/policy' && r.query.get('registryName') === 'orders');
    const denied = await h.collect('run', ['schemas']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('schemas', 'registries'), {
      status: 'collected',
      counts: { registry: 2 },
      issues: [
        {
          kind: 'denied',
          arn: arnOf('orders'),
          field: 'policy',
          message: 'AccessDeniedException: User is not authorized to perform schemas:GET /v1/policy',
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted registry, a removed policy and removed tags disappear on the next run', async () => {
    state.remove(arnOf('discovered-schemas'));
    state.policies.delete(arnOf('orders'));
    state.tags.delete(arnOf('orders'));
    const next = await h.collect('run', ['schemas']);
    assert.equal(next.result.exitCode, 0);
    const expected = without(first.tree, 'schemas/us-east-1/registry/discovered-schemas');
    expected.delete(`${root}/orders/policy.json`);
    expected.delete(`${root}/orders/tags.json`);
    assert.deepEqual(next.tree, expected);
  });
});
