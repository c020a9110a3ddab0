/**
 * cloudformation/stacks against moto (stacks, their tags and stack policies: moto 5.2 implements
 * CreateStack, DescribeStacks, Set/GetStackPolicy and DeleteStack): stacks with and without a stack
 * policy and tags in two regions, AccessDenied on one stack policy, a stack gone between its listing and its
 * policy read (AWS's ValidationError "does not exist", emulated) and any other ValidationError, deletion of a stack
 * on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  SetStackPolicyCommand,
} from '@aws-sdk/client-cloudformation';
import { type Emulator, errorResponse } from '../moto/proxy.js';
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
const root = `aws/aws/accounts/${ACCOUNT}/cloudformation`;
const template = JSON.stringify({
  Description: 'Web tier',
  Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } },
});
/** Updates may change anything but replace or delete the handle; the statements in stored (sorted) order. */
const stackPolicy = JSON.stringify({
  Statement: [
    { Effect: 'Allow', Action: 'Update:*', Principal: '*', Resource: '*' },
    {
      Effect: 'Deny',
      Action: ['Update:Delete', 'Update:Replace'],
      Principal: '*',
      Resource: 'LogicalResourceId/Handle',
    },
  ],
});

/** GetStackPolicy of the stack ARN in `validationError` answers AWS's ValidationError with its message. */
let validationError: { arn: string; message: string } | undefined;
const validationEmulator: Emulator = (request) =>
  validationError &&
  request.operation === 'cloudformation:GetStackPolicy' &&
  decodeURIComponent(request.body.toString()).includes(validationError.arn)
    ? errorResponse(request, 400, 'ValidationError', validationError.message)
    : undefined;
let h: ResourceHarness;
let first: Collected;
const clients = new Map<string, CloudFormationClient>();
const cloudformation = (region: string) => clients.get(region) as CloudFormationClient;
/** Stack ARN by `<region>/<name>`. */
const stackIds = new Map<string, string>();

before(async () => {
  h = await startResourceHarness({ emulators: [validationEmulator] });
  const create = async (region: string, name: string, tags: Record<string, string>) => {
    const created = await cloudformation(region).send(
      new CreateStackCommand({
        StackName: name,
        TemplateBody: template,
        Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
    stackIds.set(`${region}/${name}`, created.StackId as string);
  };
  for (const region of REGIONS) {
    clients.set(region, new CloudFormationClient({ ...h.clientConfig, region }));
    await create(region, 'web', { team: 'web', stage: 'prod' });
    await cloudformation(region).send(new SetStackPolicyCommand({ StackName: 'web', StackPolicyBody: stackPolicy }));
  }
  await create('us-east-1', 'scratch', {});
  // A stack deleted before any run: DescribeStacks leaves it out, and so does the collection.
  await create('us-east-1', 'gone', {});
  await cloudformation('us-east-1').send(new DeleteStackCommand({ StackName: 'gone' }));
});

after(async () => {
  for (const client of clients.values()) client.destroy();
  await h?.stop();
});

/** `cloudformation/<region>/stack/<name>%2f<uuid>`: the folder of a stack, from its ARN (folders are lower case). */
function stackFolder(region: string, name: string): string {
  const arn = stackIds.get(`${region}/${name}`) as string;
  return `cloudformation/${region}/stack/${encodeURIComponent(arn.slice(arn.indexOf(':stack/') + 7)).toLowerCase()}`;
}

describe('cloudformation source (moto)', () => {
  test('collects stacks in two regions: metadata, stack policies, tags; skips deleted stacks', async () => {
    first = await h.collect('run', ['cloudformation'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    const collected = (counts: Record<string, number>) => ({ status: 'collected', counts });
    assert.deepEqual(first.job('cloudformation', 'stacks', 'us-east-1'), collected({ stack: 2 }));
    assert.deepEqual(first.job('cloudformation', 'stacks', 'us-west-2'), collected({ stack: 1 }));
    await assertGoldenTree(first.tree, goldenFolder('cloudformation'));
    assert.deepEqual(
      JSON.parse(
        first.tree.get(`aws/aws/accounts/${ACCOUNT}/${stackFolder('us-east-1', 'web')}/policy.json`) ?? 'null',
      ),
      JSON.parse(stackPolicy),
    );
    assert.ok(![...first.tree.keys()].some((path) => path.startsWith(`${root}/us-east-1/stack/gone`)));
  });

  test('AccessDenied on one stack policy: the stack kept, its stored policy untouched, the gap recorded', async () => {
    const web = stackIds.get('us-east-1/web') as string;
    const allow = h.deny(
      (r) =>
        r.operation === 'cloudformation:GetStackPolicy' &&
        r.region === 'us-east-1' &&
        decodeURIComponent(r.body.toString()).includes(web),
    );
    const denied = await h.collect('run', ['cloudformation'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('cloudformation', 'stacks', 'us-east-1'), {
      status: 'collected',
      counts: { stack: 2 },
      issues: [
        {
          kind: 'denied',
          arn: web,
          field: 'policy',
          message: 'AccessDenied: User is not authorized to perform cloudformation:GetStackPolicy',
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a stack deleted between the listing and its policy read is kept without a policy; any other ValidationError fails the job and deletes nothing', async () => {
    const web = stackIds.get('us-east-1/web') as string;
    validationError = { arn: web, message: `Stack with id ${web} does not exist` };
    const vanished = await h.collect('run', ['cloudformation'], REGIONS);
    assert.equal(vanished.result.exitCode, 0, JSON.stringify(vanished.result.summary, null, 2));
    const expected = new Map(first.tree);
    assert.ok(expected.delete(`aws/aws/accounts/${ACCOUNT}/${stackFolder('us-east-1', 'web')}/policy.json`));
    assert.deepEqual(vanished.tree, expected);

    validationError = { arn: web, message: 'Template format error: unsupported structure.' };
    const failed = await h.collect('run', ['cloudformation'], REGIONS).finally(() => {
      validationError = undefined;
    });
    assert.equal(failed.result.exitCode, 1);
    assert.deepEqual(failed.job('cloudformation', 'stacks', 'us-east-1'), {
      status: 'failed',
      reason: 'ValidationError: Template format error: unsupported structure.',
    });
    assert.deepEqual(failed.job('cloudformation', 'stacks', 'us-west-2'), {
      status: 'collected',
      counts: { stack: 1 },
    });
    assert.deepEqual(failed.tree, expected);
  });

  test('a deleted stack (with its policy and tags) disappears on the next run', async () => {
    await cloudformation('us-west-2').send(new DeleteStackCommand({ StackName: 'web' }));
    const next = await h.collect('run', ['cloudformation'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, stackFolder('us-west-2', 'web'));
    assert.equal(first.tree.size - expected.size, 3);
    assert.deepEqual(next.tree, expected);
  });
});
