/**
 * s3vectors/vectorBuckets against moto, with an HTTP-level emulation of ListTagsForResource (moto 5.2
 * lacks it; answered in AWS's rest-json format from tags the test sets): vector buckets with their
 * policy and tags in two regions; AccessDenied on one bucket's policy; deletion of a bucket.
 */
import * as s3vectors from '@aws-sdk/client-s3vectors';
import type { Emulator } from '../moto/proxy.js';
import { seedClientConfig } from '../moto/resource-seeds.js';
import { ACCOUNT, DENIED, sourceTestSuite } from './resource-sources-harness.js';

const arn = (region: string, name: string) => `arn:aws:s3vectors:${region}:${ACCOUNT}:bucket/${name}`;
const TAGS = new Map([[arn('us-east-1', 'embeddings-us-east-1'), { app: 'search' }]]);
const tagsEmulator: Emulator = (request) => {
  if (request.service !== 's3vectors' || request.method !== 'GET' || !request.path.startsWith('/tags/'))
    return undefined;
  const tags = TAGS.get(decodeURIComponent(request.path.slice('/tags/'.length))) ?? {};
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tags }) };
};
const client = (endpoint: string, region: string) =>
  new s3vectors.S3VectorsClient(seedClientConfig({ endpoint }, region));

sourceTestSuite({
  service: 's3vectors',
  kind: 'moto + HTTP emulation of ListTagsForResource',
  emulators: [tagsEmulator],
  async seed(endpoint) {
    for (const region of ['us-east-1', 'us-west-2']) {
      const c = client(endpoint, region);
      // moto keys vector buckets by name across regions, so each region gets its own names.
      for (const name of [`embeddings-${region}`, `scratch-${region}`])
        await c.send(new s3vectors.CreateVectorBucketCommand({ vectorBucketName: name }));
      await c.send(
        new s3vectors.PutVectorBucketPolicyCommand({
          vectorBucketName: `embeddings-${region}`,
          policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::111122223333:root' },
                Action: 's3vectors:QueryVectors',
                Resource: `${arn(region, `embeddings-${region}`)}/*`,
              },
            ],
          }),
        }),
      );
      c.destroy();
    }
  },
  jobs: [
    ['us-east-1', 'vectorBuckets', { status: 'collected', counts: { vectorBucket: 2 } }],
    ['us-west-2', 'vectorBuckets', { status: 'collected', counts: { vectorBucket: 2 } }],
  ],
  denied: {
    what: "one bucket's GetVectorBucketPolicy",
    predicate: (r) =>
      r.service === 's3vectors' &&
      r.path === '/GetVectorBucketPolicy' &&
      r.region === 'us-east-1' &&
      r.body.includes('embeddings-us-east-1'),
    job: [
      'us-east-1',
      'vectorBuckets',
      {
        status: 'collected',
        counts: { vectorBucket: 2 },
        issues: [{ kind: 'denied', arn: arn('us-east-1', 'embeddings-us-east-1'), field: 'policy', message: DENIED }],
      },
    ],
  },
  removed: {
    what: 'a vector bucket (us-west-2 embeddings, with its policy)',
    async remove(endpoint) {
      const c = client(endpoint, 'us-west-2');
      await c.send(new s3vectors.DeleteVectorBucketPolicyCommand({ vectorBucketName: 'embeddings-us-west-2' }));
      await c.send(new s3vectors.DeleteVectorBucketCommand({ vectorBucketName: 'embeddings-us-west-2' }));
      c.destroy();
    },
    gone: (path) => path.startsWith('s3vectors/us-west-2/bucket/embeddings-us-west-2/'),
    files: 2,
  },
});
