/**
 * End to end: the real collector (real SDK clients, real HTTP) against moto_server, through the
 * loopback proxy that injects faults and emulates what moto lacks. One moto, one seeded organization
 * (management + 3 members, OUs, SCPs, RCPs, IAM principals with every kind of policy), many runs.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AccountClient } from '@aws-sdk/client-account';
import { CreateRoleCommand, DeleteRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { listEnabledRegions } from '../../src/collect/run/regions.js';
import { rebuildIndexes } from '../../src/collect/index-command.js';
import { INDEXERS } from '../../src/collect/indexes/registry.js';
import { createStore } from '../../src/storage/create-store.js';
import { dummyAwsEnv, type Moto, startMoto } from '../moto/harness.js';
import { defaultEmulators } from '../moto/emulators.js';
import { errorResponse, type FaultProxy, startProxy } from '../moto/proxy.js';
import { type SeededOrganization, seedOrganization } from '../moto/seed.js';
import {
  collectInProcess,
  countFiles,
  normalise,
  readTree,
  runCli,
  runCliInTerminal,
  writeGolden,
} from './e2e-helpers.js';

const GOLDEN = new URL('../fixtures/collect/e2e/tree', import.meta.url).pathname;

let moto: Moto;
let proxy: FaultProxy;
let org: SeededOrganization;
let work: string;
let savedEnv: NodeJS.ProcessEnv;
/** Operations the proxy answers with AccessDenied, for the denial test. */
const denied = new Set<string>();

/**
 * The config every run uses: endpoints come from the config file itself (iam-collect ignores them).
 * One top-level IP endpoint serves every client, S3 Control included, although S3 Control puts the
 * account id in front of the host (`<id>.127.0.0.1` is no URL): the collector keeps the IP.
 */
function config(data: string, extra: Record<string, unknown> = {}) {
  return {
    storage: { type: 'file', path: data },
    accounts: 'organization',
    regions: { included: org.regions },
    // The services of issue 4; the resource-policy services have their own tests.
    services: { included: ['iam', 'organizations', 's3'] },
    auth: { role: { pathAndName: `/${org.memberRoleName}` } },
    endpoint: proxy.endpoint,
    ...extra,
  };
}

function normalisedTree(tree: Map<string, string>): Map<string, string> {
  return new Map([...tree].map(([path, text]) => [path, normalise(text)]));
}

async function goldenTree(): Promise<Map<string, string>> {
  return readTree(GOLDEN, () => false);
}

function assertSameTree(actual: Map<string, string>, expected: Map<string, string>): void {
  assert.deepEqual([...actual.keys()], [...expected.keys()]);
  for (const [path, text] of expected) assert.equal(actual.get(path), text, path);
}

before(async () => {
  savedEnv = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, dummyAwsEnv());
  moto = await startMoto();
  proxy = await startProxy({
    upstream: moto.endpoint,
    emulators: [
      (request) =>
        denied.has(request.operation)
          ? errorResponse(request, 403, 'AccessDenied', `not authorized to perform ${request.operation}`)
          : undefined,
      ...defaultEmulators(),
    ],
  });
  await moto.seedRandom(4);
  org = await seedOrganization(proxy.endpoint, { memberAccounts: 3 });
  work = await mkdtemp(join(tmpdir(), 'iamwright-collect-e2e-'));
});

after(async () => {
  await proxy?.stop();
  await moto?.stop();
  if (work) await rm(work, { recursive: true, force: true });
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});

describe('collect download against moto', () => {
  let cleanTree: Map<string, string>;
  let cleanMs: number;

  it('collects the organization into a folder: exactly the golden tree (org resource policy and ListRegions emulated by the proxy; S3 Control through the IP endpoint)', async () => {
    const data = join(work, 'clean');
    const started = Date.now();
    const result = await collectInProcess(join(work, 'clean-config'), config(data));
    cleanMs = Date.now() - started;
    assert.equal(result.exitCode, 0, JSON.stringify(result.summary, null, 2));
    cleanTree = await readTree(data);
    const normalised = normalisedTree(cleanTree);
    if (process.env.UPDATE_GOLDEN) await writeGolden(GOLDEN, normalised);
    assertSameTree(normalised, await goldenTree());

    const totals = result.summary.totals as Record<string, unknown>;
    const members = org.accounts.filter((a) => !a.management).length;
    assert.equal(totals.assumeRole, members, 'one AssumeRole per member account, none for the management account');
    const jobs = totals.jobs as Record<string, number>;
    // Checked by kind, not by total: later sources add jobs (with nothing to collect in this scenario).
    assert.deepEqual({ ...jobs, collected: 0 }, { collected: 0, denied: 0, failed: 0, skipped: 0 });
    assert.ok((jobs.collected ?? 0) >= 24);
    assert.match(result.summaryKey, /^runs\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\/summary\.json$/);
  });

  it('a second run over the same accounts is byte-identical; --write-only never deletes, a normal run removes stale data', async () => {
    const data = join(work, 'clean');
    const stale = join(data, 'aws/aws/accounts', org.managementAccount, 'iam/role/deleted-role');
    await mkdir(stale, { recursive: true });
    await writeFile(join(stale, 'metadata.json'), '{}');
    const writeOnly = await collectInProcess(join(work, 'clean-config'), config(data), { writeOnly: true });
    assert.equal(writeOnly.exitCode, 0);
    assert.ok(
      (await readTree(data)).has(`aws/aws/accounts/${org.managementAccount}/iam/role/deleted-role/metadata.json`),
    );

    const again = await collectInProcess(join(work, 'clean-config'), config(data));
    assert.equal(again.exitCode, 0);
    assertSameTree(await readTree(data), cleanTree);
  });

  it('collect index rebuilds the same indexes from stored data alone', async () => {
    const data = join(work, 'clean');
    await rm(join(data, 'aws/aws/indexes'), { recursive: true });
    const written = await rebuildIndexes({
      configFiles: [join(work, 'clean-config', 'iamwright.jsonc')],
      partition: 'aws',
    });
    assert.deepEqual(
      [...written],
      INDEXERS.map((indexer) => indexer.name),
    );
    // Without filters every index is rebuilt, also those of services the download did not collect: empty here.
    const uncollected = INDEXERS.filter((indexer) => !config('').services.included.includes(indexer.service)).map(
      (indexer) => `aws/aws/indexes/${indexer.name}.json`,
    );
    const tree = await readTree(data);
    for (const key of uncollected) {
      assert.ok(tree.has(key), key);
      assert.ok(!/arn:/.test(tree.get(key) ?? ''), `${key}: ${tree.get(key)}`);
      tree.delete(key);
      // The next tests compare this folder with the clean tree again.
      await rm(join(data, key));
    }
    assertSameTree(tree, cleanTree);
  });

  it("collects into S3 (moto's S3, a bucket of an account outside the organization, reached with storage.auth): the same keys and bytes as the folder", async () => {
    // The bucket lives outside the collected accounts, so collecting S3 does not see it.
    const storageRole = 'arn:aws:iam::999999999999:role/storage-writer';
    const sts = new STSClient({ endpoint: proxy.endpoint, region: 'us-east-1' });
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: storageRole, RoleSessionName: 'test' }));
    sts.destroy();
    const credentials = {
      accessKeyId: assumed.Credentials?.AccessKeyId ?? '',
      secretAccessKey: assumed.Credentials?.SecretAccessKey ?? '',
      sessionToken: assumed.Credentials?.SessionToken ?? '',
    };
    const s3 = new S3Client({ endpoint: proxy.endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
    await s3.send(new CreateBucketCommand({ Bucket: 'collected' }));
    s3.destroy();
    const location = { bucket: 'collected', prefix: 'org/', region: 'us-east-1', endpoint: proxy.endpoint };
    const storage = { type: 's3', ...location, auth: { initialRole: { arn: storageRole } } };
    const result = await collectInProcess(join(work, 's3-config'), config('', { storage }));
    assert.equal(result.exitCode, 0);
    const store = await createStore({ type: 's3', ...location }, { credentials });
    const tree = new Map<string, string>();
    for (const key of await store.listRecursive('aws')) tree.set(key, (await store.read(key)) ?? '');
    await store.close();
    assertSameTree(tree, new Map([...cleanTree].filter(([path]) => path.startsWith('aws/'))));
  });

  it('accounts "organization" with an OU filter collects only the ACTIVE accounts under that OU', async () => {
    const data = join(work, 'ou-filter');
    const accounts = { organization: { ous: { included: [org.ous.Workloads] } } };
    const result = await collectInProcess(join(work, 'ou-config'), config(data, { accounts }), { services: ['iam'] });
    assert.equal(result.exitCode, 0);
    const expected = org.accounts
      .filter((a) => a.ou === 'Prod' || a.ou === 'Dev')
      .map((a) => a.id)
      .sort();
    assert.deepEqual(await readdir(join(data, 'aws/aws/accounts')), expected);
  });

  it('lists the enabled regions with account:ListRegions (emulated by the proxy)', async () => {
    const client = new AccountClient({ endpoint: proxy.endpoint, region: 'us-east-1' });
    assert.deepEqual(await listEnabledRegions(client), ['us-east-1', 'us-west-2']);
    client.destroy();
  });

  it('AccessDenied on one service (and on one field) is recorded, the rest is collected, stored data stays', async () => {
    const data = join(work, 'clean');
    denied.add('iam:ListSAMLProviders');
    denied.add('iam:GetOpenIDConnectProvider');
    try {
      const result = await collectInProcess(join(work, 'clean-config'), config(data));
      assert.equal(result.exitCode, 0);
      // Nothing was deleted: the denied providers keep what the clean run stored.
      assertSameTree(await readTree(data), cleanTree);
      const accounts = result.summary.accounts as Record<
        string,
        { status: string; services: Record<string, Record<string, Record<string, Record<string, unknown>>>> }
      >;
      for (const account of org.accounts) {
        const entry = accounts[account.id];
        assert.equal(entry?.status, 'partial');
        const iam = entry?.services.iam?.global;
        assert.deepEqual(iam?.samlProviders, {
          status: 'denied',
          reason: 'AccessDenied: not authorized to perform iam:ListSAMLProviders',
        });
        assert.deepEqual(iam?.oidcProviders, {
          status: 'collected',
          counts: { oidcProvider: 1 },
          issues: [
            {
              kind: 'denied',
              arn: `arn:aws:iam::${account.id}:oidc-provider/token.actions.githubusercontent.com`,
              field: 'metadata',
              message: 'AccessDenied: not authorized to perform iam:GetOpenIDConnectProvider',
            },
          ],
        });
      }
      const jobs = (result.summary.totals as { jobs: Record<string, number> }).jobs;
      assert.deepEqual({ denied: jobs.denied, failed: jobs.failed }, { denied: 4, failed: 0 });
    } finally {
      denied.clear();
    }
  });

  for (const [rate, factor] of [
    [0.2, 2],
    [0.4, 4],
  ] as const) {
    it(`with ${rate * 100}% of requests faulted (throttling, 429, 503, reset): exit 0, byte-identical, at most ${factor}x the clean time`, async () => {
      const data = join(work, `faults-${rate}`);
      proxy.setFaultRate(rate);
      const started = Date.now();
      try {
        const result = await collectInProcess(join(work, `faults-${rate}-config`), config(data));
        assert.equal(result.exitCode, 0, JSON.stringify(result.summary.totals));
      } finally {
        proxy.setFaultRate(0);
      }
      const elapsed = Date.now() - started;
      assertSameTree(await readTree(data), cleanTree);
      // A small tree on a shared 2-core machine: allow 2 s of noise (bench/collect.mjs measures it at scale).
      assert.ok(elapsed <= factor * cleanMs + 2_000, `${elapsed} ms vs clean ${cleanMs} ms`);
    });
  }

  it("iam-collect's IAM_COLLECT_* variables configure a run (config files, accounts, services, no index); a flag wins over its variable", async () => {
    const dir = join(work, 'env');
    const data = join(dir, 'data');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'iamwright.jsonc'), JSON.stringify(config(data)));
    const env = {
      ...process.env,
      IAM_COLLECT_CONFIG_FILES: join(dir, 'iamwright.jsonc'),
      IAM_COLLECT_ACCOUNTS: org.managementAccount,
      IAM_COLLECT_SERVICES: 'iam organizations',
      IAM_COLLECT_NO_INDEX: 'true',
      IAM_COLLECT_CONCURRENCY: '4',
    };
    const run = await runCli(['collect', 'download', '--services', 'iam'], env);
    assert.equal(run.code, 0, run.stderr);
    const prefix = `aws/aws/accounts/${org.managementAccount}/iam/`;
    const expected = [...cleanTree.keys()].filter((path) => path.startsWith(prefix)).sort();
    const tree = await readTree(data);
    assert.deepEqual([...tree.keys()].sort(), expected);
    for (const path of expected) assert.equal(tree.get(path), cleanTree.get(path), path);

    const bad = await runCli(['collect', 'download'], { ...env, IAM_COLLECT_CONCURRENCY: 'eight' });
    assert.deepEqual(
      [bad.code, bad.stdout, bad.stderr],
      [2, '', 'iamwright: IAM_COLLECT_CONCURRENCY: expected a positive integer, got "eight"\n'],
    );
  });

  it('kill -9 mid-run, then a rerun converges to exactly the tree of an uninterrupted run', async () => {
    const dir = join(work, 'crash');
    const data = join(dir, 'data');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'iamwright.jsonc'), JSON.stringify(config(data)));
    const env = { ...process.env };
    // Faults stretch the run so the kill lands in the middle of it.
    proxy.setFaultRate(0.3);
    let killedWith = 0;
    try {
      const run = await runCli(['collect', 'download', '-c', join(dir, 'iamwright.jsonc')], env, (kill) => {
        const poll = async () => {
          const files = await countFiles(data);
          if (files >= 40) {
            killedWith = files;
            kill();
          } else setTimeout(poll, 10);
        };
        void poll();
      });
      assert.equal(run.signal, 'SIGKILL', `the run ended before the kill: ${run.stderr}`);
    } finally {
      proxy.setFaultRate(0);
    }
    assert.ok(killedWith > 0 && killedWith < cleanTree.size, `killed with ${killedWith} files`);
    const rerun = await runCli(['collect', 'download', '-c', join(dir, 'iamwright.jsonc')], env);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.deepEqual({ stdout: rerun.stdout, stderr: rerun.stderr }, { stdout: '', stderr: '' }, 'quiet in pipes');
    assertSameTree(await readTree(data, (p) => p.startsWith('runs/') || p.startsWith('.iamwright-tmp')), cleanTree);
  });

  it('on a terminal: a live status line (accounts, jobs done and left, API calls, retries, errors), cleared before the final line', async () => {
    const dir = join(work, 'tty');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'iamwright.jsonc'), JSON.stringify(config(join(dir, 'data'))));
    const run = await runCliInTerminal(['collect', 'download', '-c', join(dir, 'iamwright.jsonc')], process.env);
    assert.equal(run.code, 0, run.output);
    const output = run.output.replace(/\r\n/g, '\n');
    const redraw = '\r\x1b[2K';
    assert.ok(output.startsWith(redraw), JSON.stringify(output.slice(0, 80)));
    const parts = output.slice(redraw.length).split(redraw);
    const final = parts.pop() ?? '';
    const accounts = org.accounts.length;
    assert.match(
      final,
      new RegExp(
        `^iamwright: collected ${accounts} accounts, \\d+ jobs collected, 0 denied, 0 failed, 0 skipped into ${dir}/data; summary runs/[\\dTZ-]+/summary\\.json\n$`,
      ),
    );
    assert.ok(parts.length >= 1, 'at least one status line was drawn');
    const status =
      /^collect: accounts (\d+)\/(\d+) · jobs (\d+) done, (\d+) left · API calls (\d+) \((\d+) retried\) · 0 errors$/;
    let previous = { done: -1, calls: -1 };
    for (const line of parts) {
      const match = status.exec(line);
      assert.ok(match, JSON.stringify(line));
      const [started, total, done, left, calls] = match.slice(1, 6).map(Number) as [
        number,
        number,
        number,
        number,
        number,
      ];
      assert.ok(total === accounts && started <= total, line);
      assert.ok(done >= previous.done && calls >= previous.calls, `${line} after ${JSON.stringify(previous)}`);
      assert.equal(done + left, Number(/ (\d+) jobs collected/.exec(final)?.[1]), line);
      previous = { done, calls };
    }
  });

  it('--log-format json: every stderr line is a JSON object (one per finished job, then the final message); nothing on stdout', async () => {
    const dir = join(work, 'json-log');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'iamwright.jsonc'), JSON.stringify(config(join(dir, 'data'))));
    const run = await runCli(
      ['collect', 'download', '-c', join(dir, 'iamwright.jsonc'), '--log-format', 'json'],
      process.env,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.ok(run.stderr.endsWith('\n'));
    const lines = run.stderr
      .slice(0, -1)
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const final = lines.pop() ?? {};
    const summary = JSON.parse(await readFile(join(dir, 'data', String(final.summary)), 'utf8')) as {
      totals: { jobs: Record<string, number> };
    };
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    assert.deepEqual(Object.keys(final).sort(), ['exitCode', 'level', 'message', 'summary', 'time']);
    assert.match(String(final.time), iso);
    assert.deepEqual(
      { level: final.level, exitCode: final.exitCode, summary: final.summary },
      { level: 'info', exitCode: 0, summary: final.summary },
    );
    assert.match(String(final.message), new RegExp(`^collected ${org.accounts.length} accounts, \\d+ jobs collected`));
    assert.match(String(final.summary), /^runs\/[\dTZ-]+\/summary\.json$/);
    assert.equal(lines.length, summary.totals.jobs.collected, 'one line per job');
    const required = ['account', 'durationMs', 'event', 'level', 'region', 'service', 'status', 'sync', 'time'];
    const optional = ['counts', 'issues', 'note', 'reason'];
    for (const line of lines) {
      const keys = Object.keys(line);
      assert.deepEqual(
        {
          missing: required.filter((k) => !keys.includes(k)),
          unknown: keys.filter((k) => !required.includes(k) && !optional.includes(k)),
        },
        { missing: [], unknown: [] },
        JSON.stringify(line),
      );
      assert.match(String(line.time), iso);
      assert.deepEqual(
        { event: line.event, level: line.level, status: line.status },
        { event: 'job', level: 'info', status: 'collected' },
      );
      assert.ok(
        org.accounts.some((a) => a.id === line.account) && typeof line.durationMs === 'number',
        JSON.stringify(line),
      );
    }
  });

  it('a resource name containing ../ cannot escape the storage root', async () => {
    const iam = new IAMClient({ endpoint: proxy.endpoint, region: 'us-east-1' });
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    await iam.send(new CreateRoleCommand({ RoleName: 'escape', Path: '/../../../', AssumeRolePolicyDocument: trust }));
    await iam.send(new CreateRoleCommand({ RoleName: '..', AssumeRolePolicyDocument: trust }));
    try {
      const parent = join(work, 'traversal');
      const data = join(parent, 'data');
      const result = await collectInProcess(join(parent, 'config'), config(data), {
        services: ['iam'],
        accounts: [org.managementAccount],
      });
      assert.equal(result.exitCode, 0);
      assert.deepEqual(await readdir(parent), ['config', 'data']);
      assert.deepEqual(await readdir(data), ['aws', 'runs']);
      const roles = await readdir(join(data, 'aws/aws/accounts', org.managementAccount, 'iam/role'));
      assert.ok(roles.includes('..%2f..%2f..%2fescape'), roles.join(' '));
      assert.ok(!roles.includes('..'));
      const job = (
        result.summary.accounts as Record<
          string,
          { services: { iam: { global: { authorizationDetails: { issues: unknown[] } } } } }
        >
      )[org.managementAccount]?.services.iam.global.authorizationDetails;
      assert.deepEqual(job?.issues, [
        {
          kind: 'skipped',
          arn: `arn:aws:iam::${org.managementAccount}:role/..`,
          message: `not stored: unsafe storage key "aws/aws/accounts/${org.managementAccount}/iam/role/..": ".." segment`,
        },
      ]);
    } finally {
      await iam.send(new DeleteRoleCommand({ RoleName: 'escape' }));
      await iam.send(new DeleteRoleCommand({ RoleName: '..' }));
      iam.destroy();
    }
  });
});
