// Which services of the bundled IAM database have resource policies, and which of them the collector
// covers. A service has resource policies when it has an action that writes one: named like
// Put*Policy, Set*Policy, *ResourcePolicy*, AddPermission or *AccessPolicy*, less the actions that
// write other kinds of "policy" (scaling, lifecycle, retention...) and IAM's identity policies. A
// service is covered when a collector source calls one of its actions.
//
//   npm run build && node scripts/resource-policy-coverage.mjs [--write]
//
// prints the report (docs/resource-policy-coverage.md with --write). The sources are read from the
// built CLI (`iamwright collect services --json`); test/collect/resource-policy-coverage.test.ts
// regenerates the report from src/ and compares, so the committed file stays true.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Verbs of actions that write a policy (reads and deletes alone do not show that a service has one). */
const WRITES = /^(Put|Set|Create|Update|Add)/;
const POLICY_ACTION = [/^Put.*Policy$/, /^Set.*Policy$/, /ResourcePolicy/, /^AddPermission$/, /AccessPolicy/];
/** Policies that grant no access: scaling, lifecycle, retention, CORS, data protection, ... */
const NOT_ACCESS =
  /(Scaling|Lifecycle|Retention|Cors|Metric|DataProtection|Index|StorageTier|AutoTermination|DataRetrieval|CoreNetwork|Backup)Policy$|^PutAccountPolicy$/;
/** Actions that match by name but write no resource policy, as `service:Action`. */
const NOT_RESOURCE_POLICY = new Set([
  'iam:PutGroupPolicy',
  'iam:PutRolePolicy',
  'iam:PutUserPolicy',
  'fms:PutPolicy', // a Firewall Manager security policy
  'mediaconvert:PutPolicy', // which HTTP inputs jobs may read
]);

/**
 * Why each service with resource policies is not collected. A service that is neither collected nor
 * explained here fails the report: a new one in the database must be examined, not silently listed.
 * "SDK" is the AWS SDK for JavaScript v3 on the npm registry at the time of writing.
 */
const WHY_NOT = {
  'agent-registry': 'no SDK client',
  aiops: 'no SDK client',
  'appmesh-preview': 'preview service: no SDK client',
  appmesh: 'no read call in the SDK: the mesh policy only backs RAM sharing, which the RAM source collects',
  appsync: 'no read call in the SDK (`PutResourcePolicy` is an IAM-only action)',
  'arc-region-switch': 'no SDK client',
  billing: 'no SDK client',
  'cleanrooms-ml': 'no SDK client',
  cloudhsm: 'the newest SDK client (3.332) has no `GetResourcePolicy`',
  datazone: 'no read call in the SDK; DataZone grants (`ListPolicyGrants`) are its own authorization, not IAM policies',
  'elemental-inference': 'no SDK client',
  fsx: 'no read call in the SDK',
  mpa: 'no SDK client',
  odb: 'no SDK client',
  osis: 'the newest SDK client (3.332) has no `GetResourcePolicy`',
  'payment-cryptography': 'no read call in the SDK',
  'resource-explorer-2': 'no read call in the SDK',
  'resource-groups': 'no read call in the SDK',
  'route53-recovery-control-config': 'the newest SDK client (3.332) has no `GetResourcePolicy`',
  route53profiles: 'no SDK client',
  's3-outposts': 'no SDK client for S3 on Outposts buckets and access points',
  servicecatalog: 'no read call in the SDK',
  servicediscovery: 'no read call in the SDK',
};

/** `[{prefix, name, actions}]`: every service with resource-policy actions, sorted by prefix. */
export function resourcePolicyServices(dataDir) {
  const folder = join(dataDir, 'services');
  const out = [];
  // Service files only: `<prefix>.text.json` holds a service's descriptions.
  for (const file of readdirSync(folder)
    .filter((name) => !name.endsWith('.text.json'))
    .sort()) {
    const service = JSON.parse(readFileSync(join(folder, file), 'utf8'));
    const actions = service.actions
      .map((action) => action.name)
      .filter(
        (name) =>
          WRITES.test(name) &&
          POLICY_ACTION.some((pattern) => pattern.test(name)) &&
          !NOT_ACCESS.test(name) &&
          !NOT_RESOURCE_POLICY.has(`${service.prefix}:${name}`),
      )
      .sort();
    if (actions.length > 0) out.push({ prefix: service.prefix, name: service.name, actions });
  }
  return out;
}

/**
 * The report as Markdown. `sources`: `[{source, apiCalls}]` as `collect services --json` prints them;
 * `provenance`: the dataset's (from its manifest).
 */
export function coverageReport(dataDir, sources) {
  const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8'));
  const { source, version, date } = manifest.provenance;
  const bySourcePrefix = new Map();
  for (const s of sources)
    for (const call of s.apiCalls) {
      const prefix = call.slice(0, call.indexOf(':'));
      if (!bySourcePrefix.has(prefix)) bySourcePrefix.set(prefix, new Set());
      bySourcePrefix.get(prefix).add(s.source);
    }
  const services = resourcePolicyServices(dataDir);
  const covered = services.filter((s) => bySourcePrefix.has(s.prefix));
  const uncovered = services.filter((s) => !bySourcePrefix.has(s.prefix));
  const unexplained = uncovered.filter((s) => !Object.hasOwn(WHY_NOT, s.prefix)).map((s) => s.prefix);
  if (unexplained.length > 0) {
    throw new Error(`not collected and not explained in WHY_NOT: ${unexplained.join(', ')}`);
  }
  const row = (s, by) => `| \`${s.prefix}\` | ${s.name} | ${s.actions.map((a) => `\`${a}\``).join(', ')} | ${by} |`;
  return [
    '# Resource-policy coverage',
    '',
    '<!-- Generated by `node scripts/resource-policy-coverage.mjs --write` (after `npm run build`); do not edit. -->',
    '',
    `Services of the bundled IAM database (${source} ${version}, ${date}) with an action that writes a resource policy:`,
    'named like `Put*Policy`, `Set*Policy`, `*ResourcePolicy*`, `AddPermission` or `*AccessPolicy*`, less the policies',
    'that grant no access (scaling, lifecycle, retention, CORS, metrics, data protection, ...) and IAM identity policies.',
    'A service is covered when a collector source calls one of its actions (`iamwright collect services` lists them).',
    'A covered service may still have resource types that no source reads: the actions column says which exist.',
    '',
    `${covered.length} covered, ${uncovered.length} not covered.`,
    '',
    '## Covered',
    '',
    '| Service | Name | Policy actions | Sources |',
    '|---|---|---|---|',
    ...covered.map((s) =>
      row(
        s,
        [...bySourcePrefix.get(s.prefix)]
          .sort()
          .map((n) => `\`${n}\``)
          .join(', '),
      ),
    ),
    '',
    '## Not covered',
    '',
    '| Service | Name | Policy actions | Why not |',
    '|---|---|---|---|',
    ...uncovered.map((s) => row(s, WHY_NOT[s.prefix])),
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const cli = spawnSync(process.execPath, ['bin/iamwright', 'collect', 'services', '--json'], { encoding: 'utf8' });
  if (cli.status !== 0) {
    process.stderr.write(
      `resource-policy-coverage: iamwright collect services failed (run npm run build):\n${cli.stderr}`,
    );
    process.exit(1);
  }
  let report;
  try {
    report = coverageReport('dist/data', JSON.parse(cli.stdout));
  } catch (error) {
    process.stderr.write(`resource-policy-coverage: ${error.message}\n`);
    process.exit(1);
  }
  if (process.argv.includes('--write')) writeFileSync('docs/resource-policy-coverage.md', report);
  else process.stdout.write(report);
}
