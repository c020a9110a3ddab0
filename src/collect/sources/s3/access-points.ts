import {
  type AccessPoint,
  GetAccessPointCommand,
  GetAccessPointPolicyCommand,
  ListAccessPointsCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { splitArn } from '../../../storage/layout.js';
import { FieldCollector } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import { noteGap, recordsResult } from '../records.js';
import type { Source } from '../types.js';

/** S3 access points of general purpose buckets in one region: access point policy and Block Public Access. */
export const accessPoints: Source = {
  name: 's3/accessPoints',
  service: 's3',
  scope: 'regional',
  description: 'S3 access points: access point policy, Block Public Access, network origin',
  apiCalls: ['s3:ListAccessPoints', 's3:GetAccessPoint', 's3:GetAccessPointPolicy'],
  stores: [{ label: 'accessPoint', service: 's3', resourceType: 'accesspoint', files: ['metadata', 'bpa', 'policy'] }],

  async collect(ctx) {
    const s3control = ctx.client(S3ControlClient, 's3control');
    const found: AccessPoint[] = [];
    let token: string | undefined;
    do {
      const page = await s3control.send(
        new ListAccessPointsCommand({ AccountId: ctx.account, MaxResults: 1000, NextToken: token }),
      );
      found.push(...(page.AccessPointList ?? []));
      token = page.NextToken;
    } while (token);
    // The listing is regional on AWS; an emulator that lists every region's access points is filtered by ARN.
    const inRegion = found.filter(
      (ap) => ap.Name && ap.AccessPointArn && splitArn(ap.AccessPointArn).region === ctx.region,
    );

    const records = await ctx.map(inRegion, async (ap) => {
      const name = ap.Name as string;
      const arn = ap.AccessPointArn as string;
      const fields = new FieldCollector(arn);
      const [details, policy] = await Promise.all([
        readResourceField(() => s3control.send(new GetAccessPointCommand({ AccountId: ctx.account, Name: name }))),
        readResourceField(() =>
          s3control.send(new GetAccessPointPolicyCommand({ AccountId: ctx.account, Name: name })),
        ),
      ]);
      fields.files.metadata = {
        arn,
        name,
        alias: ap.Alias,
        networkOrigin: ap.NetworkOrigin,
        vpc: ap.VpcConfiguration?.VpcId,
        bucket: ap.Bucket,
        bucketAccount: ap.BucketAccountId,
        endpoints: details.state === 'ok' ? details.value.Endpoints : undefined,
      };
      noteGap(fields, 'metadata.endpoints', details);
      fields.set('bpa', details, (out) => out.PublicAccessBlockConfiguration);
      fields.set('policy', policy, (out) => policyDocument(out.Policy));
      return fields;
    });
    return recordsResult(records);
  },
};
