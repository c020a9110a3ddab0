/**
 * sagemaker/modelPackageGroups against moto (groups, tags), with the HTTP emulation of what moto 5.2
 * lacks (test/moto/firewall-sagemaker-emulators.ts): Put/Get/DeleteModelPackageGroupPolicy, whose
 * "no policy" answer is AWS's ValidationException "Cannot find resource policy ...", and
 * DeleteModelPackageGroup; and sagemaker/lineageGroups against the HTTP emulation alone (moto has no
 * lineage groups). Groups with and without a policy and tags in two regions, AccessDenied on one
 * policy of each type, deletion of groups and of a policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateModelPackageGroupCommand,
  DeleteModelPackageGroupCommand,
  DeleteModelPackageGroupPolicyCommand,
  PutModelPackageGroupPolicyCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { BacklogState } from '../moto/backlog-emulators.js';
import { sagemakerEmulator } from '../moto/firewall-sagemaker-emulators.js';
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
const arnOf = (region: string, resource: string) => `arn:aws:sagemaker:${region}:${ACCOUNT}:${resource}`;
const root = `aws/aws/accounts/${ACCOUNT}/sagemaker`;
const sharePolicy = (resources: string[], actions: string[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ShareWithAnalytics',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: actions,
        Resource: resources,
      },
    ],
  });
const registryPolicy = (region: string, name: string) =>
  sharePolicy(
    [arnOf(region, `model-package-group/${name}`), arnOf(region, `model-package/${name}/*`)],
    ['sagemaker:DescribeModelPackage', 'sagemaker:DescribeModelPackageGroup', 'sagemaker:ListModelPackages'],
  );

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;
const clients = new Map<string, SageMakerClient>();
const sagemaker = (region: string) => clients.get(region) as SageMakerClient;

before(async () => {
  h = await startResourceHarness({ emulators: [sagemakerEmulator(state)] });
  for (const region of REGIONS) {
    clients.set(region, new SageMakerClient({ ...h.clientConfig, region }));
    await sagemaker(region).send(
      new CreateModelPackageGroupCommand({
        ModelPackageGroupName: 'churn',
        ModelPackageGroupDescription: 'Churn prediction models',
        Tags: [
          { Key: 'team', Value: 'ml' },
          { Key: 'stage', Value: 'prod' },
        ],
      }),
    );
    await sagemaker(region).send(
      new PutModelPackageGroupPolicyCommand({
        ModelPackageGroupName: 'churn',
        ResourcePolicy: registryPolicy(region, 'churn'),
      }),
    );
  }
  await sagemaker('us-east-1').send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: 'fraud' }));
  const lineage = arnOf('us-east-1', 'lineage-group/training-pipeline');
  state.add(
    lineage,
    { LineageGroupName: 'training-pipeline', DisplayName: 'Training pipeline lineage' },
    { policy: sharePolicy([lineage], ['sagemaker:DescribeLineageGroup', 'sagemaker:QueryLineage']) },
  );
  state.add(arnOf('us-east-1', 'lineage-group/scratch'), { LineageGroupName: 'scratch' });
});

after(async () => {
  for (const client of clients.values()) client.destroy();
  await h?.stop();
});

describe('sagemaker sources (model package groups: moto + HTTP emulation of the policy calls and DeleteModelPackageGroup; lineage groups: HTTP emulation)', () => {
  test('collects model package groups and lineage groups in two regions: metadata, policies, tags', async () => {
    first = await h.collect('run', ['sagemaker'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    const collected = (counts: Record<string, number>) => ({ status: 'collected', counts });
    assert.deepEqual(first.job('sagemaker', 'modelPackageGroups', 'us-east-1'), collected({ modelPackageGroup: 2 }));
    assert.deepEqual(first.job('sagemaker', 'modelPackageGroups', 'us-west-2'), collected({ modelPackageGroup: 1 }));
    assert.deepEqual(first.job('sagemaker', 'lineageGroups', 'us-east-1'), collected({ lineageGroup: 2 }));
    assert.deepEqual(first.job('sagemaker', 'lineageGroups', 'us-west-2'), collected({ lineageGroup: 0 }));
    await assertGoldenTree(first.tree, goldenFolder('sagemaker'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/us-east-1/model-package-group/churn/policy.json`) ?? 'null'),
      JSON.parse(registryPolicy('us-east-1', 'churn')),
    );
  });

  test("AccessDenied on one model package group's policy and one lineage group's policy: both kept, stored policies untouched, gaps recorded", async () => {
    const allow = h.deny(
      (r) =>
        r.region === 'us-east-1' &&
        ((r.operation === 'sagemaker:GetModelPackageGroupPolicy' && r.body.toString().includes('"churn"')) ||
          (r.operation === 'sagemaker:GetLineageGroupPolicy' && r.body.toString().includes('training-pipeline'))),
    );
    const denied = await h.collect('run', ['sagemaker'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    const issue = (arn: string, action: string) => ({
      kind: 'denied',
      arn,
      field: 'policy',
      message: `AccessDeniedException: User is not authorized to perform sagemaker:${action}`,
    });
    assert.deepEqual(denied.job('sagemaker', 'modelPackageGroups', 'us-east-1'), {
      status: 'collected',
      counts: { modelPackageGroup: 2 },
      issues: [issue(arnOf('us-east-1', 'model-package-group/churn'), 'GetModelPackageGroupPolicy')],
    });
    assert.deepEqual(denied.job('sagemaker', 'lineageGroups', 'us-east-1'), {
      status: 'collected',
      counts: { lineageGroup: 2 },
      issues: [issue(arnOf('us-east-1', 'lineage-group/training-pipeline'), 'GetLineageGroupPolicy')],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted model package group (with its policy and tags), a removed group policy and a deleted lineage group disappear on the next run', async () => {
    await sagemaker('us-west-2').send(new DeleteModelPackageGroupCommand({ ModelPackageGroupName: 'churn' }));
    await sagemaker('us-east-1').send(new DeleteModelPackageGroupPolicyCommand({ ModelPackageGroupName: 'churn' }));
    state.remove(arnOf('us-east-1', 'lineage-group/training-pipeline'));
    const next = await h.collect('run', ['sagemaker'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(
      first.tree,
      'sagemaker/us-west-2/model-package-group/churn',
      'sagemaker/us-east-1/lineage-group/training-pipeline',
    );
    assert.equal(first.tree.size - expected.size, 5);
    assert.ok(expected.delete(`${root}/us-east-1/model-package-group/churn/policy.json`));
    assert.deepEqual(next.tree, expected);
  });
});
