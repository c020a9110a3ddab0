/**
 * codebuild/projects against moto with the HTTP emulation of GetResourcePolicy (moto 5.2 answers 500),
 * and codebuild/reportGroups against the HTTP emulation alone (moto has no report groups): policies,
 * tags, deletion on the next run, AccessDenied on one resource's policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CodeBuildClient, CreateProjectCommand, DeleteProjectCommand } from '@aws-sdk/client-codebuild';
import { BacklogState, codebuildEmulator } from '../moto/backlog-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const arnOf = (kind: string, name: string) => `arn:aws:codebuild:us-east-1:${ACCOUNT}:${kind}/${name}`;
const root = `aws/aws/accounts/${ACCOUNT}/codebuild/us-east-1`;
const sharePolicy = (arn: string, actions: string[]) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ShareWithTools',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: actions,
      Resource: arn,
    },
  ],
});

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;
let codebuild: CodeBuildClient;

before(async () => {
  h = await startResourceHarness({ emulators: [codebuildEmulator(state)] });
  codebuild = new CodeBuildClient(h.clientConfig);
  for (const [name, tags] of [
    ['app-build', [{ key: 'team', value: 'ci' }]],
    ['nightly', undefined],
  ] as const) {
    await codebuild.send(
      new CreateProjectCommand({
        name,
        source: { type: 'S3', location: `sources-${ACCOUNT}/${name}.zip` },
        artifacts: { type: 'NO_ARTIFACTS' },
        environment: {
          type: 'LINUX_CONTAINER',
          image: 'aws/codebuild/standard:7.0',
          computeType: 'BUILD_GENERAL1_SMALL',
        },
        serviceRole: `arn:aws:iam::${ACCOUNT}:role/codebuild-${name}`,
        ...(tags ? { tags: [...tags] } : {}),
      }),
    );
  }
  state.setPolicy(
    arnOf('project', 'app-build'),
    sharePolicy(arnOf('project', 'app-build'), ['codebuild:BatchGetProjects', 'codebuild:BatchGetBuilds']),
  );
  state.add(
    arnOf('report-group', 'app-tests'),
    {
      name: 'app-tests',
      type: 'TEST',
      status: 'ACTIVE',
      exportConfig: {
        exportConfigType: 'S3',
        s3Destination: { bucket: `reports-${ACCOUNT}`, encryptionKey: 'alias/reports' },
      },
    },
    {
      policy: sharePolicy(arnOf('report-group', 'app-tests'), [
        'codebuild:BatchGetReportGroups',
        'codebuild:ListReportsForReportGroup',
      ]),
      tags: { team: 'qa', stage: 'prod' },
    },
  );
  state.add(arnOf('report-group', 'coverage'), {
    name: 'coverage',
    type: 'CODE_COVERAGE',
    status: 'ACTIVE',
    exportConfig: { exportConfigType: 'NO_EXPORT' },
  });
});

after(async () => {
  codebuild?.destroy();
  await h?.stop();
});

describe('codebuild sources (projects: moto + HTTP emulation of GetResourcePolicy; report groups: HTTP emulation)', () => {
  test('collects projects and report groups: metadata, resource policies, tags', async () => {
    first = await h.collect('run', ['codebuild']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('codebuild', 'projects'), { status: 'collected', counts: { project: 2 } });
    assert.deepEqual(first.job('codebuild', 'reportGroups'), { status: 'collected', counts: { reportGroup: 2 } });
    await assertGoldenTree(first.tree, goldenFolder('codebuild'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/report-group/app-tests/policy.json`) ?? 'null'),
      JSON.parse(state.policies.get(arnOf('report-group', 'app-tests')) ?? ''),
    );
  });

  test("AccessDenied on one project's policy and one report group's policy: both kept, stored policies untouched, gaps recorded", async () => {
    const allow = h.deny(
      (r) =>
        r.operation === 'codebuild:GetResourcePolicy' &&
        [arnOf('project', 'app-build'), arnOf('report-group', 'app-tests')].some((arn) =>
          r.body.toString().includes(arn),
        ),
    );
    const denied = await h.collect('run', ['codebuild']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    const issue = (kind: string, name: string) => ({
      kind: 'denied',
      arn: arnOf(kind, name),
      field: 'policy',
      message: 'AccessDeniedException: User is not authorized to perform codebuild:GetResourcePolicy',
    });
    assert.deepEqual(denied.job('codebuild', 'projects').issues, [issue('project', 'app-build')]);
    assert.deepEqual(denied.job('codebuild', 'reportGroups').issues, [issue('report-group', 'app-tests')]);
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted project, a deleted report group, a removed policy and removed tags disappear on the next run', async () => {
    await codebuild.send(new DeleteProjectCommand({ name: 'nightly' }));
    state.remove(arnOf('report-group', 'coverage'));
    state.policies.delete(arnOf('report-group', 'app-tests'));
    state.tags.delete(arnOf('report-group', 'app-tests'));
    const next = await h.collect('run', ['codebuild']);
    assert.equal(next.result.exitCode, 0);
    const expected = without(
      first.tree,
      'codebuild/us-east-1/project/nightly',
      'codebuild/us-east-1/report-group/coverage',
    );
    expected.delete(`${root}/report-group/app-tests/policy.json`);
    expected.delete(`${root}/report-group/app-tests/tags.json`);
    assert.deepEqual(next.tree, expected);
  });
});
