/**
 * The resource indexes (buckets-to-accounts, apigateways-to-accounts, vpcs) against moto: S3 buckets,
 * REST APIs and VPC endpoints in two regions are collected, and the index files written after the run
 * are compared whole with golden files; `collect index` rebuilds the same files from stored data alone;
 * removed resources leave the indexes on the next run; docs/collected-data.md describes each index.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as apigateway from '@aws-sdk/client-api-gateway';
import * as ec2 from '@aws-sdk/client-ec2';
import * as s3 from '@aws-sdk/client-s3';
import { rebuildIndexes } from '../../src/collect/index-command.js';
import { seedClientConfig } from '../moto/resource-seeds.js';
import { collectInProcess } from './e2e-helpers.js';
import { type SourceHarness, startSourceHarness } from './resource-sources-harness.js';

const INDEXES = ['apigateways-to-accounts', 'buckets-to-accounts', 'vpcs'] as const;
const REGIONS = ['us-east-1', 'us-west-2'];
const GOLDEN = new URL('../fixtures/collect/indexes', import.meta.url).pathname;

let harness: SourceHarness;
let work: string;
const apiIds: Record<string, string> = {};
let sqsEndpoint = '';

before(async () => {
  harness = await startSourceHarness();
  work = await mkdtemp(join(tmpdir(), 'iamwright-indexes-'));
  for (const region of REGIONS) {
    const config = seedClientConfig({ endpoint: harness.endpoint }, region);
    const buckets = new s3.S3Client({ ...config, forcePathStyle: true });
    for (const name of [`data-${region}`, `logs-${region}`])
      await buckets.send(
        new s3.CreateBucketCommand({
          Bucket: name,
          ...(region === 'us-east-1'
            ? {}
            : { CreateBucketConfiguration: { LocationConstraint: region as s3.BucketLocationConstraint } }),
        }),
      );
    buckets.destroy();

    const apis = new apigateway.APIGatewayClient(config);
    for (const name of ['orders-api', 'admin-api'])
      apiIds[`${region}/${name}`] = (await apis.send(new apigateway.CreateRestApiCommand({ name }))).id ?? '';
    apis.destroy();

    const network = new ec2.EC2Client(config);
    const vpc = (await network.send(new ec2.CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc?.VpcId;
    await network.send(
      new ec2.CreateVpcEndpointCommand({
        VpcId: vpc,
        ServiceName: `com.amazonaws.${region}.s3`,
        VpcEndpointType: 'Gateway',
      }),
    );
    if (region === 'us-east-1') {
      const subnet = (await network.send(new ec2.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.0.1.0/24' }))).Subnet
        ?.SubnetId;
      const created = await network.send(
        new ec2.CreateVpcEndpointCommand({
          VpcId: vpc,
          ServiceName: `com.amazonaws.${region}.sqs`,
          VpcEndpointType: 'Interface',
          SubnetIds: subnet ? [subnet] : [],
        }),
      );
      sqsEndpoint = created.VpcEndpoint?.VpcEndpointId ?? '';
    }
    network.destroy();
  }
});

after(async () => {
  await harness?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Collects S3, API Gateway and EC2 into `<work>/data` (indexes built after the run) and reads the three indexes. */
async function collect(): Promise<Record<string, unknown>> {
  const port = new URL(harness.endpoint).port;
  const result = await collectInProcess(
    join(work, 'config'),
    {
      storage: { type: 'file', path: join(work, 'data') },
      regions: { included: REGIONS },
      endpoint: harness.endpoint,
      serviceConfigs: { s3control: { endpoint: `http://s3control.localhost:${port}` } },
    },
    { services: ['s3', 'apigateway', 'ec2'] },
  );
  assert.equal(result.exitCode, 0, JSON.stringify(result.summary, null, 2));
  return readIndexes();
}

async function readIndexes(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of INDEXES) {
    const path = join(work, 'data', 'aws', 'aws', 'indexes', `${name}.json`);
    out[name] = existsSync(path) ? JSON.parse(await readFile(path, 'utf8')) : undefined;
  }
  return out;
}

/** Compares the indexes with `test/fixtures/collect/indexes/<name>/<index>.json`; `UPDATE_GOLDEN=1` rewrites them. */
async function assertGoldenIndexes(name: string, actual: Record<string, unknown>): Promise<void> {
  const folder = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) {
    await mkdir(folder, { recursive: true });
    for (const index of INDEXES)
      await writeFile(join(folder, `${index}.json`), `${JSON.stringify(actual[index], null, 2)}\n`);
  }
  for (const index of INDEXES)
    assert.deepEqual(actual[index], JSON.parse(readFileSync(join(folder, `${index}.json`), 'utf8')), index);
}

describe('resource indexes (moto)', () => {
  let collected: Record<string, unknown>;

  it('a run writes buckets-to-accounts, apigateways-to-accounts and vpcs from what it stored', async () => {
    collected = await collect();
    await assertGoldenIndexes('collected', collected);
  });

  it('collect index rebuilds the same files from stored data alone', async () => {
    await rm(join(work, 'data', 'aws', 'aws', 'indexes'), { recursive: true });
    const written = await rebuildIndexes({ configFiles: [join(work, 'config', 'iamwright.jsonc')], partition: 'aws' });
    for (const index of INDEXES) assert.ok(written.includes(index), `${index} in ${written.join(', ')}`);
    assert.deepEqual(await readIndexes(), collected);
  });

  it('removed resources leave the indexes on the next run', async () => {
    const east = seedClientConfig({ endpoint: harness.endpoint }, 'us-east-1');
    const buckets = new s3.S3Client({ ...east, forcePathStyle: true });
    await buckets.send(new s3.DeleteBucketCommand({ Bucket: 'logs-us-east-1' }));
    buckets.destroy();
    const apis = new apigateway.APIGatewayClient(east);
    await apis.send(new apigateway.DeleteRestApiCommand({ restApiId: apiIds['us-east-1/admin-api'] }));
    apis.destroy();
    const network = new ec2.EC2Client(east);
    await network.send(new ec2.DeleteVpcEndpointsCommand({ VpcEndpointIds: [sqsEndpoint] }));
    network.destroy();
    await assertGoldenIndexes('after-removal', await collect());
  });

  it('docs/collected-data.md describes each index', async () => {
    const guide = await readFile(new URL('../../docs/collected-data.md', import.meta.url), 'utf8');
    for (const index of INDEXES) assert.match(guide, new RegExp(`^- \`${index}\\.json\`: `, 'm'), index);
  });
});
