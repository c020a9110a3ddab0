/**
 * A small harness for the resource-policy source tests: one moto (no AWS managed policies: they cost
 * seconds and these tests do not need them) behind the loopback proxy, with the HTTP-level emulators
 * a service needs and switchable AccessDenied rules; collection of one account and region with only
 * the services under test; the collected files of one service as a tree, compared with golden files.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DownloadResult } from '../../src/collect/download.js';
import { dummyAwsEnv, MANAGEMENT_ACCOUNT, type Moto, startMoto } from '../moto/harness.js';
import { type Emulator, errorResponse, type FaultProxy, type ProxyRequest, startProxy } from '../moto/proxy.js';
import { collectInProcess, normalise, readTree, writeGolden } from './e2e-helpers.js';

export const ACCOUNT = MANAGEMENT_ACCOUNT;
export const REGION = 'us-east-1';

export interface ResourceHarness {
  readonly moto: Moto;
  readonly proxy: FaultProxy;
  /** The proxy's endpoint: seed and collect through it so the emulators and deny rules apply. */
  readonly endpoint: string;
  /** SDK client settings for seeding: the proxy's endpoint, the test region, the dummy keys from the environment. */
  readonly clientConfig: { endpoint: string; region: string };
  /** Answers matching requests with AccessDenied (in the request's protocol) until the returned function is called. */
  deny(rule: (request: ProxyRequest) => boolean, code?: string): () => void;
  /** Collects `services` from the test account and region into the folder named `run` (reused across calls). */
  collect(run: string, services: string[], regions?: string[]): Promise<Collected>;
  stop(): Promise<void>;
}

export interface Collected {
  result: DownloadResult;
  /** Every collected file of the account (run summaries and indexes left out), dates normalised. */
  tree: Map<string, string>;
  /** The summary entry of one job (`services.<service>.<region>.<sync>` of the test account). */
  job(service: string, sync: string, region?: string): JobEntry;
}

export interface JobEntry {
  status: string;
  reason?: string;
  counts?: Record<string, number>;
  issues?: Array<{ kind: string; arn?: string; field?: string; message: string }>;
}

export async function startResourceHarness(
  options: { emulators?: Emulator[]; seed?: number } = {},
): Promise<ResourceHarness> {
  const savedEnv = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, dummyAwsEnv());

  const moto = await startMoto({ awsManagedPolicies: false });
  const rules = new Set<{ rule: (request: ProxyRequest) => boolean; code: string | undefined }>();
  const denyEmulator: Emulator = (request) => {
    for (const { rule, code } of rules) {
      if (!rule(request)) continue;
      const name = code ?? (request.protocol === 'query' ? 'AccessDenied' : 'AccessDeniedException');
      return errorResponse(request, 403, name, `User is not authorized to perform ${request.operation}`);
    }
    return undefined;
  };
  const proxy = await startProxy({ upstream: moto.endpoint, emulators: [denyEmulator, ...(options.emulators ?? [])] });
  await moto.seedRandom(options.seed ?? 7);
  const work = await mkdtemp(join(tmpdir(), 'iamwright-resource-sources-'));

  return {
    moto,
    proxy,
    endpoint: proxy.endpoint,
    clientConfig: { endpoint: proxy.endpoint, region: REGION },
    deny(rule, code) {
      const entry = { rule, code };
      rules.add(entry);
      return () => rules.delete(entry);
    },
    async collect(run, services, regions = [REGION]) {
      const data = join(work, run);
      const result = await collectInProcess(
        join(work, `${run}-config`),
        {
          storage: { type: 'file', path: data },
          accounts: { included: [ACCOUNT] },
          regions: { included: regions },
          endpoint: proxy.endpoint,
        },
        { services },
      );
      const prefix = `aws/aws/accounts/${ACCOUNT}/`;
      const raw = await readTree(data, (path) => !path.startsWith(prefix));
      const tree = new Map([...raw].map(([path, text]) => [path, normalise(text)]));
      const job = (service: string, sync: string, region = regions[0] ?? REGION): JobEntry => {
        const accounts = result.summary.accounts as Record<string, { services: Record<string, unknown> }>;
        const entry = (accounts[ACCOUNT]?.services[service] as Record<string, Record<string, JobEntry>> | undefined)?.[
          region
        ]?.[sync];
        assert.ok(entry, `no job ${service}/${sync} in ${region}: ${JSON.stringify(result.summary, null, 2)}`);
        return entry;
      };
      return { result, tree, job };
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
 * Compares a collected tree (or the part under `under`) with golden files, whole file by whole file.
 * `UPDATE_GOLDEN=1` rewrites them.
 */
export async function assertGoldenTree(tree: Map<string, string>, golden: string): Promise<void> {
  if (process.env.UPDATE_GOLDEN) await writeGolden(golden, tree);
  const expected = await readTree(golden, () => false);
  assert.deepEqual([...tree.keys()], [...expected.keys()]);
  for (const [path, text] of expected) assert.equal(tree.get(path), text, path);
}

/** The tree without the files under `folder` (a path relative to the account root). */
export function without(tree: Map<string, string>, ...folders: string[]): Map<string, string> {
  const prefixes = folders.map((f) => `aws/aws/accounts/${ACCOUNT}/${f}/`);
  return new Map([...tree].filter(([path]) => !prefixes.some((p) => path.startsWith(p))));
}

/** The golden folder of a service's test: `test/moto/fixtures/<service>/<name>`. */
export function goldenFolder(service: string, name = 'collected'): string {
  return new URL(`../moto/fixtures/${service}/${name}`, import.meta.url).pathname;
}

/** The tree with every `from` replaced by `to` in paths and texts: for ids moto makes at random. */
export function replaceInTree(tree: Map<string, string>, replacements: Record<string, string>): Map<string, string> {
  const swap = (text: string) =>
    Object.entries(replacements).reduce((out, [from, to]) => out.split(from).join(to), text);
  const swapped = [...tree].map(([path, text]): [string, string] => [swap(path), swap(text)]);
  return new Map(swapped.sort(([a], [b]) => (a < b ? -1 : 1)));
}
