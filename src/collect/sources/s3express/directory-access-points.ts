import {
  type AccessPoint,
  GetAccessPointCommand,
  GetAccessPointPolicyCommand,
  ListAccessPointsForDirectoryBucketsCommand,
  ListTagsForResourceCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { FieldCollector, tagsObject } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import { noteGap, recordsResult } from '../records.js';
import type { Source } from '../types.js';

/** Access points of S3 Express One Zone directory buckets in one region: policy, Block Public Access, tags. */
export const directoryAccessPoints: Source = {
  name: 's3express/directoryAccessPoints',
  service: 's3express',
  scope: 'regional',
  description: 'S3 Express One Zone directory bucket access points: access point policy, Block Public Access, tags',
  apiCalls: [
    's3express:ListAccessPointsForDirectoryBuckets',
    's3express:GetAccessPoint',
    's3express:GetAccessPointPolicy',
    's3express:ListTagsForResource',
  ],
  stores: [
    {
      label: 'directoryAccessPoint',
      service: 's3express',
      resourceType: 'accesspoint',
      files: ['metadata', 'bpa', 'policy', 'tags'],
    },
  ],

  async collect(ctx) {
    const s3control = ctx.client(S3ControlClient, 's3control');
    const found: AccessPoint[] = [];
    let token: string | undefined;
    do {
      const page = await s3control.send(
        new ListAccessPointsForDirectoryBucketsCommand({ AccountId: ctx.account, MaxResults: 1000, NextToken: token }),
      );
      found.push(...(page.AccessPointList ?? []));
      token = page.NextToken;
    } while (token);

    const records = await ctx.map(
      found.filter((ap) => ap.Name && ap.AccessPointArn),
      async (ap) => {
        const name = ap.Name as string;
        const arn = ap.AccessPointArn as string;
        const fields = new FieldCollector(arn);
        const [details, policy, tags] = await Promise.all([
          readResourceField(() => s3control.send(new GetAccessPointCommand({ AccountId: ctx.account, Name: name }))),
          readResourceField(() =>
            s3control.send(new GetAccessPointPolicyCommand({ AccountId: ctx.account, Name: name })),
          ),
          readResourceField(() =>
            s3control.send(new ListTagsForResourceCommand({ AccountId: ctx.account, ResourceArn: arn })),
          ),
        ]);
        const about = details.state === 'ok' ? details.value : undefined;
        fields.files.metadata = {
          arn,
          name,
          alias: about?.Alias,
          networkOrigin: ap.NetworkOrigin,
          vpc: ap.VpcConfiguration?.VpcId,
          bucket: ap.Bucket,
          bucketAccount: ap.BucketAccountId,
          vpcEndpoints: about?.Endpoints,
        };
        noteGap(fields, 'metadata.alias', details);
        fields.set('bpa', details, (out) => out.PublicAccessBlockConfiguration);
        fields.set('policy', policy, (out) => policyDocument(out.Policy));
        fields.set('tags', tags, (out) => tagsObject(out.Tags));
        return fields;
      },
    );
    return recordsResult(records);
  },
};
