import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetDataset, updateDataset } from '../../src/data/update.js';
import { activeUpdatedDataset } from '../../src/data/cache-dir.js';
import { directoryDataset } from '../../src/data/directory-dataset.js';
import { hintsFromService } from '../../src/data/compile/service-reference.js';

const SR = 'test/fixtures/data/service-reference';
const work = mkdtempSync(join(tmpdir(), 'iamwright-update-'));
const hintSource = directoryDataset('test/fixtures/data/iam-data-compiled');
const fast = { attempts: 3, timeoutMs: 1000, backoffMs: 5 };

type Handler = (req: IncomingMessage, res: ServerResponse, hit: number) => void;
/** Per-path overrides of the recorded files; `hits` counts requests per path. */
let overrides = new Map<string, Handler>();
let hits = new Map<string, number>();
let server: Server;
let base: string;

function recorded(path: string): string | undefined {
  if (path === '/') return readFileSync(join(SR, 'index.json'), 'utf8');
  const match = /^\/v1\/([a-z0-9-]+)\/\1\.json$/.exec(path);
  const file = match && join(SR, 'v1', match[1]!, `${match[1]}.json`);
  return file && existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    const override = overrides.get(path);
    if (override) return override(req, res, hit);
    const body = recorded(path);
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(body ?? '{"message": "not found"}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
after(async () => {
  await new Promise((done) => server.close(done));
  rmSync(work, { recursive: true, force: true });
});

let cache: string;
let runs = 0;
beforeEach(() => {
  overrides = new Map();
  hits = new Map();
  cache = join(work, `cache-${++runs}`);
});

function update(onProgress?: (done: number, total: number) => void) {
  return updateDataset({
    baseUrl: base,
    cacheDir: cache,
    hintsFor: (prefix) => {
      const service = hintSource.describedService(prefix);
      return service && hintsFromService(service);
    },
    fetchPolicy: fast,
    now: new Date('2026-11-20T10:11:12Z'),
    ...(onProgress && { onProgress }),
  });
}

const expectedService = (prefix: string) =>
  JSON.parse(readFileSync(`test/fixtures/data/service-reference-expected/${prefix}.json`, 'utf8')).service;

/** Updates once successfully, so that failures can be checked to keep it. */
async function updatedOnce(): Promise<string> {
  const { location } = await update();
  return location;
}

function assertStillActive(previous: string) {
  assert.equal(activeUpdatedDataset(cache), previous);
  assert.deepEqual(readdirSync(join(cache, 'data')).sort(), ['active.json', previous.split('/').pop()!]);
}

describe('data update', () => {
  it('downloads, compiles and activates the Service Reference', async () => {
    const progress: string[] = [];
    const result = await update((done, total) => progress.push(`${done}/${total}`));
    assert.match(result.location, /\/data\/dataset-20261120T101112Z-[0-9a-f]{6}$/);
    assert.deepEqual(result.provenance, { source: 'aws-service-reference', date: '2026-11-20', version: 'v1.4' });
    assert.deepEqual(result.counts, { services: 2, actions: 11, resourceTypes: 3, conditionKeys: 10 });
    assert.deepEqual(progress, ['0/2', '1/2', '2/2']);
    assert.equal(activeUpdatedDataset(cache), result.location);
    const dataset = directoryDataset(result.location);
    assert.deepEqual(dataset.describedService('s3'), expectedService('s3'));
    assert.deepEqual(dataset.describedService('sqs'), expectedService('sqs'));
    assert.deepEqual([...hits.keys()].sort(), ['/', '/v1/s3/s3.json', '/v1/sqs/sqs.json']);
  });

  it('replaces the previous updated dataset and removes it', async () => {
    const first = await updatedOnce();
    const second = await updatedOnce();
    assert.notEqual(first, second);
    assertStillActive(second);
  });

  it('retries 5xx answers, dropped connections and timeouts', async () => {
    overrides.set('/v1/s3/s3.json', (_req, res, hit) => {
      if (hit === 1) return void res.writeHead(503).end();
      if (hit === 2) return void res.socket?.destroy();
      res.end(recorded('/v1/s3/s3.json'));
    });
    overrides.set('/v1/sqs/sqs.json', (_req, res, hit) => {
      if (hit === 1) return; // never answers: the attempt times out
      res.end(recorded('/v1/sqs/sqs.json'));
    });
    const result = await updateDataset({
      baseUrl: base,
      cacheDir: cache,
      hintsFor: () => undefined,
      fetchPolicy: { ...fast, timeoutMs: 200 },
    });
    assert.equal(result.counts.actions, 11);
    assert.equal(hits.get('/v1/s3/s3.json'), 3);
    assert.equal(hits.get('/v1/sqs/sqs.json'), 2);
  });

  const failures: [string, string, Handler, string][] = [
    [
      'a service failing with 500 every time',
      '/v1/sqs/sqs.json',
      (_q, res) => res.writeHead(500).end(),
      'HTTP 500 (gave up after 3 attempts)',
    ],
    ['a missing service file', '/v1/sqs/sqs.json', (_q, res) => res.writeHead(404).end(), 'HTTP 404'],
    [
      'a truncated service file',
      '/v1/sqs/sqs.json',
      (_q, res) => res.end(recorded('/v1/sqs/sqs.json')!.slice(0, 500)),
      'malformed JSON (unexpected end of input; truncated?)',
    ],
    [
      'a service file of the wrong shape',
      '/v1/sqs/sqs.json',
      (_q, res) =>
        res.end(
          readFileSync('test/fixtures/data/service-reference-bad/unknown-property.json', 'utf8').replace(
            '"s3"',
            '"sqs"',
          ),
        ),
      '$.Actions[0].Annotations.Properties: unexpected key "IsRead"',
    ],
    [
      'a service file of another service',
      '/v1/sqs/sqs.json',
      (_q, res) => res.end(recorded('/v1/s3/s3.json')),
      '$.Name: expected "sqs", found "s3"',
    ],
    [
      'an index that is not a list',
      '/',
      (_q, res) => res.end('{"s3": "v1/s3/s3.json"}'),
      '$: expected the service index (an array)',
    ],
    [
      'an index naming an unsafe service',
      '/',
      (_q, res) => res.end('[{"service": "../etc", "url": "x"}]'),
      '$[0].service: expected a service prefix, found "../etc"',
    ],
  ];
  for (const [what, path, handler, problem] of failures) {
    it(`fails on ${what}, keeping the previous dataset`, async () => {
      const previous = await updatedOnce();
      overrides.set(path, handler);
      await assert.rejects(update(), { name: 'DataError', message: `${new URL(path, base).href}: ${problem}` });
      assertStillActive(previous);
    });
  }

  it('writes nothing when the first update fails', async () => {
    overrides.set('/v1/s3/s3.json', (_q, res) => res.writeHead(500).end());
    await assert.rejects(update(), { name: 'DataError' });
    assert.equal(existsSync(cache), false);
  });

  it('rejects a base URL that is not http(s)', async () => {
    await assert.rejects(updateDataset({ baseUrl: 'ftp://example.com/', cacheDir: cache, hintsFor: () => undefined }), {
      name: 'UsageError',
      message: '--base-url: not an http(s) URL: ftp://example.com/',
    });
  });
});

describe('data reset', () => {
  it('removes the updated dataset, and says whether there was one', async () => {
    await updatedOnce();
    assert.equal(await resetDataset(cache), true);
    assert.equal(activeUpdatedDataset(cache), undefined);
    assert.equal(existsSync(join(cache, 'data')), false);
    assert.equal(await resetDataset(cache), false);
  });
});
