/**
 * bedrock/customModels and bedrock/guardrails against the recorded-response emulation of both in the
 * REST-JSON wire format (moto 5.2 has no guardrails, no resource policies, and custom models only out
 * of customization jobs with name-based ARNs; see bedrockEmulator): two regions, resources with and
 * without a policy and tags, AccessDenied on one policy of each type, deletion of a model and of a
 * guardrail's policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BedrockClient, DeleteResourcePolicyCommand, PutResourcePolicyCommand } from '@aws-sdk/client-bedrock';
import { BacklogState } from '../moto/backlog-emulators.js';
import { bedrockEmulator } from '../moto/cloudfront-bedrock-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
} from './resource-harness.js';

const REGIONS = ['us-east-1', 'us-west-2'];
const arnOf = (region: string, resource: string) => `arn:aws:bedrock:${region}:${ACCOUNT}:${resource}`;
const MODEL = 'custom-model/amazon.titan-text-express-v1:0:8k/a1b2c3d4e5f6';
const root = `aws/aws/accounts/${ACCOUNT}/bedrock`;
const sharePolicy = (resource: string, actions: string[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ShareWithAnalytics',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: actions,
        Resource: resource,
      },
    ],
  });

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;
const clients = new Map<string, BedrockClient>();

before(async () => {
  h = await startResourceHarness({ emulators: [bedrockEmulator(state)] });
  for (const region of REGIONS) {
    const client = new BedrockClient({ ...h.clientConfig, region });
    clients.set(region, client);
    const model = arnOf(region, MODEL);
    state.add(
      model,
      {
        modelName: 'support-bot',
        baseModelArn: `arn:aws:bedrock:${region}::foundation-model/amazon.titan-text-express-v1:0:8k`,
        customizationType: 'FINE_TUNING',
        modelStatus: 'Active',
      },
      { tags: { team: 'ml', stage: 'prod' } },
    );
    await client.send(
      new PutResourcePolicyCommand({
        resourceArn: model,
        resourcePolicy: sharePolicy(model, ['bedrock:GetCustomModel', 'bedrock:InvokeModel']),
      }),
    );
  }
  const guardrail = arnOf('us-east-1', 'guardrail/pii0filter');
  state.add(
    guardrail,
    { id: 'pii0filter', name: 'pii-filter', description: 'Blocks personal data', status: 'READY' },
    { tags: { team: 'security' } },
  );
  await (clients.get('us-east-1') as BedrockClient).send(
    new PutResourcePolicyCommand({
      resourceArn: guardrail,
      resourcePolicy: sharePolicy(guardrail, ['bedrock:ApplyGuardrail']),
    }),
  );
  state.add(arnOf('us-east-1', 'guardrail/scratch0'), { id: 'scratch0', name: 'scratch', status: 'CREATING' });
});

after(async () => {
  for (const client of clients.values()) client.destroy();
  await h?.stop();
});

describe('bedrock sources (recorded-response emulation of custom models, guardrails, resource policies and tags)', () => {
  test('collects custom models and guardrails in two regions: metadata, policies, tags', async () => {
    first = await h.collect('run', ['bedrock'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    const collected = (counts: Record<string, number>) => ({ status: 'collected', counts });
    assert.deepEqual(first.job('bedrock', 'customModels', 'us-east-1'), collected({ customModel: 1 }));
    assert.deepEqual(first.job('bedrock', 'customModels', 'us-west-2'), collected({ customModel: 1 }));
    assert.deepEqual(first.job('bedrock', 'guardrails', 'us-east-1'), collected({ guardrail: 2 }));
    assert.deepEqual(first.job('bedrock', 'guardrails', 'us-west-2'), collected({ guardrail: 0 }));
    await assertGoldenTree(first.tree, goldenFolder('bedrock'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/us-east-1/guardrail/pii0filter/policy.json`) ?? 'null'),
      JSON.parse(sharePolicy(arnOf('us-east-1', 'guardrail/pii0filter'), ['bedrock:ApplyGuardrail'])),
    );
  });

  test("AccessDenied on one custom model's and one guardrail's policy: both kept, stored policies untouched, gaps recorded", async () => {
    const allow = h.deny(
      (r) =>
        r.region === 'us-east-1' &&
        r.method === 'GET' &&
        r.path.startsWith('/resource-policy/') &&
        (r.path.includes('a1b2c3d4e5f6') || r.path.includes('pii0filter')),
    );
    const denied = await h.collect('run', ['bedrock'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    const issue = (arn: string) => ({
      kind: 'denied',
      arn,
      field: 'policy',
      message: `AccessDeniedException: User is not authorized to perform bedrock:GET /resource-policy/${encodeURIComponent(arn)}`,
    });
    assert.deepEqual(denied.job('bedrock', 'customModels', 'us-east-1'), {
      status: 'collected',
      counts: { customModel: 1 },
      issues: [issue(arnOf('us-east-1', MODEL))],
    });
    assert.deepEqual(denied.job('bedrock', 'guardrails', 'us-east-1'), {
      status: 'collected',
      counts: { guardrail: 2 },
      issues: [issue(arnOf('us-east-1', 'guardrail/pii0filter'))],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted custom model (with its policy and tags) and a removed guardrail policy disappear on the next run', async () => {
    state.remove(arnOf('us-west-2', MODEL));
    await (clients.get('us-east-1') as BedrockClient).send(
      new DeleteResourcePolicyCommand({ resourceArn: arnOf('us-east-1', 'guardrail/pii0filter') }),
    );
    const next = await h.collect('run', ['bedrock'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = new Map([...first.tree].filter(([path]) => !path.startsWith(`${root}/us-west-2/custom-model/`)));
    assert.equal(first.tree.size - expected.size, 3);
    assert.ok(expected.delete(`${root}/us-east-1/guardrail/pii0filter/policy.json`));
    assert.deepEqual(next.tree, expected);
  });
});
