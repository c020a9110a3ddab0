import {
  GetVectorBucketPolicyCommand,
  ListTagsForResourceCommand,
  ListVectorBucketsCommand,
  S3VectorsClient,
} from '@aws-sdk/client-s3vectors';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * S3 Vectors buckets with their bucket policy (which can grant other accounts or everyone access to
 * the vector indexes) and tags. The listing gives names and ARNs; the policy and tags cost one call each
 * per bucket.
 */
export const s3VectorBuckets: Source = {
  name: 's3vectors/vectorBuckets',
  service: 's3vectors',
  scope: 'regional',
  description: 'S3 Vectors buckets: bucket policy, tags',
  apiCalls: ['s3vectors:ListVectorBuckets', 's3vectors:GetVectorBucketPolicy', 's3vectors:ListTagsForResource'],
  stores: [
    { label: 'vectorBucket', service: 's3vectors', resourceType: 'bucket', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(S3VectorsClient);
    const pages = await allPages(
      (token) => client.send(new ListVectorBucketsCommand({ maxResults: 500, nextToken: token })),
      (page) => page.nextToken,
    );
    // Only this region's buckets: an answer that mixes regions (moto's) must not fail the job.
    const buckets = pages
      .flatMap((page) => page.vectorBuckets ?? [])
      .filter((b) => b.vectorBucketArn?.split(':')[3] === ctx.region);
    const records = await ctx.map(buckets, async (bucket) => {
      const arn = bucket.vectorBucketArn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = { arn, name: bucket.vectorBucketName };
      const [policy, tags] = await Promise.all([
        readResourceField(() => client.send(new GetVectorBucketPolicyCommand({ vectorBucketArn: arn }))),
        readResourceField(() => client.send(new ListTagsForResourceCommand({ resourceArn: arn }))),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.policy));
      fields.set('tags', tags, (out) => tagsMap(out.tags));
      return fields;
    });
    return recordsResult(records);
  },
};
