import {
  type Bucket,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  ListDirectoryBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ListTagsForResourceCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { describeError, errorName } from '../../aws/errors.js';
import { FieldCollector, type FieldResult, tagsObject } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import { noteGap, recordsResult } from '../records.js';
import type { Source } from '../types.js';

/** Directory bucket names end in `--<zone id>--x-s3`; anything else is a general purpose bucket. */
const DIRECTORY_BUCKET = /--x-s3$/;

/**
 * Reads one field of one directory bucket through S3. The SDK's endpoint rules read the zone id out
 * of the bucket's name and reject a name without a real one (EndpointError) before sending anything:
 * that costs this bucket's fields, recorded as failed, not the whole region's job.
 */
async function readBucketField<T>(read: () => Promise<T>): Promise<FieldResult<T>> {
  try {
    return await readResourceField(read);
  } catch (error) {
    if (errorName(error) !== 'EndpointError') throw error;
    return { state: 'failed', message: describeError(error) };
  }
}

/** S3 Express One Zone directory buckets of one region: bucket policy, default encryption, tags. */
export const directoryBuckets: Source = {
  name: 's3express/directoryBuckets',
  service: 's3express',
  scope: 'regional',
  description: 'S3 Express One Zone directory buckets: bucket policy, default encryption, tags',
  apiCalls: [
    's3express:ListAllMyDirectoryBuckets',
    's3express:GetBucketPolicy',
    's3express:GetEncryptionConfiguration',
    's3express:ListTagsForResource',
  ],
  stores: [
    { label: 'directoryBucket', service: 's3express', resourceType: 'bucket', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const s3 = ctx.client(S3Client, 's3express');
    const s3control = ctx.client(S3ControlClient, 's3control');
    const found: Bucket[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListDirectoryBucketsCommand({ MaxDirectoryBuckets: 1000, ContinuationToken: token }),
      );
      found.push(...(page.Buckets ?? []));
      token = page.ContinuationToken;
    } while (token);
    const names = found.flatMap((bucket) =>
      bucket.Name && DIRECTORY_BUCKET.test(bucket.Name) && (bucket.BucketRegion ?? ctx.region) === ctx.region
        ? [bucket.Name]
        : [],
    );

    const records = await ctx.map(names, async (name) => {
      const arn = `arn:${ctx.partition}:s3express:${ctx.region}:${ctx.account}:bucket/${name}`;
      const fields = new FieldCollector(arn);
      const [policy, encryption, tags] = await Promise.all([
        readBucketField(() => s3.send(new GetBucketPolicyCommand({ Bucket: name }))),
        readBucketField(() => s3.send(new GetBucketEncryptionCommand({ Bucket: name }))),
        readResourceField(() =>
          s3control.send(new ListTagsForResourceCommand({ AccountId: ctx.account, ResourceArn: arn })),
        ),
      ]);
      fields.files.metadata = {
        arn,
        name,
        encryption: encryption.state === 'ok' ? encryption.value.ServerSideEncryptionConfiguration?.Rules : undefined,
      };
      noteGap(fields, 'metadata.encryption', encryption);
      fields.set('policy', policy, (out) => policyDocument(out.Policy));
      fields.set('tags', tags, (out) => tagsObject(out.Tags));
      return fields;
    });
    return recordsResult(records);
  },
};
