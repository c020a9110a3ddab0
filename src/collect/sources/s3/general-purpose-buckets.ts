import {
  GetBucketAbacCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { FieldCollector, readField, tagsObject } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import { noteGap, recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * General purpose S3 buckets of one region: bucket policy, Block Public Access, default encryption and
 * tags. Bucket ARNs name no region, so every region's buckets share the `s3/` folder; each job owns the
 * buckets whose stored metadata names its region.
 */
export const generalPurposeBuckets: Source = {
  name: 's3/generalPurposeBuckets',
  service: 's3',
  scope: 'regional',
  description: 'S3 general purpose buckets: bucket policy, Block Public Access, default encryption, ABAC, tags',
  apiCalls: [
    's3:ListAllMyBuckets',
    's3:GetBucketPolicy',
    's3:GetBucketPublicAccessBlock',
    's3:GetEncryptionConfiguration',
    's3:GetBucketTagging',
    's3:GetBucketAbac',
  ],
  stores: [
    {
      label: 'bucket',
      service: 's3',
      resourceType: '',
      regionless: true,
      files: ['metadata', 'policy', 'bpa', 'encryption', 'tags'],
      owns: (metadata, job) => metadata?.region === job.region,
    },
  ],

  async collect(ctx) {
    const s3 = ctx.client(S3Client);
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListBucketsCommand({ BucketRegion: ctx.region, MaxBuckets: 1000, ContinuationToken: token }),
      );
      for (const bucket of page.Buckets ?? []) if (bucket.Name) names.push(bucket.Name);
      token = page.ContinuationToken;
    } while (token);

    const records = await ctx.map(names, async (name) => {
      const arn = `arn:${ctx.partition}:s3:::${name}`;
      const fields = new FieldCollector(arn);
      const [policy, bpa, encryption, tags, abac] = await Promise.all([
        readResourceField(() =>
          s3.send(new GetBucketPolicyCommand({ Bucket: name, ExpectedBucketOwner: ctx.account })),
        ),
        readResourceField(() => s3.send(new GetPublicAccessBlockCommand({ Bucket: name }))),
        readResourceField(() => s3.send(new GetBucketEncryptionCommand({ Bucket: name }))),
        readResourceField(() => s3.send(new GetBucketTaggingCommand({ Bucket: name }))),
        // ABAC is recent: where S3 does not offer it yet, the error costs the attribute, not the bucket.
        readField(() => s3.send(new GetBucketAbacCommand({ Bucket: name }))),
      ]);
      const status = abac.state === 'ok' ? abac.value.AbacStatus?.Status : undefined;
      fields.files.metadata = {
        arn,
        name,
        region: ctx.region,
        abacEnabled: status === undefined ? undefined : status === 'Enabled',
      };
      noteGap(fields, 'metadata.abacEnabled', abac);
      fields.set('policy', policy, (out) => policyDocument(out.Policy));
      fields.set('bpa', bpa, (out) => out.PublicAccessBlockConfiguration);
      fields.set('encryption', encryption, (out) => out.ServerSideEncryptionConfiguration?.Rules);
      fields.set('tags', tags, (out) => tagsObject(out.TagSet));
      return fields;
    });
    return recordsResult(records);
  },
};
