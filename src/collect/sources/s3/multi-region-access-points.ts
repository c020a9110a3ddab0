import {
  GetMultiRegionAccessPointPolicyCommand,
  ListMultiRegionAccessPointsCommand,
  type MultiRegionAccessPointReport,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { FieldCollector } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/** Multi-Region Access Points are managed from one region per partition; other partitions lack them. */
const CONTROL_REGION: Readonly<Record<string, string>> = { aws: 'us-west-2' };

/**
 * S3 Multi-Region Access Points: global to the account (their ARNs name no region), so collected once
 * per account from the partition's control region: the established policy, Block Public Access, and
 * the buckets they route to.
 */
export const multiRegionAccessPoints: Source = {
  name: 's3/multiRegionAccessPoints',
  service: 's3',
  scope: 'global',
  description: 'S3 Multi-Region Access Points: established policy, Block Public Access, buckets and regions',
  apiCalls: ['s3:ListMultiRegionAccessPoints', 's3:GetMultiRegionAccessPointPolicy'],
  stores: [
    {
      label: 'multiRegionAccessPoint',
      service: 's3',
      resourceType: 'accesspoint',
      files: ['metadata', 'bpa', 'policy'],
    },
  ],

  async collect(ctx) {
    const region = CONTROL_REGION[ctx.partition];
    if (!region) return { note: `Multi-Region Access Points do not exist in the ${ctx.partition} partition` };
    const s3control = ctx.client(S3ControlClient, 's3control', region);
    const found: MultiRegionAccessPointReport[] = [];
    let token: string | undefined;
    do {
      const page = await s3control.send(
        new ListMultiRegionAccessPointsCommand({ AccountId: ctx.account, MaxResults: 100, NextToken: token }),
      );
      found.push(...(page.AccessPoints ?? []));
      token = page.NextToken;
    } while (token);

    const records = await ctx.map(
      found.filter((mrap) => mrap.Name && mrap.Alias),
      async (mrap) => {
        const arn = `arn:${ctx.partition}:s3::${ctx.account}:accesspoint/${mrap.Alias}`;
        const fields = new FieldCollector(arn);
        const policy = await readResourceField(() =>
          s3control.send(new GetMultiRegionAccessPointPolicyCommand({ AccountId: ctx.account, Name: mrap.Name })),
        );
        fields.files.metadata = { arn, name: mrap.Name, alias: mrap.Alias, regions: mrap.Regions };
        fields.files.bpa = mrap.PublicAccessBlock;
        fields.set('policy', policy, (out) => policyDocument(out.Policy?.Established?.Policy));
        return fields;
      },
    );
    return recordsResult(records);
  },
};
