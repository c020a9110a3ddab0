// Collector benchmark: the real `iamwright collect download` (a child process, run from dist/)
// against moto behind the loopback fault proxy, on a seeded AWS organization.
//
//   npm run build && npm run bench:collect
//   node bench/collect.mjs --sizes 6 --fault-rate 0.4      # one size, 40% faults
//   node bench/collect.mjs --sizes 6,24 --fault-rate 0 --json
//   node bench/collect.mjs --services iam,organizations      # some of issue 4's sources (default: iam,organizations,s3)
//   node bench/collect.mjs --cpu-prof /tmp/prof                # V8 CPU profiles of the measured runs
//
// For each size (total accounts: 1 management + members) it starts a fresh moto, seeds it
// (every account: the fixed IAM scenario of test/moto/seed.ts plus --roles roles, --users users and
// --policies customer policies), collects once unmeasured (moto's own warm-up), then once into a
// temp folder, and prints: wall time, API calls
// by operation, AssumeRole calls, files written, the collector's own CPU time (user + sys) and its
// peak RSS (GNU time). With --fault-rate > 0 the first size is collected again with that share of
// requests faulted (throttling, 429, 503, reset connection), and the tree is compared with the
// clean one. Targets are printed next to the figures with PASS/FAIL; the exit code is 1 if any fails.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

// The moto harness, proxy and seed are TypeScript shared with the tests.
register();
const { collectorProcessEnv, dummyAwsEnv, startMoto } = await import('../test/moto/harness.ts');
const { startProxy } = await import('../test/moto/proxy.ts');
const { defaultEmulators } = await import('../test/moto/emulators.ts');
const { seedOrganization } = await import('../test/moto/seed.ts');

// This process's own SDK clients (the seed) must never find real credentials either.
Object.assign(process.env, dummyAwsEnv());

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_BIN = join(ROOT, 'bin', 'iamwright');
const TIME = '/usr/bin/time';
// USER_HZ: the unit of /proc/<pid>/stat's CPU times.
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

const { values: flags } = parseArgs({
  allowNegative: true,
  options: {
    sizes: { type: 'string', default: '6,24' },
    'fault-rate': { type: 'string', default: '0.2' },
    concurrency: { type: 'string', default: '8' },
    roles: { type: 'string', default: '100' },
    users: { type: 'string', default: '50' },
    policies: { type: 'string', default: '50' },
    regions: { type: 'string', default: 'us-east-1,us-west-2' },
    // Passed to `collect download --services`: issue 4's services by default, for which the seed makes
    // resources and moto answers; bench/collect-services.mjs measures every service with their emulations.
    services: { type: 'string', default: 'iam,organizations,s3' },
    'aws-managed-policies': { type: 'boolean', default: false },
    // moto imports each service's backend on its first call: an unmeasured run first keeps that
    // one-off cost out of the clean figures the faulted run is compared with.
    warmup: { type: 'boolean', default: true },
    seed: { type: 'string', default: '1' },
    // Another build of the CLI (a copy of bin/ and dist/), e.g. to compare two versions.
    bin: { type: 'string', default: DEFAULT_BIN },
    // Folder for V8 CPU profiles of the measured runs (node --cpu-prof); the figures then include its cost.
    'cpu-prof': { type: 'string' },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  process.stdout.write(
    'usage: node bench/collect.mjs [--sizes 6,24] [--fault-rate 0.2] [--concurrency 8] [--roles 100] [--users 50]\n' +
      '       [--policies 50] [--regions us-east-1,us-west-2] [--services iam,organizations,s3]\n' +
      '       [--aws-managed-policies] [--no-warmup] [--seed 1] [--bin bin/iamwright] [--cpu-prof <dir>]\n' +
      '       [--keep] [--json]\n',
  );
  process.exit(0);
}
const sizes = flags.sizes.split(',').map(Number);
const faultRate = Number(flags['fault-rate']);
const concurrency = Number(flags.concurrency);
const regions = flags.regions.split(',');
const BIN = flags.bin;
if (sizes.some((size) => !Number.isInteger(size) || size < 2) || !(faultRate >= 0 && faultRate < 1)) {
  process.stderr.write('bench: --sizes needs integers >= 2 (management + members), --fault-rate a share in [0, 1)\n');
  process.exit(2);
}
if (spawnSync(process.execPath, [BIN, 'collect', 'download', '--help'], { stdio: 'ignore' }).status !== 0) {
  process.stderr.write('bench: `iamwright collect download` does not run: run `npm run build` first\n');
  process.exit(2);
}
if (!existsSync(TIME)) {
  process.stderr.write(`bench: ${TIME} (GNU time) is needed to measure the collector's CPU time and peak RSS\n`);
  process.exit(2);
}

const work = await mkdtemp(join(tmpdir(), 'iamwright-bench-collect-'));
const results = [];
let failed = false;

try {
  for (const [index, size] of sizes.entries()) {
    const moto = await startMoto({ awsManagedPolicies: flags['aws-managed-policies'] });
    const proxy = await startProxy({
      upstream: moto.endpoint,
      emulators: defaultEmulators(),
      seed: Number(flags.seed),
    });
    try {
      await moto.seedRandom(Number(flags.seed));
      const seedStart = performance.now();
      const org = await seedOrganization(proxy.endpoint, {
        memberAccounts: size - 1,
        regions,
        bulkRoles: Number(flags.roles),
        bulkUsers: Number(flags.users),
        bulkPolicies: Number(flags.policies),
        awsManagedPolicies: flags['aws-managed-policies'],
        concurrency: 4,
      });
      const seedSeconds = (performance.now() - seedStart) / 1000;
      log(`seeded ${size} accounts (${org.organizationId}) in ${seedSeconds.toFixed(1)} s`);

      if (flags.warmup) await collect(`${size}-warmup`, org, proxy, moto, 0);
      const clean = await collect(`${size}-clean`, org, proxy, moto, 0);
      results.push(report(`${size} accounts`, size, clean));
      if (index === 0 && faultRate > 0) {
        const faulted = await collect(`${size}-faults`, org, proxy, moto, faultRate);
        faulted.differences = await compareTrees(clean.dir, faulted.dir);
        faulted.cleanWall = clean.wall;
        results.push(report(`${size} accounts, ${Math.round(faultRate * 100)}% faults`, size, faulted));
      }
    } finally {
      await proxy.stop();
      await moto.stop();
    }
  }
  checkMemoryGrowth(results);
} finally {
  if (!flags.keep) await rm(work, { recursive: true, force: true });
  else log(`kept ${work}`);
}

if (flags.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exitCode = failed ? 1 : 0;

/** One collector run: the child's wall time, CPU, peak RSS and exit code; the proxy's call counts. */
async function collect(name, org, proxy, moto, rate) {
  const dir = join(work, name);
  const configFile = join(work, `${name}.json`);
  await writeFile(
    configFile,
    JSON.stringify(
      {
        name: `bench ${name}`,
        storage: { type: 'file', path: dir },
        accounts: { included: org.accounts.map((account) => account.id) },
        regions: { included: org.regions },
        auth: { role: { pathAndName: `/${org.memberRoleName}` } },
      },
      null,
      2,
    ),
  );
  proxy.resetStats();
  proxy.setFaultRate(rate);
  const timeFile = join(work, `${name}.time`);
  const profile =
    flags['cpu-prof'] && !name.endsWith('-warmup') ? ['--cpu-prof', '--cpu-prof-dir', flags['cpu-prof']] : [];
  const args = ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, ...profile, BIN, 'collect', 'download'];
  args.push('--config-files', configFile, '--concurrency', String(concurrency), '--log-format', 'json');
  if (flags.services) args.push('--services', ...flags.services.split(','));
  const motoCpuBefore = await processCpuSeconds(moto.pid);
  const proxyCpuBefore = process.cpuUsage();
  const started = performance.now();
  const { code, stderr } = await run(TIME, args, collectorProcessEnv(proxy.endpoint));
  const wall = (performance.now() - started) / 1000;
  const proxyCpu = process.cpuUsage(proxyCpuBefore);
  const motoCpu = (await processCpuSeconds(moto.pid)) - motoCpuBefore;
  proxy.setFaultRate(0);
  const [, user, sys, maxRssKb] = (await readFile(timeFile, 'utf8')).trim().split('\n').pop().split(' ').map(Number);
  const files = (await listFiles(dir)).filter((file) => !file.startsWith('runs/'));
  log(`${name}: exit ${code}, ${wall.toFixed(1)} s, ${files.length} files`);
  if (code !== 0) log(`${name} stderr (last lines):\n${stderr.split('\n').slice(-15).join('\n')}`);
  return {
    dir,
    code,
    wall,
    cpu: user + sys,
    user,
    sys,
    rssMb: maxRssKb / 1024,
    motoCpu,
    proxyCpu: (proxyCpu.user + proxyCpu.system) / 1e6,
    files: files.length,
    stats: proxy.stats(),
  };
}

function report(title, size, run) {
  const members = size - 1;
  // Successful ones: under faults, a retried AssumeRole is one call that took several attempts.
  const assumeRole = run.stats.succeededByOperation['sts:AssumeRole'] ?? 0;
  const assumeRoleAttempts = run.stats.byOperation['sts:AssumeRole'] ?? 0;
  const targets = [
    target('exit code 0', run.code === 0, String(run.code)),
    target(
      `AssumeRole calls = member accounts (${members})`,
      assumeRole === members,
      assumeRoleAttempts === assumeRole ? String(assumeRole) : `${assumeRole} (${assumeRoleAttempts} attempts)`,
    ),
    target('peak RSS < 150 MB', run.rssMb < 150, `${run.rssMb.toFixed(1)} MB`),
    target(
      `collector CPU < 40% of wall at concurrency ${concurrency}`,
      run.cpu < 0.4 * run.wall,
      `${((100 * run.cpu) / run.wall).toFixed(1)}%`,
    ),
  ];
  if (run.differences) {
    targets.push(
      target(
        'tree byte-identical to the clean run',
        run.differences.length === 0,
        describeDifferences(run.differences),
      ),
    );
    const limit = faultRate <= 0.2 ? 2 : 4;
    targets.push(
      target(
        `wall time <= ${limit}x clean`,
        run.wall <= limit * run.cleanWall,
        `${(run.wall / run.cleanWall).toFixed(2)}x`,
      ),
    );
  }
  const result = {
    title,
    accounts: size,
    exitCode: run.code,
    wallSeconds: round(run.wall),
    cpuSeconds: round(run.cpu),
    userSeconds: round(run.user),
    sysSeconds: round(run.sys),
    peakRssMb: round(run.rssMb),
    motoCpuSeconds: round(run.motoCpu),
    proxyCpuSeconds: round(run.proxyCpu),
    filesWritten: run.files,
    apiCalls: run.stats.requests,
    assumeRoleCalls: assumeRole,
    callsByOperation: sortObject(run.stats.byOperation),
    succeededByOperation: sortObject(run.stats.succeededByOperation),
    faults: run.stats.faults,
    targets,
  };
  if (!flags.json) printResult(result);
  return result;
}

function checkMemoryGrowth(all) {
  const clean = all.filter((result) => !result.title.includes('faults'));
  const small = clean.find((result) => result.accounts === Math.min(...sizes));
  const large = clean.find((result) => result.accounts === Math.max(...sizes));
  if (!small || !large || small === large) return;
  const growth = large.peakRssMb / small.peakRssMb - 1;
  const result = target(
    `peak RSS at ${large.accounts} accounts within 15% of ${small.accounts} accounts`,
    growth <= 0.15,
    `${large.peakRssMb} MB vs ${small.peakRssMb} MB (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%)`,
  );
  large.targets.push(result);
  if (!flags.json) process.stdout.write(`\n${line(result)}\n`);
}

function target(name, pass, value) {
  if (!pass) failed = true;
  return { name, pass, value };
}

function line(result) {
  return `  ${result.pass ? 'PASS' : 'FAIL'}  ${result.name}: ${result.value}`;
}

function printResult(result) {
  const out = [];
  out.push(`\n== ${result.title} ==`);
  out.push(`  wall time        ${result.wallSeconds} s`);
  out.push(`  collector CPU    ${result.cpuSeconds} s (user ${result.userSeconds} s, sys ${result.sysSeconds} s)`);
  out.push(`  peak RSS         ${result.peakRssMb} MB`);
  out.push(`  moto CPU         ${result.motoCpuSeconds} s (the emulator's own, in the same wall time)`);
  out.push(`  proxy CPU        ${result.proxyCpuSeconds} s (the bench's fault proxy in front of moto)`);
  out.push(`  files written    ${result.filesWritten}`);
  out.push(`  API calls        ${result.apiCalls} attempts (AssumeRole ${result.assumeRoleCalls} succeeded)`);
  const faults = Object.entries(result.faults).filter(([, count]) => count > 0);
  if (faults.length > 0) out.push(`  faults injected  ${faults.map(([kind, count]) => `${kind} ${count}`).join(', ')}`);
  out.push('    attempts  succeeded  operation');
  for (const [operation, count] of Object.entries(result.callsByOperation)) {
    const succeeded = result.succeededByOperation[operation] ?? 0;
    out.push(`    ${String(count).padStart(8)}  ${String(succeeded).padStart(9)}  ${operation}`);
  }
  for (const result_ of result.targets) out.push(line(result_));
  process.stdout.write(`${out.join('\n')}\n`);
}

/** User + system CPU seconds of a live process (Linux /proc), 0 where that cannot be read. */
async function processCpuSeconds(pid) {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** Files that differ between two collected trees (run summaries aside, they differ by design). */
async function compareTrees(left, right) {
  const leftFiles = (await listFiles(left)).filter((file) => !file.startsWith('runs/'));
  const rightFiles = (await listFiles(right)).filter((file) => !file.startsWith('runs/'));
  const differences = [];
  const rightSet = new Set(rightFiles);
  for (const file of leftFiles) {
    if (!rightSet.has(file)) differences.push(`missing ${file}`);
    else if ((await readFile(join(left, file), 'utf8')) !== (await readFile(join(right, file), 'utf8'))) {
      differences.push(`differs ${file}`);
    }
  }
  const leftSet = new Set(leftFiles);
  for (const file of rightFiles) if (!leftSet.has(file)) differences.push(`extra ${file}`);
  return differences;
}

function describeDifferences(differences) {
  if (differences.length === 0) return 'identical';
  return `${differences.length} differences, e.g. ${differences.slice(0, 3).join('; ')}`;
}

async function listFiles(dir) {
  const out = [];
  const walk = async (current) => {
    let entries = [];
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.push(relative(dir, path));
    }
  };
  await walk(dir);
  return out.filter((file) => !file.startsWith('.iamwright-tmp')).sort();
}

function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk.toString()).slice(-50_000);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code: code ?? `signal ${signal}`, stderr }));
  });
}

function sortObject(counts) {
  return Object.fromEntries(Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
}

function round(value) {
  return Math.round(value * 100) / 100;
}

function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}
