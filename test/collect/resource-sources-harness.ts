/**
 * The shared harness of the resource-policy source tests (`sources-<service>.test.ts`): one moto and
 * one proxy per test file, the collector run in process against the management account (moto's
 * `testing` keys), the collected account folder read back as whole JSON, and a switch that makes the
 * proxy answer chosen requests with AccessDenied in their own wire format.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { dirname, join } from 'node:path';
import type { DownloadResult } from '../../src/collect/download.js';
import { dummyAwsEnv, MANAGEMENT_ACCOUNT, type Moto, startMoto } from '../moto/harness.js';
import { type Emulator, errorResponse, type FaultProxy, type ProxyRequest, startProxy } from '../moto/proxy.js';
import { s3XmlError } from '../moto/resource-emulators.js';
import { collectInProcess, normalise, readTree } from './e2e-helpers.js';

export const ACCOUNT = MANAGEMENT_ACCOUNT;
/** What the deny switch answers, and so what the run summary records. */
export const DENIED_MESSAGE = 'User is not authorized to perform this action';
export const DENIED = `AccessDenied: ${DENIED_MESSAGE}`;
const FIXTURES = new URL('../moto/fixtures', import.meta.url).pathname;

export interface SourceHarness {
  moto: Moto;
  proxy: FaultProxy;
  /** The proxy's endpoint, for seeding clients. */
  endpoint: string;
  /** Requests matching this answer 403 AccessDenied (in the request's protocol) while set. */
  deny(predicate: ((request: ProxyRequest) => boolean) | undefined): void;
  /** Runs `collect download` for the services into `<work>/<name>` and returns the result and stored tree. */
  collect(name: string, services: string[], options?: { regions?: string[] }): Promise<Collected>;
  stop(): Promise<void>;
}

export interface Collected {
  result: DownloadResult;
  /** Every file under the account's folder: path relative to it -> parsed JSON, dates as `<date>`. */
  files: Record<string, unknown>;
}

/** A job's entry in the run summary: `accounts.<account>.services.<service>.<region>.<sync>`. */
export function jobOf(result: DownloadResult, service: string, region: string, sync: string): unknown {
  const accounts = result.summary.accounts as Record<string, { services: Record<string, unknown> }>;
  const services = accounts[ACCOUNT]?.services as Record<string, Record<string, Record<string, unknown>>> | undefined;
  return services?.[service]?.[region]?.[sync];
}

/**
 * Starts moto without the AWS managed policies (not needed here) behind the proxy with a deny
 * switch in front of the given emulators, and sets dummy AWS credentials in this process.
 */
export async function startSourceHarness(emulators: Emulator[] = []): Promise<SourceHarness> {
  const savedEnv = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, dummyAwsEnv());
  const moto = await startMoto({ awsManagedPolicies: false });
  await moto.seedRandom(7);
  let denied: ((request: ProxyRequest) => boolean) | undefined;
  const proxy = await startProxy({
    upstream: moto.endpoint,
    emulators: [
      (request) => {
        if (!denied?.(request)) return undefined;
        // S3 Express speaks REST-XML, although the proxy guesses REST-JSON for its signing name.
        const answer = request.service === 's3express' ? s3XmlError : errorResponse;
        return answer(request, 403, 'AccessDenied', DENIED_MESSAGE);
      },
      ...emulators,
    ],
  });
  const work = await mkdtemp(join(tmpdir(), 'iamwright-sources-'));
  const port = new URL(proxy.endpoint).port;

  return {
    moto,
    proxy,
    endpoint: proxy.endpoint,
    deny(predicate) {
      denied = predicate;
    },
    async collect(name, services, options = {}) {
      const data = join(work, name);
      const config = {
        storage: { type: 'file', path: data },
        regions: { included: options.regions ?? ['us-east-1', 'us-west-2'] },
        endpoint: proxy.endpoint,
        serviceConfigs: { s3control: { endpoint: `http://s3control.localhost:${port}` } },
      };
      const result = await collectInProcess(join(work, `${name}-config`), config, { services });
      const prefix = `aws/aws/accounts/${ACCOUNT}/`;
      const files: Record<string, unknown> = {};
      for (const [path, text] of await readTree(data)) {
        if (path.startsWith(prefix)) files[path.slice(prefix.length)] = JSON.parse(normalise(text));
      }
      return { result, files };
    },
    async stop() {
      await proxy.stop();
      await moto.stop();
      await rm(work, { recursive: true, force: true });
      for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
      Object.assign(process.env, savedEnv);
    },
  };
}

/**
 * Compares a collected tree with `test/moto/fixtures/<service>/<name>.json` as whole JSON;
 * `UPDATE_GOLDEN=1` rewrites the fixture.
 */
export async function assertGolden(service: string, name: string, actual: Record<string, unknown>): Promise<void> {
  const path = join(FIXTURES, service, `${name}.json`);
  if (process.env.UPDATE_GOLDEN) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(actual, null, 2)}\n`);
  }
  assert.ok(existsSync(path), `missing golden file ${path} (run with UPDATE_GOLDEN=1)`);
  assert.deepEqual(actual, JSON.parse(readFileSync(path, 'utf8')));
}

/** The files of `tree` whose path starts with `prefix`. */
export function under(tree: Record<string, unknown>, prefix: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(tree).filter(([path]) => path.startsWith(prefix)));
}

/** The three tests every resource type gets, declared as data (see `sourceTestSuite`). */
export interface SourceSuite {
  /** Service code: what is collected and the golden folder `test/moto/fixtures/<service>/`. */
  service: string;
  /** How the APIs are served, named in the suite title: `moto`, or which HTTP emulation. */
  kind: string;
  emulators?: Emulator[];
  seed(endpoint: string): Promise<void>;
  /** Turns run-to-run values (random ids) into stable names before the golden comparison. */
  stable?(files: Record<string, unknown>): Record<string, unknown>;
  /** Summary entries of the clean run: `[region, sync, entry]`. */
  jobs: Array<[string, string, unknown]>;
  denied: {
    what: string;
    predicate(request: ProxyRequest): boolean;
    /** The summary entry of the job with the denial: `[region, sync, entry]` (a function: built after seeding). */
    job: [string, string, unknown] | (() => [string, string, unknown]);
    /**
     * How the denial changes the stored files (default: not at all). A denied file is kept as stored;
     * a denied metadata attribute is left out of the rewritten metadata.
     */
    changes?(files: Record<string, unknown>): Record<string, unknown>;
  };
  removed: {
    what: string;
    remove(endpoint: string): Promise<void>;
    /** Stored paths (relative to the account folder) the removal deletes. */
    gone(path: string): boolean;
    /** How many stored files that is, so the test cannot pass vacuously. */
    files: number;
    /** Other changes the removal makes to the stored files (default: none). */
    changes?(files: Record<string, unknown>): Record<string, unknown>;
  };
}

/**
 * One suite per service: collection compared with the golden files as whole JSON, AccessDenied on a
 * policy (stored files kept, the gap in the summary), and deletion on the next run after removal.
 */
export function sourceTestSuite(spec: SourceSuite): void {
  let harness: SourceHarness;
  let clean: Collected;
  before(async () => {
    harness = await startSourceHarness(spec.emulators);
    await spec.seed(harness.endpoint);
    clean = await harness.collect('clean', [spec.service]);
  });
  after(async () => {
    await harness?.stop();
  });
  describe(`${spec.service} sources (${spec.kind})`, () => {
    it('collects every resource with its policy, tags and settings: exactly the golden files', async () => {
      assert.equal(clean.result.exitCode, 0, JSON.stringify(clean.result.summary, null, 2));
      await assertGolden(spec.service, 'collected', spec.stable ? spec.stable(clean.files) : clean.files);
      for (const [region, sync, entry] of spec.jobs)
        assert.deepEqual(jobOf(clean.result, spec.service, region, sync), entry);
    });

    it(`AccessDenied on ${spec.denied.what} keeps the stored files and records the gap`, async () => {
      harness.deny(spec.denied.predicate);
      try {
        const denied = await harness.collect('clean', [spec.service]);
        assert.equal(denied.result.exitCode, 0);
        const expected = spec.denied.changes ? spec.denied.changes(structuredClone(clean.files)) : clean.files;
        assert.deepEqual(denied.files, expected);
        const [region, sync, entry] = typeof spec.denied.job === 'function' ? spec.denied.job() : spec.denied.job;
        assert.deepEqual(jobOf(denied.result, spec.service, region, sync), entry);
      } finally {
        harness.deny(undefined);
      }
    });

    it(`deletes on the next run what was removed: ${spec.removed.what}`, async () => {
      await spec.removed.remove(harness.endpoint);
      const again = await harness.collect('clean', [spec.service]);
      assert.equal(again.result.exitCode, 0, JSON.stringify(again.result.summary, null, 2));
      assert.equal(Object.keys(clean.files).filter(spec.removed.gone).length, spec.removed.files);
      const kept = Object.fromEntries(Object.entries(clean.files).filter(([path]) => !spec.removed.gone(path)));
      assert.deepEqual(again.files, spec.removed.changes ? spec.removed.changes(structuredClone(kept)) : kept);
    });
  });
}
