/**
 * codeartifact/domains and codeartifact/repositories against the HTTP emulation (moto 5.2 has no
 * CodeArtifact): permissions policies and tags, deletion on the next run, AccessDenied on one policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState, codeartifactEmulator } from '../moto/backlog-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const prefix = `arn:aws:codeartifact:us-east-1:${ACCOUNT}:`;
const root = `aws/aws/accounts/${ACCOUNT}/codeartifact/us-east-1`;
const readPolicy = (arn: string, actions: string[]) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: '*',
      Action: actions,
      Resource: arn,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-example' } },
    },
  ],
});

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [codeartifactEmulator(state)] });
  const domain = (name: string) => ({
    name,
    owner: ACCOUNT,
    status: 'Active',
    encryptionKey: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${name}-key`,
  });
  const repository = (domainName: string, name: string) => ({
    name,
    domainName,
    domainOwner: ACCOUNT,
    administratorAccount: ACCOUNT,
  });
  state.add(`${prefix}domain/shared`, domain('shared'), {
    policy: readPolicy(`${prefix}domain/shared`, ['codeartifact:GetAuthorizationToken']),
    tags: { team: 'platform' },
  });
  state.add(`${prefix}domain/sandbox`, domain('sandbox'));
  state.add(`${prefix}repository/shared/npm-internal`, repository('shared', 'npm-internal'), {
    policy: readPolicy(`${prefix}repository/shared/npm-internal`, ['codeartifact:ReadFromRepository']),
    tags: { ecosystem: 'npm', team: 'web' },
  });
  state.add(`${prefix}repository/shared/pypi-mirror`, repository('shared', 'pypi-mirror'));
});

after(async () => {
  await h?.stop();
});

describe('codeartifact sources (HTTP emulation)', () => {
  test('collects domains and repositories: metadata, permissions policies, tags', async () => {
    first = await h.collect('run', ['codeartifact']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('codeartifact', 'domains'), { status: 'collected', counts: { domain: 2 } });
    assert.deepEqual(first.job('codeartifact', 'repositories'), { status: 'collected', counts: { repository: 2 } });
    await assertGoldenTree(first.tree, goldenFolder('codeartifact'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/repository/shared%2fnpm-internal/policy.json`) ?? 'null'),
      readPolicy(`${prefix}repository/shared/npm-internal`, ['codeartifact:ReadFromRepository']),
    );
  });

  test("AccessDenied on one repository's policy: the repository is kept, its stored policy untouched, the gap recorded", async () => {
    const allow = h.deny(
      (r) => r.path === '/v1/repository/permissions/policy' && r.query.get('repository') === 'npm-internal',
    );
    const denied = await h.collect('run', ['codeartifact']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('codeartifact', 'repositories'), {
      status: 'collected',
      counts: { repository: 2 },
      issues: [
        {
          kind: 'denied',
          arn: `${prefix}repository/shared/npm-internal`,
          field: 'policy',
          message:
            'AccessDeniedException: User is not authorized to perform codeartifact:GET /v1/repository/permissions/policy',
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted domain and repository, a removed policy and removed tags disappear on the next run', async () => {
    state.remove(`${prefix}domain/sandbox`);
    state.remove(`${prefix}repository/shared/pypi-mirror`);
    state.policies.delete(`${prefix}domain/shared`);
    state.tags.set(`${prefix}repository/shared/npm-internal`, { ecosystem: 'npm' });
    const next = await h.collect('run', ['codeartifact']);
    assert.equal(next.result.exitCode, 0);
    const expected = without(
      first.tree,
      'codeartifact/us-east-1/domain/sandbox',
      'codeartifact/us-east-1/repository/shared%2fpypi-mirror',
    );
    expected.delete(`${root}/domain/shared/policy.json`);
    expected.set(`${root}/repository/shared%2fnpm-internal/tags.json`, JSON.stringify({ ecosystem: 'npm' }, null, 2));
    assert.deepEqual(next.tree, expected);
  });
});
