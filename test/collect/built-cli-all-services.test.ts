/**
 * The built CLI (bin/iamwright: dist/cli.cjs and its tree-shaken AWS SDK client bundles in
 * dist/aws-sdk) against the sources (src/cli/run.ts through tsx, node_modules' SDK): both collect
 * every service from the same moto world, with every emulation (test/moto/all-services-world.ts),
 * and must write the same tree, byte for byte. A client bundle that lost a command, a paginator or
 * a (de)serializer shows here as a failed job or a differing file. Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { supportedServices } from '../../src/collect/sources/registry.js';
import { type AllServicesWorld, startAllServicesWorld } from '../moto/all-services-world.js';
import { collectorProcessEnv, dummyAwsEnv } from '../moto/harness.js';
import { type CliRun, runCli } from './e2e-helpers.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const BUILT_CLI = join(ROOT, 'bin/iamwright');
const CLI_BUNDLE = join(ROOT, 'dist/cli.cjs');
const SDK_BUNDLES = join(ROOT, 'dist/aws-sdk');

interface Collected {
  run: CliRun;
  /** Every stored file but `runs/`, path -> bytes, sorted by path. */
  tree: Map<string, Buffer>;
  summary: Record<string, unknown>;
  seconds: number;
}

let world: AllServicesWorld;
let work: string;
let savedEnv: NodeJS.ProcessEnv;
let built: Collected;
let sources: Collected;

/** Runs `bin/iamwright` (the bundle) as a child process, like runCli does for the sources. */
function runBuiltCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  // Warnings on, as in a user's shell: the harness and the test runner switch them off.
  const { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: _, NODE_NO_WARNINGS: __, ...userEnv } = env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], {
      cwd: ROOT,
      env: userEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

async function collect(name: string, cli: typeof runCli): Promise<Collected> {
  const data = join(work, name);
  const configFile = join(work, `${name}.json`);
  await writeFile(
    configFile,
    JSON.stringify({
      name: 'built CLI against sources',
      storage: { type: 'file', path: data },
      accounts: { included: world.org.accounts.map((account) => account.id) },
      regions: { included: world.org.regions },
      auth: { role: { pathAndName: `/${world.org.memberRoleName}` } },
    }),
  );
  const started = performance.now();
  const run = await cli(
    ['collect', 'download', '--config-files', configFile],
    collectorProcessEnv(world.proxy.endpoint),
  );
  const seconds = (performance.now() - started) / 1000;
  const tree = await readBytes(data);
  const runs = await readdir(join(data, 'runs')).catch(() => []);
  assert.equal(runs.length, 1, `${name}: one run summary under ${data}/runs, found ${runs.join(', ')}\n${run.stderr}`);
  const summary = JSON.parse(await readFile(join(data, 'runs', runs[0] as string, 'summary.json'), 'utf8'));
  return { run, tree, summary, seconds };
}

/** Every file under `dir` but run summaries, as bytes. */
async function readBytes(dir: string): Promise<Map<string, Buffer>> {
  const files: string[] = [];
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.push(relative(dir, path));
    }
  };
  await walk(dir);
  const out = new Map<string, Buffer>();
  for (const path of files.filter((p) => !p.startsWith('runs/')).sort()) out.set(path, await readFile(join(dir, path)));
  return out;
}

/**
 * What a run summary says that must not depend on when, where or from which build it ran, as
 * `a.b.c = value` lines: a difference then reads as the few lines that differ.
 */
function comparableLines(summary: Record<string, unknown>): string[] {
  const { startedAt, finishedAt, durationMs, storage, ...rest } = summary;
  const lines: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
      for (const [key, inner] of Object.entries(value)) walk(inner, path === '' ? key : `${path}.${key}`);
    } else lines.push(`${path} = ${JSON.stringify(value)}`);
  };
  walk(rest, '');
  return lines.sort();
}

/** `path: line N` and both versions of the first line that differs. */
function firstDifference(path: string, builtBytes: Buffer, sourceBytes: Buffer): string {
  const a = builtBytes.toString('utf8').split('\n');
  const b = sourceBytes.toString('utf8').split('\n');
  let line = 0;
  while (line < Math.max(a.length, b.length) && a[line] === b[line]) line++;
  return `${path}: line ${line + 1}\n  built:   ${a[line] ?? '<end of file>'}\n  sources: ${b[line] ?? '<end of file>'}`;
}

/** Where a stale build may explain a difference: a src/ file newer than the bundle, if any. */
function staleBuildHint(): string {
  const bundleTime = statSync(CLI_BUNDLE).mtimeMs;
  const newer = (readdirSync(join(ROOT, 'src'), { recursive: true }) as string[])
    .map((path) => join(ROOT, 'src', path))
    .filter((path) => statSync(path).isFile() && statSync(path).mtimeMs > bundleTime);
  return newer.length > 0
    ? `\n(dist/cli.cjs is older than ${relative(ROOT, newer[0] as string)}: run npm run build)`
    : '';
}

before(async () => {
  if (!existsSync(CLI_BUNDLE) || !existsSync(SDK_BUNDLES) || readdirSync(SDK_BUNDLES).length === 0) {
    throw new Error('the built CLI (dist/cli.cjs, dist/aws-sdk/) is missing: run npm run build first');
  }
  savedEnv = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, dummyAwsEnv());
  work = await mkdtemp(join(tmpdir(), 'iamwright-built-cli-'));
  world = await startAllServicesWorld({ accounts: 2, regions: ['us-east-1'], roles: 3, users: 3, policies: 3 });
  // One after the other, from the same moto state: a collector only reads.
  built = await collect('built', runBuiltCli);
  sources = await collect('sources', runCli);
});

after(async () => {
  await world?.stop();
  if (work) await rm(work, { recursive: true, force: true });
  if (savedEnv) {
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
  }
});

describe('the built CLI (dist bundles) collects every service against moto with emulations exactly as the sources do', () => {
  it('both runs exit 0, complete, with no failed job, and collect every supported service', (t) => {
    t.diagnostic(
      `seed ${world.seedSeconds.toFixed(1)} s, built CLI ${built.seconds.toFixed(1)} s, sources ${sources.seconds.toFixed(1)} s`,
    );
    for (const [name, collected] of [
      ['built', built],
      ['sources', sources],
    ] as const) {
      assert.equal(collected.run.code, 0, `${name} CLI exit code; stderr:\n${collected.run.stderr}`);
      // Not even the SDK's own warnings (its Node 22 notice): stderr is the user's, and JSON logs go there.
      if (name === 'built') assert.doesNotMatch(collected.run.stderr, /\(node:\d+\) \w*Warning/, `${name} stderr`);
      const totals = collected.summary.totals as { jobs: Record<string, number> };
      // Skipped too: every service is emulated in every region here, so a skip ("not offered in
      // <region>") means a client missed the endpoint and went for AWS itself.
      assert.deepEqual(
        {
          status: collected.summary.status,
          failed: totals.jobs.failed,
          denied: totals.jobs.denied,
          skipped: totals.jobs.skipped ?? 0,
        },
        { status: 'complete', failed: 0, denied: 0, skipped: 0 },
        `${name} run summary`,
      );
    }
    const accounts = built.summary.accounts as Record<string, { services: Record<string, unknown> }>;
    for (const [account, { services }] of Object.entries(accounts)) {
      assert.deepEqual(Object.keys(services).sort(), supportedServices(), `services collected in ${account}`);
    }
  });

  it('both run summaries report the same jobs, statuses, resource counts and API calls', () => {
    const builtLines = comparableLines(built.summary);
    const sourceLines = comparableLines(sources.summary);
    assert.deepEqual(
      {
        onlyBuilt: builtLines.filter((line) => !sourceLines.includes(line)),
        onlySources: sourceLines.filter((line) => !builtLines.includes(line)),
      },
      { onlyBuilt: [], onlySources: [] },
      `run summaries differ${staleBuildHint()}`,
    );
    assert.ok(builtLines.length > 400, `a whole summary (${builtLines.length} lines)`);
  });

  it('both trees are identical, file for file and byte for byte (runs/ aside)', () => {
    const builtPaths = [...built.tree.keys()];
    const sourcePaths = [...sources.tree.keys()];
    assert.deepEqual(
      {
        onlyBuilt: builtPaths.filter((path) => !sources.tree.has(path)),
        onlySources: sourcePaths.filter((path) => !built.tree.has(path)),
        differentBytes: builtPaths.flatMap((path) => {
          const a = built.tree.get(path) as Buffer;
          const b = sources.tree.get(path);
          return b === undefined || a.equals(b) ? [] : [firstDifference(path, a, b)];
        }),
      },
      { onlyBuilt: [], onlySources: [], differentBytes: [] },
      `the trees differ${staleBuildHint()}`,
    );
    assert.ok(builtPaths.length > 400, `a whole tree (${builtPaths.length} files)`);
  });
});
