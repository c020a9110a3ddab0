/**
 * rekognition/projects against the recorded-response emulation of Rekognition Custom Labels
 * (test/moto/dsql-rekognition-comprehend-emulators.ts): moto 5.2 has no projects. Projects with
 * several, one and no project policies in two regions (the policies paged 5 at a time), AccessDenied
 * on one project's policies, deletion of a project and of one policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DeleteProjectPolicyCommand, PutProjectPolicyCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { BacklogState } from '../moto/backlog-emulators.js';
import { rekognitionEmulator } from '../moto/dsql-rekognition-comprehend-emulators.js';
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
const projectArn = (region: string, name: string) =>
  `arn:aws:rekognition:${region}:${ACCOUNT}:project/${name}/1700000000000`;
const root = `aws/aws/accounts/${ACCOUNT}/rekognition`;
const copyPolicy = (project: string, account: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'rekognition:CopyProjectVersion',
        Resource: `${project.slice(0, project.lastIndexOf('/'))}/version/*`,
      },
    ],
  });
const attributes = { CreationTimestamp: 1700000000, Status: 'CREATED', Feature: 'CUSTOM_LABELS' };
// Six partner accounts: more than one page (5) of ListProjectPolicies.
const PARTNERS = ['111111111111', '222222222222', '333333333333', '444444444444', '555555555555', '666666666666'];

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;
const clients = new Map<string, RekognitionClient>();
const rekognition = (region: string) => clients.get(region) as RekognitionClient;

before(async () => {
  h = await startResourceHarness({ emulators: [rekognitionEmulator(state)] });
  for (const region of REGIONS) {
    clients.set(region, new RekognitionClient({ ...h.clientConfig, region }));
    state.add(projectArn(region, 'defects'), attributes);
  }
  state.add(projectArn('us-east-1', 'scratch'), attributes);
  const defects = projectArn('us-east-1', 'defects');
  for (const account of PARTNERS) {
    await rekognition('us-east-1').send(
      new PutProjectPolicyCommand({
        ProjectArn: defects,
        PolicyName: `partner-${account}`,
        PolicyDocument: copyPolicy(defects, account),
      }),
    );
  }
  const west = projectArn('us-west-2', 'defects');
  await rekognition('us-west-2').send(
    new PutProjectPolicyCommand({ ProjectArn: west, PolicyName: 'backup', PolicyDocument: copyPolicy(west, ACCOUNT) }),
  );
});

after(async () => {
  for (const client of clients.values()) client.destroy();
  await h?.stop();
});

describe('rekognition/projects (recorded-response emulation of DescribeProjects and the project policy calls)', () => {
  test('collects projects in two regions: metadata and every named policy, across pages', async () => {
    first = await h.collect('run', ['rekognition'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('rekognition', 'projects', 'us-east-1'), {
      status: 'collected',
      counts: { project: 2 },
    });
    assert.deepEqual(first.job('rekognition', 'projects', 'us-west-2'), {
      status: 'collected',
      counts: { project: 1 },
    });
    await assertGoldenTree(first.tree, goldenFolder('rekognition'));
    const stored = JSON.parse(
      first.tree.get(`${root}/us-east-1/project/defects%2f1700000000000/policies.json`) ?? '[]',
    ) as Array<{ PolicyName: string; PolicyDocument: unknown }>;
    assert.deepEqual(
      stored.map((p) => [p.PolicyName, p.PolicyDocument]),
      PARTNERS.map((account) => [
        `partner-${account}`,
        JSON.parse(copyPolicy(projectArn('us-east-1', 'defects'), account)),
      ]),
    );
  });

  test("AccessDenied on one project's policies: the project kept, its stored policies untouched, the gap recorded", async () => {
    const allow = h.deny(
      (r) =>
        r.region === 'us-east-1' &&
        r.operation === 'rekognition:ListProjectPolicies' &&
        r.body.toString().includes('project/defects/'),
    );
    const denied = await h.collect('run', ['rekognition'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('rekognition', 'projects', 'us-east-1'), {
      status: 'collected',
      counts: { project: 2 },
      issues: [
        {
          kind: 'denied',
          arn: projectArn('us-east-1', 'defects'),
          field: 'policies',
          message: 'AccessDeniedException: User is not authorized to perform rekognition:ListProjectPolicies',
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted project (with its policies) disappears and a removed policy leaves the file on the next run', async () => {
    state.remove(projectArn('us-west-2', 'defects'));
    const defects = projectArn('us-east-1', 'defects');
    for (const account of PARTNERS.slice(1)) {
      await rekognition('us-east-1').send(
        new DeleteProjectPolicyCommand({ ProjectArn: defects, PolicyName: `partner-${account}` }),
      );
    }
    const next = await h.collect('run', ['rekognition'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, 'rekognition/us-west-2/project/defects%2f1700000000000');
    assert.equal(first.tree.size - expected.size, 2);
    const policiesFile = `${root}/us-east-1/project/defects%2f1700000000000/policies.json`;
    const remaining = (JSON.parse(expected.get(policiesFile) ?? '[]') as unknown[]).slice(0, 1);
    expected.set(policiesFile, JSON.stringify(remaining, null, 2));
    assert.deepEqual(next.tree, expected);
  });
});
