// All-services collector benchmark (issue 5's performance bar): the real `iamwright collect download`
// (a child process, run from dist/) with every service enabled, against moto behind the loopback proxy
// and its HTTP emulations, on an organization where every account has, in every region, at least one
// resource of each type the seeds of test/moto make (test/moto/all-services-world.ts, shared with
// test/collect/built-cli-all-services.test.ts).
//
//   npm run build && node bench/collect-services.mjs
//   node bench/collect-services.mjs --accounts 6 --regions us-east-1,us-west-2 --json
//
// It prints, by service (the request's signing name): listing calls and per-resource calls per
// account, resources per account (the jobs' own counts), calls per resource, and time per account
// (the run's wall time divided by accounts, split by each service's share of the jobs' summed time);
// then the collector's CPU time and peak RSS (GNU time), with the < 150 MB target as PASS/FAIL.
// Jobs that fail are listed with their reason. The exit code is 1 if a target fails.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

// The moto harness, emulations and seeds are TypeScript shared with the tests.
register();
const { collectorProcessEnv, dummyAwsEnv } = await import('../test/moto/harness.ts');
const { callerAccount } = await import('../test/moto/emulators.ts');
const { startAllServicesWorld } = await import('../test/moto/all-services-world.ts');

// This process's own SDK clients (the seed) must never find real credentials either.
Object.assign(process.env, dummyAwsEnv());

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_BIN = join(ROOT, 'bin', 'iamwright');
const TIME = '/usr/bin/time';
const RSS_LIMIT_MB = 150;

const { values: flags } = parseArgs({
  options: {
    accounts: { type: 'string', default: '6' },
    regions: { type: 'string', default: 'us-east-1,us-west-2' },
    concurrency: { type: 'string', default: '8' },
    // IAM load per account, as bench/collect.mjs seeds it.
    roles: { type: 'string', default: '100' },
    users: { type: 'string', default: '50' },
    policies: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    bin: { type: 'string', default: DEFAULT_BIN },
    keep: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (flags.help) {
  process.stdout.write(
    'usage: node bench/collect-services.mjs [--accounts 6] [--regions us-east-1,us-west-2] [--concurrency 8]\n' +
      '       [--roles 100] [--users 50] [--policies 50] [--seed 1] [--bin bin/iamwright] [--keep] [--json]\n',
  );
  process.exit(0);
}
const accountCount = Number(flags.accounts);
const regions = flags.regions.split(',');
const concurrency = Number(flags.concurrency);
if (!Number.isInteger(accountCount) || accountCount < 2) {
  process.stderr.write('bench: --accounts needs an integer >= 2 (management + members)\n');
  process.exit(2);
}
if (spawnSync(process.execPath, [flags.bin, 'collect', 'download', '--help'], { stdio: 'ignore' }).status !== 0) {
  process.stderr.write('bench: `iamwright collect download` does not run: run `npm run build` first\n');
  process.exit(2);
}
if (!existsSync(TIME)) {
  process.stderr.write(`bench: ${TIME} (GNU time) is needed to measure the collector's CPU time and peak RSS\n`);
  process.exit(2);
}

// Calls per (account, operation), recorded by the first emulator while the measured run lasts.
const callsByAccount = new Map();
let recording = false;
const recorder = async (request, context) => {
  if (!recording || request.path.startsWith('/moto-api') || request.accessKeyId === '') return undefined;
  const account = await callerAccount(request, context);
  const counts = callsByAccount.get(account) ?? new Map();
  const key = operationKey(request.operation);
  counts.set(key, (counts.get(key) ?? 0) + 1);
  callsByAccount.set(account, counts);
  return undefined;
};

const work = await mkdtemp(join(tmpdir(), 'iamwright-bench-services-'));
let failed = false;
let result;
try {
  const world = await startAllServicesWorld({
    accounts: accountCount,
    regions,
    roles: Number(flags.roles),
    users: Number(flags.users),
    policies: Number(flags.policies),
    seed: Number(flags.seed),
    recorder,
  });
  const { proxy, org } = world;
  try {
    log(`seeded ${accountCount} accounts with every service in ${world.seedSeconds.toFixed(1)} s`);
    // moto imports each service's backend on its first call: an unmeasured run keeps that out.
    await collect('warmup', org, proxy);
    recording = true;
    const run = await collect('measured', org, proxy);
    recording = false;
    result = report(run, org);
  } finally {
    await world.stop();
  }
} finally {
  if (!flags.keep) await rm(work, { recursive: true, force: true });
  else log(`kept ${work}`);
}
if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
process.exitCode = failed ? 1 : 0;

/** One collector run of every service: wall time, CPU, peak RSS, exit code and the job events it logged. */
async function collect(name, org, proxy) {
  const configFile = join(work, `${name}.json`);
  await writeFile(
    configFile,
    JSON.stringify({
      name: `bench ${name}`,
      storage: { type: 'file', path: join(work, name) },
      accounts: { included: org.accounts.map((account) => account.id) },
      regions: { included: org.regions },
      auth: { role: { pathAndName: `/${org.memberRoleName}` } },
    }),
  );
  proxy.resetStats();
  callsByAccount.clear();
  const timeFile = join(work, `${name}.time`);
  const args = ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, flags.bin, 'collect', 'download'];
  args.push('--config-files', configFile, '--concurrency', String(concurrency), '--log-format', 'json');
  const started = performance.now();
  const { code, stderr } = await run(TIME, args, collectorProcessEnv(proxy.endpoint));
  const wall = (performance.now() - started) / 1000;
  const [, user, sys, maxRssKb] = (await readFile(timeFile, 'utf8')).trim().split('\n').pop().split(' ').map(Number);
  const jobs = [];
  const otherLines = [];
  for (const text of stderr.split('\n')) {
    if (text.trim() === '') continue;
    let event;
    try {
      event = JSON.parse(text);
    } catch {
      otherLines.push(text);
      continue;
    }
    if (event.event === 'job') jobs.push(event);
  }
  log(`${name}: exit ${code}, ${wall.toFixed(1)} s, ${jobs.length} jobs`);
  if (code !== 0) log(`${name} stderr (non-JSON lines):\n${otherLines.slice(-15).join('\n')}`);
  return { code, wall, user, sys, cpu: user + sys, rssMb: maxRssKb / 1024, jobs, stats: proxy.stats() };
}

/**
 * A listing call pages through a whole collection: `List*`, `Describe*`, `Search*` and `Get*`
 * operations with a plural name (not tags, one resource's policies or a status), GetAccountAuthorizationDetails,
 * and REST calls the proxy names `<METHOD> <path>` whose path is a collection root (`/restapis`,
 * `/2015-03-31/functions/`, `/-/vaults`). Anything else (policy, tags, attributes of one resource) is a per-resource
 * call. A heuristic by name: --json lists every operation under its service, so a misfiled one shows.
 */
function isListing(operation) {
  let name = operation.slice(operation.indexOf(':') + 1);
  if (name === 'GetAccountAuthorizationDetails' || name === 'ListBuckets') return true;
  const rest = /^[A-Z]+ (\/\S*)$/.exec(name);
  if (rest) {
    const segments = rest[1].split('/').filter(Boolean);
    const last = segments.at(-1) ?? '';
    // Some REST services name the operation in the path (`POST /ListVectorBuckets`).
    if (segments.length === 1 && /^[a-zA-Z]+$/.test(last) && /[A-Z]/.test(last)) {
      name = last[0].toUpperCase() + last.slice(1);
    } else {
      // `{Bucket}`: the proxy's name for S3 calls on one bucket. Version and `-` (own account) prefixes aside.
      if (['tags', 'policy'].includes(last) || rest[1].includes('{')) return false;
      return segments.filter((segment) => !/^(\d{4}-\d{2}-\d{2}|v\d+|-|api)$/.test(segment)).length <= 1;
    }
  }
  // One resource's policy or policies (`GetResourcePolicies` of an SSM parameter) is per resource;
  // `List*Policies` and `Describe*Policies` page through a collection of policies (aoss, logs, X-Ray).
  if (/Tags|Tagging|ForResource|Policy$|Status$/.test(name) || /^Get\w*Policies$/.test(name)) return false;
  return /^(List|Describe|Search|Get)\w*s$/.test(name);
}

/** `GET /2017-03-31/tags/arn%3A...` -> `GET /2017-03-31/tags/{id}`: one row per REST operation, not per resource. */
function operationKey(operation) {
  const rest = /^([^:]+:[A-Z]+ )(\/\S*)$/.exec(operation);
  if (!rest) return operation;
  const path = rest[2]
    .split('/')
    .map((segment) => (/%|\d/.test(segment) && !/^(\d{4}-\d{2}-\d{2}|v\d+)$/.test(segment) ? '{id}' : segment))
    .join('/');
  return `${rest[1]}${path}`;
}

function report(run, org) {
  const accounts = org.accounts.length;
  const services = new Map();
  const row = (service) => {
    let entry = services.get(service);
    if (!entry) {
      entry = { service, listing: 0, perResource: 0, resources: 0, jobMs: 0, operations: {}, failedJobs: [] };
      services.set(service, entry);
    }
    return entry;
  };
  // Calls by the signing name of the request (the proxy's classification).
  for (const counts of callsByAccount.values()) {
    for (const [operation, count] of counts) {
      const entry = row(rowName(operation.slice(0, operation.indexOf(':'))));
      if (isListing(operation)) entry.listing += count;
      else entry.perResource += count;
      entry.operations[operation] = (entry.operations[operation] ?? 0) + count;
    }
  }
  // Resources and time by the collector's own service codes (the same as the signing names, but for rowName's).
  const totalJobMs = run.jobs.reduce((sum, job) => sum + (job.durationMs ?? 0), 0);
  for (const job of run.jobs) {
    const entry = row(rowName(job.service));
    entry.jobMs += job.durationMs ?? 0;
    for (const n of Object.values(job.counts ?? {})) entry.resources += n;
    if (job.status === 'failed') entry.failedJobs.push(`${job.account} ${job.region} ${job.sync}: ${job.reason}`);
  }
  const wallPerAccount = run.wall / accounts;
  const rows = [...services.values()]
    .sort((a, b) => a.service.localeCompare(b.service))
    .map((entry) => ({
      service: entry.service,
      listingCallsPerAccount: round(entry.listing / accounts),
      perResourceCallsPerAccount: round(entry.perResource / accounts),
      resourcesPerAccount: round(entry.resources / accounts),
      callsPerResource: entry.resources > 0 ? round(entry.perResource / entry.resources) : null,
      secondsPerAccount: totalJobMs > 0 ? round((wallPerAccount * entry.jobMs) / totalJobMs) : 0,
      operations: sortObject(entry.operations),
      failedJobs: entry.failedJobs.sort(),
    }));
  const failedJobs = run.jobs.filter((job) => job.status === 'failed').length;
  // Every service is emulated in every region: a skipped job missed its endpoint.
  const skippedJobs = run.jobs.filter((job) => job.status === 'skipped').length;
  const targets = [
    target('exit code 0', run.code === 0, String(run.code)),
    target('no failed job', failedJobs === 0, `${failedJobs} of ${run.jobs.length}`),
    target('no skipped job', skippedJobs === 0, `${skippedJobs} of ${run.jobs.length}`),
    target(`peak RSS < ${RSS_LIMIT_MB} MB`, run.rssMb < RSS_LIMIT_MB, `${run.rssMb.toFixed(1)} MB`),
  ];
  const result = {
    accounts,
    regions: org.regions,
    concurrency,
    exitCode: run.code,
    wallSeconds: round(run.wall),
    secondsPerAccount: round(wallPerAccount),
    cpuSeconds: round(run.cpu),
    userSeconds: round(run.user),
    sysSeconds: round(run.sys),
    peakRssMb: round(run.rssMb),
    apiCalls: run.stats.requests,
    apiCallsPerAccount: round(run.stats.requests / accounts),
    jobs: run.jobs.length,
    services: rows,
    targets,
  };
  if (!flags.json) printResult(result);
  return result;
}

/**
 * The table's row for a signing name or a collector service code: the S3 family is one row (its
 * sources share S3 Control and S3 signing names), Identity Center's identity store goes with sso.
 */
function rowName(name) {
  if (['s3control', 's3express', 's3-object-lambda'].includes(name)) return 's3';
  return name === 'identitystore' ? 'sso' : name;
}

function printResult(result) {
  const out = [];
  out.push(`\n== every service: ${result.accounts} accounts, ${result.regions.join(', ')} ==`);
  out.push(`  wall time        ${result.wallSeconds} s (${result.secondsPerAccount} s per account)`);
  out.push(`  collector CPU    ${result.cpuSeconds} s (user ${result.userSeconds} s, sys ${result.sysSeconds} s)`);
  out.push(`  peak RSS         ${result.peakRssMb} MB`);
  out.push(`  API calls        ${result.apiCalls} (${result.apiCallsPerAccount} per account), ${result.jobs} jobs`);
  out.push('  per account:');
  const headings = ['service', 'listing', 'per-resource', 'resources', 'calls/resource', 's/account'];
  const cells = result.services.map((r) => [
    r.service,
    String(r.listingCallsPerAccount),
    String(r.perResourceCallsPerAccount),
    String(r.resourcesPerAccount),
    r.callsPerResource === null ? '-' : String(r.callsPerResource),
    r.secondsPerAccount.toFixed(2),
  ]);
  const widths = headings.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const format = (c) =>
    `    ${c.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')}`;
  out.push(format(headings));
  for (const c of cells) out.push(format(c));
  const failures = result.services.flatMap((r) => r.failedJobs.map((job) => `    ${r.service}: ${job}`));
  if (failures.length > 0) out.push('  failed jobs:', ...failures);
  for (const t of result.targets) out.push(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.value}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function target(name, pass, value) {
  if (!pass) failed = true;
  return { name, pass, value };
}

function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: work, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const chunks = [];
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      resolve({ code: code ?? `signal ${signal}`, stderr: Buffer.concat(chunks).toString('utf8') }),
    );
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
