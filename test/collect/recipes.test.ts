/**
 * The jq recipes of docs/collected-data.md, run exactly as written (every ```sh block marked
 * `<!-- recipe: <id> -->`) in a real collection, each answer asserted whole: moto (IAM, Organizations,
 * S3, EC2, RAM shares) behind the loopback proxy, with HTTP-level emulations for what moto lacks
 * (account:ListRegions, the organization resource policy, RAM ListResources/GetResourcePolicies, and
 * users' permissions boundaries, which moto drops), seeded by seedOrganization and seedRecipeScenario,
 * collected by the built CLI (`./bin/iamwright collect download`) as a child process.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { collectorProcessEnv, type Moto, startMoto } from '../moto/harness.js';
import { callerAccount, defaultEmulators, ramResourcesEmulator } from '../moto/emulators.js';
import { type Emulator, errorResponse, type FaultProxy, startProxy } from '../moto/proxy.js';
import {
  RECIPE_OUTSIDE_ACCOUNT,
  type RecipeScenario,
  type SeededOrganization,
  seedOrganization,
  seedRecipeScenario,
} from '../moto/seed.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const GUIDE = join(ROOT, 'docs/collected-data.md');

/** Every recipe the guide must have; each one's expected answer is below. */
const RECIPE_IDS = [
  'trust-outside-organization',
  'ram-shares-outside-organization',
  'managed-policies-granting-everything',
  'aws-managed-policies-in-use',
  'management-users-without-boundary',
  'passrole-on-any-role',
  'anonymous-bucket-policies',
  'not-collected-in-last-run',
];

/** The one call the collector is denied, so that the run summary has something not collected. */
const DENIED_MESSAGE = 'User is not authorized to perform iam:ListSAMLProviders';
const denySamlProviders: Emulator = (request) =>
  request.operation === 'iam:ListSAMLProviders'
    ? errorResponse(request, 403, 'AccessDenied', DENIED_MESSAGE)
    : undefined;

/** `<!-- recipe: id -->` followed by a ```sh block: id -> the block's text. */
function recipesOf(markdown: string): Map<string, string> {
  const recipes = new Map<string, string>();
  const pattern = /<!-- recipe: ([a-z0-9-]+) -->\s*\n```sh\n([\s\S]*?)\n```/g;
  for (const match of markdown.matchAll(pattern)) {
    const [, id = '', script = ''] = match;
    assert.ok(!recipes.has(id), `recipe ${id} appears twice in ${GUIDE}`);
    recipes.set(id, script);
  }
  return recipes;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program without blocking the event loop (the proxy answers the collector from this process). */
function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * IAM users' permissions boundaries (query protocol). moto 5.2 accepts `PermissionsBoundary` on
 * CreateUser but keeps it nowhere: GetUser and GetAccountAuthorizationDetails never return it. This
 * remembers the boundaries given to CreateUser and PutUserPermissionsBoundary (per caller account) and
 * adds them to the users of GetAccountAuthorizationDetails, in AWS's XML.
 */
function userBoundaryEmulator(): Emulator {
  const boundaries = new Map<string, string>();
  return async (request, context) => {
    if (request.service !== 'iam') return undefined;
    const form = new URLSearchParams(request.body.toString('utf8'));
    const operation = request.operation.slice('iam:'.length);
    if (operation === 'CreateUser' || operation === 'PutUserPermissionsBoundary') {
      const boundary = form.get('PermissionsBoundary');
      if (boundary) boundaries.set(`${await callerAccount(request, context)} ${form.get('UserName')}`, boundary);
      return undefined;
    }
    if (operation === 'DeleteUserPermissionsBoundary') {
      boundaries.delete(`${await callerAccount(request, context)} ${form.get('UserName')}`);
      return undefined;
    }
    if (operation !== 'GetAccountAuthorizationDetails') return undefined;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers))
      if (typeof value === 'string' && name !== 'connection') headers[name] = value;
    const response = await context.upstream({ method: request.method, path: request.url, headers, body: request.body });
    if (response.status !== 200) return undefined;
    const account = await callerAccount(request, context);
    const body = response.body.toString('utf8').replace(/<UserDetailList>[\s\S]*?<\/UserDetailList>/, (users) =>
      users.replace(/<UserName>([^<]*)<\/UserName>/g, (element, name: string) => {
        const arn = boundaries.get(`${account} ${name}`);
        if (!arn) return element;
        const boundary = `<PermissionsBoundaryType>PermissionsBoundaryPolicy</PermissionsBoundaryType><PermissionsBoundaryArn>${arn}</PermissionsBoundaryArn>`;
        return `${element}<PermissionsBoundary>${boundary}</PermissionsBoundary>`;
      }),
    );
    return { status: 200, headers: { 'content-type': 'text/xml' }, body };
  };
}

/** The recipes' answers in the seeded organization: one line per finding, tab-separated. */
function expectedAnswers(org: SeededOrganization, scenario: RecipeScenario): Record<string, string> {
  const m = org.managementAccount;
  const member = org.accounts.find((a) => !a.management)?.id as string;
  const lines = (rows: string[][]) => rows.map((row) => `${row.join('\t')}\n`).join('');
  return {
    'trust-outside-organization': lines([
      [`arn:aws:iam::${member}:role/too-trusting`, '*'],
      [`arn:aws:iam::${m}:role/partner-access`, `arn:aws:iam::${RECIPE_OUTSIDE_ACCOUNT}:root`],
      [`arn:aws:iam::${m}:role/too-trusting`, '*'],
    ]),
    'ram-shares-outside-organization': lines([[scenario.shares.partner, 'partner-network', RECIPE_OUTSIDE_ACCOUNT]]),
    'managed-policies-granting-everything': lines([
      [`arn:aws:iam::${m}:policy/AdminEverything`, `arn:aws:iam::${m}:role/break-glass`],
      ['arn:aws:iam::aws:policy/AdministratorAccess', `arn:aws:iam::${m}:role/break-glass`],
    ]),
    'aws-managed-policies-in-use': lines([
      ['arn:aws:iam::aws:policy/AdministratorAccess', `arn:aws:iam::${m}:role/break-glass`, 'attached'],
      ['arn:aws:iam::aws:policy/PowerUserAccess', `arn:aws:iam::${m}:user/contractor`, 'boundary'],
      ['arn:aws:iam::aws:policy/ReadOnlyAccess', `arn:aws:iam::${member}:user/bob`, 'attached'],
      ['arn:aws:iam::aws:policy/ReadOnlyAccess', `arn:aws:iam::${m}:user/bob`, 'attached'],
      ['arn:aws:iam::aws:policy/SecurityAudit', `arn:aws:iam::${member}:role/cross-account-audit`, 'attached'],
      ['arn:aws:iam::aws:policy/SecurityAudit', `arn:aws:iam::${m}:role/cross-account-audit`, 'attached'],
    ]),
    'management-users-without-boundary': lines([[`arn:aws:iam::${m}:user/bob`]]),
    'passrole-on-any-role': lines([
      [`arn:aws:iam::${m}:group/Operators`, `arn:aws:iam::${m}:policy/PassAnyRole`],
      [`arn:aws:iam::${m}:role/break-glass`, `arn:aws:iam::${m}:policy/AdminEverything`],
      [`arn:aws:iam::${m}:role/break-glass`, 'arn:aws:iam::aws:policy/AdministratorAccess'],
      [`arn:aws:iam::${m}:role/deployer`, 'inline:pass-any-role'],
    ]),
    'anonymous-bucket-policies': lines([[m, scenario.buckets.public, 'PublicRead', 's3:GetObject']]),
    'not-collected-in-last-run': lines(
      [member, m]
        .sort()
        .map((account) => [account, 'iam', 'global', 'samlProviders', 'denied', `AccessDenied: ${DENIED_MESSAGE}`]),
    ),
  };
}

const recipes = recipesOf(readFileSync(GUIDE, 'utf8'));
let moto: Moto | undefined;
let proxy: FaultProxy | undefined;
let work = '';
let data = '';
let answers: Record<string, string> = {};
let decoys: { m: string; member: string; scenario: RecipeScenario };

before(async () => {
  const jq = await run('jq', ['--version']).catch((error: NodeJS.ErrnoException) => ({
    code: null,
    stdout: '',
    stderr: error.code ?? String(error),
  }));
  assert.equal(
    jq.code,
    0,
    `jq runs the recipes of docs/collected-data.md but is not installed (${jq.stderr.trim()}): ` +
      'install it (Debian/Ubuntu: sudo apt-get install jq; macOS: brew install jq; https://jqlang.org/download/)',
  );
  moto = await startMoto();
  proxy = await startProxy({
    upstream: moto.endpoint,
    emulators: [denySamlProviders, ...defaultEmulators(), ramResourcesEmulator(), userBoundaryEmulator()],
  });
  await moto.seedRandom(5);
  const org = await seedOrganization(proxy.endpoint, { memberAccounts: 1, regions: ['us-east-1'] });
  const scenario = await seedRecipeScenario(proxy.endpoint, org);
  answers = expectedAnswers(org, scenario);
  decoys = { m: org.managementAccount, member: org.accounts.find((a) => !a.management)?.id as string, scenario };

  work = await mkdtemp(join(tmpdir(), 'iamwright-recipes-'));
  data = join(work, 'iam-data');
  const config = join(work, 'iamwright.jsonc');
  await writeFile(
    config,
    JSON.stringify({
      storage: { type: 'file', path: data },
      accounts: 'organization',
      regions: { included: ['us-east-1'] },
      services: { included: ['iam', 'organizations', 's3', 'ram'] },
      auth: { role: { pathAndName: `/${org.memberRoleName}` } },
      endpoint: proxy.endpoint,
      serviceConfigs: { s3control: { endpoint: `http://s3control.localhost:${proxy.port}` } },
    }),
  );
  const collected = await run(join(ROOT, 'bin/iamwright'), ['collect', 'download', '-c', config], {
    cwd: work,
    env: collectorProcessEnv(proxy.endpoint),
  });
  assert.equal(collected.code, 0, `collect download failed:\n${collected.stderr}`);
});

after(async () => {
  await proxy?.stop();
  await moto?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("docs/collected-data.md recipes, run with jq in a collection of moto (+ HTTP emulations of RAM ListResources, account:ListRegions, users' boundaries)", () => {
  test('the guide has exactly the recipes this test checks', () => {
    assert.deepEqual([...recipes.keys()].sort(), [...RECIPE_IDS].sort());
  });

  test('the decoys are in the collection, so each recipe is shown to leave them out', async () => {
    const read = (path: string) => JSON.parse(readFileSync(join(data, 'aws/aws/accounts', path), 'utf8')) as unknown;
    const { m, member } = decoys;
    assert.deepEqual(read(`${m}/iam/policy/unusedadmin/current-policy.json`), {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['*'], Resource: '*' }],
    });
    assert.deepEqual(read(`${m}/iam/role/scoped-deployer/inline-policies.json`), [
      {
        PolicyName: 'pass-app-roles',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: `arn:aws:iam::${m}:role/app/*` }],
        },
      },
    ]);
    const boundaryOf = (path: string) => (read(path) as { permissionBoundary?: string }).permissionBoundary;
    assert.equal(
      boundaryOf(`${m}/iam/user/people%2falice/metadata.json`),
      `arn:aws:iam::${m}:policy/DeveloperBoundary`,
    );
    assert.equal(boundaryOf(`${m}/iam/user/contractor/metadata.json`), 'arn:aws:iam::aws:policy/PowerUserAccess');
    assert.equal(boundaryOf(`${member}/iam/user/bob/metadata.json`), undefined);
    for (const bucket of [decoys.scenario.buckets.orgOnly, decoys.scenario.buckets.private])
      assert.equal((read(`${m}/s3/${bucket}/policy.json`) as { Statement: unknown[] }).Statement.length, 1);
    const share = decoys.scenario.shares.organization.split('/').pop();
    assert.deepEqual(read(`${m}/ram/us-east-1/resource-share/${share}/principals.json`), [
      { principal: member, external: false },
    ]);
  });

  for (const id of RECIPE_IDS) {
    test(`recipe ${id}: finds exactly the seeded answers and none of the decoys`, async () => {
      const script = recipes.get(id);
      assert.ok(script, `docs/collected-data.md has no recipe ${id}`);
      const result = await run('bash', ['-o', 'pipefail', '-c', script], { cwd: data });
      assert.equal(result.stderr, '');
      assert.equal(result.code, 0);
      assert.equal(result.stdout, answers[id]);
    });
  }
});
