/**
 * One behaviour suite, run against both stores: LocalStore on a temp folder and S3Store on moto's
 * S3 (real SDK, real HTTP). Then what only one of them has: atomic local writes that survive
 * `kill -9`, and the S3 prefix, batching and error messages.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { buildIndexes, INDEX_WRITE_ATTEMPTS } from '../../src/collect/indexes/registry.js';
import { createStore } from '../../src/storage/create-store.js';
import { UnsafeKeyError } from '../../src/storage/layout.js';
import { LocalStore, sweepStaleTemps } from '../../src/storage/local-store.js';
import type { Store } from '../../src/storage/store.js';
import { writeJson } from '../../src/storage/write-json.js';
import { AwsAccessError, DataError } from '../../src/util/errors.js';
import { dummyAwsEnv, type Moto, startMoto } from '../moto/harness.js';

Object.assign(process.env, dummyAwsEnv());

let moto: Moto;
let s3: S3Client;
let tempRoot: string;
let bucketCounter = 0;

before(async () => {
  tempRoot = await mkdtemp(join(tmpdir(), 'iamwright-store-'));
  moto = await startMoto({ awsManagedPolicies: false });
  s3 = new S3Client({ endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true });
});

after(async () => {
  s3?.destroy();
  await moto?.stop();
  await rm(tempRoot, { recursive: true, force: true });
});

interface StoreKind {
  name: string;
  make(): Promise<Store>;
  /** Another store on the same folder or bucket: a second writer. */
  again(store: Store): Promise<Store>;
}

const kinds: StoreKind[] = [
  {
    name: 'LocalStore',
    make: async () => new LocalStore(await mkdtemp(join(tempRoot, 'local-'))),
    again: async (store) => new LocalStore(store.location),
  },
  {
    name: 'S3Store',
    make: async () => {
      const bucket = `store-test-${++bucketCounter}`;
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      return s3Store(bucket);
    },
    again: async (store) => s3Store(new URL(store.location).hostname),
  },
];

const ROLE = 'aws/aws/accounts/123456789012/iam/role/service-role%2fapp-role';

function s3Store(bucket: string): Promise<Store> {
  return createStore({ type: 's3', bucket, prefix: 'data/iam', region: 'us-east-1', endpoint: moto.endpoint });
}

/** One stored role per account, trusting a principal named after the account. */
async function storeTrustingRoles(store: Store, accounts: string[]): Promise<void> {
  for (const account of accounts) {
    const folder = `aws/aws/accounts/${account}/iam/role/reader`;
    await writeJson(store, `${folder}/metadata.json`, { arn: `arn:aws:iam::${account}:role/reader` });
    await writeJson(store, `${folder}/trust-policy.json`, {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::9999${account.slice(4)}:root` }, Action: 'sts:AssumeRole' },
      ],
    });
  }
}

const TRUST_INDEX = 'aws/aws/indexes/principals-to-trust-policies.json';

/** The trust index entry of one account as `storeTrustingRoles` makes it. */
function trustEntry(account: string): Record<string, unknown> {
  return { principal: { [`arn:aws:iam::9999${account.slice(4)}:root`]: [`arn:aws:iam::${account}:role/reader`] } };
}

/** A store whose conditional writes run `before` first (once per call), to force a lost race. */
function racing(store: Store, before: (attempt: number) => Promise<void>): Store & { attempts: number } {
  const wrapper = Object.create(store) as Store & { attempts: number };
  wrapper.attempts = 0;
  wrapper.writeIfVersion = async (key, text, version) => {
    await before(++wrapper.attempts);
    return store.writeIfVersion(key, text, version);
  };
  return wrapper;
}

for (const kind of kinds) {
  describe(`${kind.name}`, () => {
    it('writes, overwrites and reads whole texts; absent keys read as undefined', async () => {
      const store = await kind.make();
      await store.write(`${ROLE}/metadata.json`, '{\n  "a": 1\n}');
      await store.write(`${ROLE}/metadata.json`, '{\n  "a": 2\n}');
      await store.write('runs/2026-01-01T00-00-00-000Z/summary.json', 'ünïcode ✓');
      assert.deepEqual(
        [
          await store.read(`${ROLE}/metadata.json`),
          await store.read('runs/2026-01-01T00-00-00-000Z/summary.json'),
          await store.read(`${ROLE}/absent.json`),
          await store.read('nowhere/at/all.json'),
        ],
        ['{\n  "a": 2\n}', 'ünïcode ✓', undefined, undefined],
      );
      await store.close();
    });

    it('lists children (folders end with /) and whole subtrees as full keys, sorted', async () => {
      const store = await kind.make();
      for (const key of ['a/b/2.json', 'a/b/1.json', 'a/b/c/3.json', 'a/bc/4.json', 'a/top.json', 'z.json']) {
        await store.write(key, key);
      }
      assert.deepEqual(
        {
          root: await store.list(''),
          a: await store.list('a'),
          aSlash: await store.list('a/'),
          b: await store.list('a/b'),
          absent: await store.list('a/nothing'),
          all: await store.listRecursive(''),
          underB: await store.listRecursive('a/b'),
          absentTree: await store.listRecursive('q'),
        },
        {
          root: ['a/', 'z.json'],
          a: ['b/', 'bc/', 'top.json'],
          aSlash: ['b/', 'bc/', 'top.json'],
          b: ['1.json', '2.json', 'c/'],
          absent: [],
          all: ['a/b/1.json', 'a/b/2.json', 'a/b/c/3.json', 'a/bc/4.json', 'a/top.json', 'z.json'],
          underB: ['a/b/1.json', 'a/b/2.json', 'a/b/c/3.json'],
          absentTree: [],
        },
      );
      await store.close();
    });

    it('deletes keys and folder prefixes; emptied folders disappear; absent is fine', async () => {
      const store = await kind.make();
      for (const key of ['a/b/1.json', 'a/b/c/2.json', 'a/bc/3.json', 'x/y/z/4.json', 'x/5.json']) {
        await store.write(key, key);
      }
      await store.deletePrefix('a/b');
      await store.delete('x/y/z/4.json');
      await store.delete('x/y/z/absent.json');
      await store.deletePrefix('never/there');
      assert.deepEqual(
        { all: await store.listRecursive(''), root: await store.list(''), x: await store.list('x') },
        { all: ['a/bc/3.json', 'x/5.json'], root: ['a/', 'x/'], x: ['5.json'] },
      );
      await store.close();
    });

    it('deletes more than one DeleteObjects batch (1,000 keys) under a prefix', async () => {
      const store = await kind.make();
      const keys = Array.from({ length: 1005 }, (_, index) => `bulk/${String(index).padStart(4, '0')}.json`);
      await runLimited(keys, 16, (key) => store.write(key, '1'));
      await store.write('keep/me.json', '1');
      assert.equal((await store.listRecursive('bulk')).length, 1005);
      await store.deletePrefix('bulk');
      assert.deepEqual(await store.listRecursive(''), ['keep/me.json']);
      await store.close();
    });

    it('stores JSON the iam-collect way: consistent text, empty values delete the file', async () => {
      const store = await kind.make();
      const key = `${ROLE}/tags.json`;
      const results = [await writeJson(store, key, { b: '2', a: '1' })];
      const written = await store.read(key);
      results.push(await writeJson(store, key, {}));
      assert.deepEqual(
        { results, written, after: await store.read(key), tree: await store.listRecursive('') },
        { results: ['written', 'deleted'], written: '{\n  "a": "1",\n  "b": "2"\n}', after: undefined, tree: [] },
      );
      await store.close();
    });

    it('conditional writes: only over the version read (absent: only while still absent)', async () => {
      const store = await kind.make();
      const other = await kind.again(store);
      const absent = await store.readVersioned('i/x.json');
      const results = [await store.writeIfVersion('i/x.json', 'one', absent.version)];
      // The second writer read "absent" too: it lost the race.
      results.push(await other.writeIfVersion('i/x.json', 'two', absent.version));
      const first = await other.readVersioned('i/x.json');
      results.push(await other.writeIfVersion('i/x.json', 'three', first.version));
      results.push(await store.writeIfVersion('i/x.json', 'four', first.version));
      const last = await store.readVersioned('i/x.json');
      assert.deepEqual(
        {
          absent,
          results,
          text: last.text,
          versionChanged: last.version !== first.version && last.version !== undefined,
        },
        {
          absent: { text: undefined, version: undefined },
          results: [true, false, true, false],
          text: 'three',
          versionChanged: true,
        },
      );
      await Promise.all([store.close(), other.close()]);
    });

    it('two concurrent index writers: the one that loses the race recomputes over the winner, both entries stay', async () => {
      const store = await kind.make();
      await storeTrustingRoles(store, ['111111111111', '222222222222']);
      const second = await kind.again(store);
      // Writer A reads the index, then writer B updates it before A writes.
      let b: Promise<string[]> | undefined;
      const first = racing(store, async (attempt) => {
        if (attempt === 1) {
          b = buildIndexes({
            store: second,
            partition: 'aws',
            accounts: ['222222222222'],
            services: ['iam'],
            concurrency: 4,
          });
          await b;
        }
      });
      const a = await buildIndexes({
        store: first,
        partition: 'aws',
        accounts: ['111111111111'],
        services: ['iam'],
        concurrency: 4,
      });
      assert.deepEqual(
        { a, b: await b, attempts: first.attempts, index: JSON.parse((await store.read(TRUST_INDEX)) ?? '') },
        {
          a: ['principals-to-trust-policies'],
          b: ['principals-to-trust-policies'],
          attempts: 2,
          index: { '111111111111': trustEntry('111111111111'), '222222222222': trustEntry('222222222222') },
        },
      );
      await Promise.all([store.close(), second.close()]);
    });

    it(`gives up after ${INDEX_WRITE_ATTEMPTS} lost races with a one-line DataError, and leaves the winner's index`, async () => {
      const store = await kind.make();
      await storeTrustingRoles(store, ['111111111111']);
      const other = await kind.again(store);
      const loser = racing(store, async (attempt) => {
        await other.write(TRUST_INDEX, `{"changed": ${attempt}}`);
      });
      await assert.rejects(
        buildIndexes({ store: loser, partition: 'aws', accounts: ['111111111111'], services: ['iam'], concurrency: 4 }),
        (error: unknown) =>
          error instanceof DataError &&
          error.message ===
            `${store.location}/${TRUST_INDEX}: changed by another writer during each of 3 attempts; run \`iamwright collect index\` again`,
      );
      assert.equal(await store.read(TRUST_INDEX), '{"changed": 3}');
      await Promise.all([store.close(), other.close()]);
    });

    it('refuses every key or prefix that could leave the root', async () => {
      const store = await kind.make();
      const unsafe = ['../escape.json', '/etc/passwd', 'a/../../x', 'a/./b', 'a//b', 'a\\..\\b', 'a/\0', 'a/%2e%2e/b'];
      const operations: [string, (key: string) => Promise<unknown>][] = [
        ['read', (key) => store.read(key)],
        ['write', (key) => store.write(key, 'x')],
        ['delete', (key) => store.delete(key)],
        ['deletePrefix', (key) => store.deletePrefix(key)],
        ['list', (key) => store.list(key)],
        ['listRecursive', (key) => store.listRecursive(key)],
      ];
      const allowed: string[] = [];
      for (const [name, operation] of operations) {
        for (const key of unsafe) {
          try {
            await operation(key);
            allowed.push(`${name} ${JSON.stringify(key)}`);
          } catch (error) {
            if (!(error instanceof UnsafeKeyError)) throw error;
          }
        }
      }
      assert.deepEqual(allowed, []);
      assert.deepEqual(await store.listRecursive(''), []);
      await store.close();
    });
  });
}

describe('LocalStore', () => {
  it('writes atomically: concurrent writers of one key leave one whole value and no temp file', async () => {
    const root = await mkdtemp(join(tempRoot, 'atomic-'));
    const store = new LocalStore(root);
    const values = Array.from({ length: 20 }, (_, index) => String(index).repeat(50_000));
    await Promise.all(values.map((value) => store.write('a/b.json', value)));
    const text = await store.read('a/b.json');
    assert.ok(text !== undefined && values.includes(text), 'one of the written values, whole');
    assert.deepEqual(await readdir(join(root, '.iamwright-tmp')), []);
    assert.deepEqual(await store.list(''), ['a/']);
    await store.close();
    assert.deepEqual(await readdir(root), ['a']);
  });

  it('survives kill -9 mid-write: every file is whole, and the next store sweeps the dead temp files', async () => {
    const root = await mkdtemp(join(tempRoot, 'crash-'));
    const big = (index: number) => `${JSON.stringify({ index, fill: 'x'.repeat(200_000) })}`;
    // A writer that rewrites 50 big files forever, until it is killed.
    const script = `
      const { LocalStore } = await import(${JSON.stringify(new URL('../../src/storage/local-store.ts', import.meta.url).href)});
      const store = new LocalStore(${JSON.stringify(root)});
      const big = ${big.toString()};
      process.stdout.write('ready\\n');
      for (let round = 0; ; round++) {
        await Promise.all(Array.from({ length: 50 }, (_, i) => store.write('data/' + i + '.json', big(round * 100 + i))));
      }
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 600));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const files = await readdir(join(root, 'data'));
    assert.ok(files.length > 0, 'the writer got some files written');
    for (const name of files) {
      const parsed = JSON.parse(await readFile(join(root, 'data', name), 'utf8')) as { index: number; fill: string };
      assert.equal(parsed.fill.length, 200_000, `${name} is whole`);
    }
    // Files are only ever written through the staging folder, so data/ holds nothing else.
    assert.ok(
      files.every((name) => /^\d+\.json$/.test(name)),
      files.join(','),
    );

    const next = new LocalStore(root);
    await next.write('data/0.json', big(0));
    assert.deepEqual(await readdir(join(root, '.iamwright-tmp')), []);
    await next.close();
  });

  it('sweeps only temp files of dead processes and keeps those of live ones', async () => {
    const root = await mkdtemp(join(tempRoot, 'sweep-'));
    const staging = join(root, '.iamwright-tmp');
    await mkdir(staging);
    const dead = `${2 ** 22 + 12345}-deadbeef-1.tmp`; // above Linux's pid_max default: never alive
    const live = `${process.ppid}-cafebabe-1.tmp`; // the test runner that spawned us
    const mine = `${process.pid}-00000000-1.tmp`; // same pid, other token: an earlier process
    for (const name of [dead, live, mine]) await writeFile(join(staging, name), 'partial');
    const store = new LocalStore(root);
    await store.write('x.json', '1');
    assert.deepEqual(await readdir(staging), [live]);
    await store.close();
    assert.ok((await stat(staging)).isDirectory(), 'kept: another process may still use it');
  });

  it('conditional writes hold a lock across processes: two processes incrementing one counter lose no update', async () => {
    const root = await mkdtemp(join(tempRoot, 'cas-'));
    const script = `
      const { LocalStore } = await import(${JSON.stringify(new URL('../../src/storage/local-store.ts', import.meta.url).href)});
      const store = new LocalStore(${JSON.stringify(root)});
      let conflicts = 0;
      for (let i = 0; i < 40; i++) {
        for (;;) {
          const { text, version } = await store.readVersioned('counter.json');
          if (await store.writeIfVersion('counter.json', String(Number(text ?? '0') + 1), version)) break;
          conflicts++;
        }
      }
      await store.close();
      process.stdout.write(String(conflicts));
    `;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
        });
        child.once('error', reject);
        child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
      });
    await Promise.all([run(), run()]);
    assert.deepEqual(
      { counter: await readFile(join(root, 'counter.json'), 'utf8'), staging: await readdir(root) },
      { counter: '80', staging: ['counter.json'] },
    );
  });

  it("the stale-temp sweep accepts a staging folder another process removed, and still sweeps a dead process's temp", async () => {
    const root = await mkdtemp(join(tempRoot, 'sweep-'));
    assert.doesNotThrow(() => sweepStaleTemps(join(root, 'gone')));
    await writeFile(join(root, '999999999-deadbeef-1.tmp'), 'half');
    await writeFile(join(root, 'abc.lock'), 'held');
    sweepStaleTemps(root);
    assert.deepEqual(await readdir(root), ['abc.lock']);
  });

  it('breaks a lock left by a dead process at once', async () => {
    const root = await mkdtemp(join(tempRoot, 'dead-lock-'));
    const store = new LocalStore(root);
    await store.write('i.json', '1');
    const staging = join(root, '.iamwright-tmp');
    // The lock file of a process killed while holding it (pid above Linux's default pid_max).
    const { createHash } = await import('node:crypto');
    const lock = join(staging, `${createHash('sha256').update('i.json').digest('hex').slice(0, 32)}.lock`);
    await writeFile(lock, `${2 ** 22 + 12345}-deadbeef`);
    const { version } = await store.readVersioned('i.json');
    assert.equal(await store.writeIfVersion('i.json', '2', version), true);
    assert.deepEqual({ text: await store.read('i.json'), staging: await readdir(staging) }, { text: '2', staging: [] });
    await store.close();
  });

  it('names itself by its label and resolves a relative path against cwd', async () => {
    const store = await createStore({ type: 'file', path: 'iam-data' }, { cwd: tempRoot });
    await store.write('k.json', '1');
    assert.deepEqual(
      { location: store.location, text: await readFile(join(tempRoot, 'iam-data', 'k.json'), 'utf8') },
      { location: 'iam-data', text: '1' },
    );
    await store.close();
  });
});

describe('S3Store', () => {
  it('keeps every key under its prefix and hides the prefix from listings', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'prefixed' }));
    const store = await createStore({
      type: 's3',
      bucket: 'prefixed',
      prefix: '/team/iam/',
      region: 'us-east-1',
      endpoint: moto.endpoint,
    });
    await store.write(`${ROLE}/metadata.json`, '{}x');
    const raw = await s3.send(new ListObjectsV2Command({ Bucket: 'prefixed' }));
    assert.deepEqual(
      {
        location: store.location,
        objects: raw.Contents?.map((object) => object.Key),
        list: await store.list('aws/aws/accounts/123456789012/iam/role'),
        tree: await store.listRecursive(''),
      },
      {
        location: 's3://prefixed/team/iam/',
        objects: [`team/iam/${ROLE}/metadata.json`],
        list: ['service-role%2fapp-role/'],
        tree: [`${ROLE}/metadata.json`],
      },
    );
    await store.close();
  });

  it('reports a missing bucket as one line naming the location', async () => {
    const store = await createStore({
      type: 's3',
      bucket: 'no-such-bucket',
      region: 'us-east-1',
      endpoint: moto.endpoint,
    });
    await assert.rejects(store.write('a.json', '1'), (error: unknown) => {
      assert.ok(error instanceof AwsAccessError);
      assert.match(error.message, /^s3:\/\/no-such-bucket\/a\.json: NoSuchBucket: /);
      return true;
    });
    await assert.rejects(store.read('a.json'), AwsAccessError);
    await store.close();
  });
});

async function runLimited<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}
