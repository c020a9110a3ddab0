/**
 * `iamwright collect services`: the source registry as rows, a table and JSON, checked against the
 * live registry (whatever sources it holds) and a few rows written out literally; and the guide to the
 * collected data names every file kind and index the sources write.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  renderServicesJson,
  renderServicesTable,
  type ServiceRow,
  serviceRows,
} from '../../src/collect/commands/services.js';
import { INDEXERS } from '../../src/collect/indexes/registry.js';
import { SOURCES } from '../../src/collect/sources/registry.js';

const ROOT = new URL('../..', import.meta.url).pathname;

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const nowhere = join(tmpdir(), 'iamwright-no-aws-config');
  const env = {
    PATH: process.env.PATH,
    HOME: tmpdir(),
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_CONFIG_FILE: join(nowhere, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(nowhere, 'credentials'),
  };
  return new Promise((resolve) => {
    execFile(join(ROOT, 'bin/iamwright'), args, { env, cwd: tmpdir() }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const AUTHORIZATION_DETAILS: ServiceRow = {
  service: 'iam',
  source: 'iam/authorizationDetails',
  scope: 'global',
  description:
    'IAM users, groups and roles (trust, inline and managed policies, boundaries, group membership, tags) and managed policies with their default version',
  apiCalls: ['iam:GetAccountAuthorizationDetails', 'iam:ListPolicyTags'],
};
const OIDC_PROVIDERS: ServiceRow = {
  service: 'iam',
  source: 'iam/oidcProviders',
  scope: 'global',
  description: 'IAM OIDC identity providers: URL, audiences (client ids), thumbprints, tags',
  apiCalls: ['iam:GetOpenIDConnectProvider', 'iam:ListOpenIDConnectProviders'],
};
const ACCOUNT_BPA: ServiceRow = {
  service: 's3',
  source: 's3/accountBpa',
  scope: 'global',
  description: 'S3 account-level Block Public Access settings',
  apiCalls: ['s3:GetAccountPublicAccessBlock'],
};

describe('collect services', () => {
  const rows = serviceRows(SOURCES);

  test('one row per source of the registry, sorted by service then source, calls sorted', () => {
    const expected = SOURCES.map((source) => ({
      service: source.service,
      source: source.name,
      scope: source.scope,
      description: source.description,
      apiCalls: [...source.apiCalls].sort(),
    })).sort((a, b) => (`${a.service} ${a.source}` < `${b.service} ${b.source}` ? -1 : 1));
    assert.deepEqual(rows, expected);
    assert.equal(new Set(rows.map((row) => row.source)).size, SOURCES.length, 'source names are unique');
    for (const row of rows) {
      assert.ok(row.source.startsWith(`${row.service}/`), `${row.source} is named <service>/<sync>`);
      assert.ok(row.apiCalls.length > 0, `${row.source} declares the calls it makes`);
    }
  });

  test('rows of the IAM and S3 account sources, literally', () => {
    const bySource = new Map(rows.map((row) => [row.source, row]));
    assert.deepEqual(bySource.get('iam/authorizationDetails'), AUTHORIZATION_DETAILS);
    assert.deepEqual(bySource.get('iam/oidcProviders'), OIDC_PROVIDERS);
    assert.deepEqual(bySource.get('s3/accountBpa'), ACCOUNT_BPA);
  });

  test('the table: aligned columns, one API call per line', () => {
    assert.equal(
      renderServicesTable([AUTHORIZATION_DETAILS, OIDC_PROVIDERS, ACCOUNT_BPA]),
      [
        'SERVICE  SOURCE                    SCOPE   API CALLS',
        'iam      iam/authorizationDetails  global  iam:GetAccountAuthorizationDetails',
        '                                           iam:ListPolicyTags',
        'iam      iam/oidcProviders         global  iam:GetOpenIDConnectProvider',
        '                                           iam:ListOpenIDConnectProviders',
        's3       s3/accountBpa             global  s3:GetAccountPublicAccessBlock',
        '',
      ].join('\n'),
    );
  });

  test('the CLI prints the live registry: JSON with --json, else the table', async () => {
    const json = await cli(['collect', 'services', '--json']);
    assert.equal(json.stderr, '');
    assert.equal(json.code, 0);
    assert.equal(json.stdout, renderServicesJson(rows));
    assert.deepEqual(JSON.parse(json.stdout), rows);
    const table = await cli(['collect', 'services']);
    assert.equal(table.code, 0);
    assert.equal(table.stdout, renderServicesTable(rows));
  });
});

describe('docs/collected-data.md', () => {
  const guide = readFileSync(join(ROOT, 'docs/collected-data.md'), 'utf8');

  test('describes every file a source writes in a resource folder', () => {
    const files = [...new Set(SOURCES.flatMap((source) => source.stores.flatMap((store) => store.files)))].sort();
    const missing = files.filter((file) => !guide.includes(`\`${file}.json\``));
    assert.deepEqual(missing, []);
  });

  test('describes every index this version writes', () => {
    const missing = INDEXERS.map((indexer) => `${indexer.name}.json`).filter((file) => !guide.includes(`\`${file}\``));
    assert.deepEqual(missing, []);
  });
});
