/**
 * serverlessrepo/applications against the HTTP emulation (moto 5.2 has no Serverless Application
 * Repository): application policies (public and organization shares), deletion on the next run,
 * AccessDenied on one application's policy. SAR has no tags.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState, serverlessrepoEmulator } from '../moto/backlog-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const arnOf = (name: string) => `arn:aws:serverlessrepo:us-east-1:${ACCOUNT}:applications/${name}`;
const root = `aws/aws/accounts/${ACCOUNT}/serverlessrepo/us-east-1/applications`;
/** As sent on the wire (camelCase); the SDK and the stored file use PascalCase. */
const publicStatements = [{ statementId: 'public', actions: ['Deploy'], principals: ['*'] }];
const orgStatements = [
  { statementId: 'org', actions: ['Deploy', 'GetApplication'], principals: ['*'], principalOrgIDs: ['o-example'] },
];

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [serverlessrepoEmulator(state)] });
  state.add(arnOf('log-shipper'), { name: 'log-shipper', author: 'platform' }, { policy: publicStatements });
  state.add(arnOf('internal-tools'), { name: 'internal-tools', author: 'platform' }, { policy: orgStatements });
  state.add(arnOf('draft'), { name: 'draft', author: 'jane' });
});

after(async () => {
  await h?.stop();
});

describe('serverlessrepo/applications (HTTP emulation)', () => {
  test('collects every application: metadata and application policy', async () => {
    first = await h.collect('run', ['serverlessrepo']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('serverlessrepo', 'applications'), {
      status: 'collected',
      counts: { application: 3 },
    });
    await assertGoldenTree(first.tree, goldenFolder('serverlessrepo'));
    assert.deepEqual(JSON.parse(first.tree.get(`${root}/log-shipper/application-policy.json`) ?? 'null'), {
      Statements: [{ Actions: ['Deploy'], Principals: ['*'], StatementId: 'public' }],
    });
  });

  test("AccessDenied on one application's policy: the application is kept, its stored policy untouched, the gap recorded", async () => {
    const path = `/applications/${encodeURIComponent(arnOf('internal-tools'))}/policy`;
    const allow = h.deny((r) => r.path === path);
    const denied = await h.collect('run', ['serverlessrepo']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('serverlessrepo', 'applications').issues, [
      {
        kind: 'denied',
        arn: arnOf('internal-tools'),
        field: 'application-policy',
        message: `AccessDeniedException: User is not authorized to perform serverlessrepo:GET ${path}`,
      },
    ]);
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted application and a removed policy disappear on the next run', async () => {
    state.remove(arnOf('draft'));
    state.policies.delete(arnOf('log-shipper'));
    const next = await h.collect('run', ['serverlessrepo']);
    assert.equal(next.result.exitCode, 0);
    const expected = without(first.tree, 'serverlessrepo/us-east-1/applications/draft');
    expected.delete(`${root}/log-shipper/application-policy.json`);
    assert.deepEqual(next.tree, expected);
  });
});
