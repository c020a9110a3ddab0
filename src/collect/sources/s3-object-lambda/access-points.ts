import {
  GetAccessPointForObjectLambdaCommand,
  GetAccessPointPolicyForObjectLambdaCommand,
  ListAccessPointsForObjectLambdaCommand,
  type ObjectLambdaAccessPoint,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { FieldCollector } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/** S3 Object Lambda access points of one region: access point policy and Block Public Access. They take no tags. */
export const objectLambdaAccessPoints: Source = {
  name: 's3-object-lambda/objectLambdaAccessPoints',
  service: 's3-object-lambda',
  scope: 'regional',
  description: 'S3 Object Lambda access points: access point policy, Block Public Access',
  apiCalls: [
    's3:ListAccessPointsForObjectLambda',
    's3:GetAccessPointForObjectLambda',
    's3:GetAccessPointPolicyForObjectLambda',
  ],
  stores: [
    {
      label: 'objectLambdaAccessPoint',
      service: 's3-object-lambda',
      resourceType: 'accesspoint',
      files: ['metadata', 'bpa', 'policy'],
    },
  ],

  async collect(ctx) {
    const s3control = ctx.client(S3ControlClient, 's3control');
    const found: ObjectLambdaAccessPoint[] = [];
    let token: string | undefined;
    do {
      const page = await s3control.send(
        new ListAccessPointsForObjectLambdaCommand({ AccountId: ctx.account, MaxResults: 1000, NextToken: token }),
      );
      found.push(...(page.ObjectLambdaAccessPointList ?? []));
      token = page.NextToken;
    } while (token);

    const records = await ctx.map(
      found.filter((ap) => ap.Name && ap.ObjectLambdaAccessPointArn),
      async (ap) => {
        const name = ap.Name as string;
        const arn = ap.ObjectLambdaAccessPointArn as string;
        const fields = new FieldCollector(arn);
        const [details, policy] = await Promise.all([
          readResourceField(() =>
            s3control.send(new GetAccessPointForObjectLambdaCommand({ AccountId: ctx.account, Name: name })),
          ),
          readResourceField(() =>
            s3control.send(new GetAccessPointPolicyForObjectLambdaCommand({ AccountId: ctx.account, Name: name })),
          ),
        ]);
        fields.files.metadata = { arn, name, alias: ap.Alias?.Value };
        fields.set('bpa', details, (out) => out.PublicAccessBlockConfiguration);
        fields.set('policy', policy, (out) => policyDocument(out.Policy));
        return fields;
      },
    );
    return recordsResult(records);
  },
};
