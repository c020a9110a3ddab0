import {
  GetTableBucketEncryptionCommand,
  GetTableBucketPolicyCommand,
  ListTableBucketsCommand,
  S3TablesClient,
  type TableBucketSummary,
} from '@aws-sdk/client-s3tables';
import { FieldCollector } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import { noteGap, recordsResult } from '../records.js';
import type { Source } from '../types.js';

/** S3 Tables table buckets of one region: table bucket policy and encryption. */
export const tableBuckets: Source = {
  name: 's3tables/tableBuckets',
  service: 's3tables',
  scope: 'regional',
  description: 'S3 Tables table buckets: table bucket policy, encryption',
  apiCalls: ['s3tables:ListTableBuckets', 's3tables:GetTableBucketPolicy', 's3tables:GetTableBucketEncryption'],
  stores: [{ label: 'tableBucket', service: 's3tables', resourceType: 'bucket', files: ['metadata', 'policy'] }],

  async collect(ctx) {
    const s3tables = ctx.client(S3TablesClient);
    const found: TableBucketSummary[] = [];
    let token: string | undefined;
    do {
      const page = await s3tables.send(new ListTableBucketsCommand({ maxBuckets: 1000, continuationToken: token }));
      found.push(...(page.tableBuckets ?? []));
      token = page.continuationToken;
    } while (token);

    const records = await ctx.map(
      found.filter((bucket) => bucket.arn),
      async (bucket) => {
        const arn = bucket.arn as string;
        const fields = new FieldCollector(arn);
        const [policy, encryption] = await Promise.all([
          readResourceField(() => s3tables.send(new GetTableBucketPolicyCommand({ tableBucketARN: arn }))),
          readResourceField(() => s3tables.send(new GetTableBucketEncryptionCommand({ tableBucketARN: arn }))),
        ]);
        const settings = encryption.state === 'ok' ? encryption.value.encryptionConfiguration : undefined;
        fields.files.metadata = {
          arn,
          name: bucket.name,
          id: bucket.tableBucketId,
          encryptionAlgorithm: settings?.sseAlgorithm,
          key: settings?.kmsKeyArn,
        };
        noteGap(fields, 'metadata.encryption', encryption);
        fields.set('policy', policy, (out) => policyDocument(out.resourcePolicy));
        return fields;
      },
    );
    return recordsResult(records);
  },
};
