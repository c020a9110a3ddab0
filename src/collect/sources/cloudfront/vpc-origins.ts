import {
  CloudFrontClient,
  GetResourcePolicyCommand,
  ListTagsForResourceCommand,
  ListVpcOriginsCommand,
} from '@aws-sdk/client-cloudfront';
import { FieldCollector, isoDate, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * CloudFront VPC origins (private origins in a VPC) with their resource policy, which shares them with
 * other accounts through RAM, and their tags. CloudFront is a global service: its ARNs name no region
 * (`arn:aws:cloudfront::<account>:vpcorigin/<id>`), so VPC origins are collected once per account,
 * from the partition's home region. VPC origins are the only CloudFront resource type the IAM
 * database lists for GetResourcePolicy. The listing gives id, name, ARN, status and the origin
 * endpoint; the policy and the tags cost one call each per VPC origin.
 */
export const cloudfrontVpcOrigins: Source = {
  name: 'cloudfront/vpcOrigins',
  service: 'cloudfront',
  scope: 'global',
  description: 'CloudFront VPC origins: resource policy, origin endpoint, tags',
  apiCalls: ['cloudfront:ListVpcOrigins', 'cloudfront:GetResourcePolicy', 'cloudfront:ListTagsForResource'],
  stores: [
    { label: 'vpcOrigin', service: 'cloudfront', resourceType: 'vpcorigin', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(CloudFrontClient);
    const pages = await allPages(
      (marker) => client.send(new ListVpcOriginsCommand({ MaxItems: 100, Marker: marker })),
      (page) => page.VpcOriginList?.NextMarker || undefined,
    );
    const origins = pages
      .flatMap((page) => page.VpcOriginList?.Items ?? [])
      .filter((origin) => origin.Arn && origin.Id);
    const records = await ctx.map(origins, async (origin) => {
      const arn = origin.Arn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        id: origin.Id,
        name: origin.Name,
        status: origin.Status,
        originEndpointArn: origin.OriginEndpointArn,
        createdTime: isoDate(origin.CreatedTime),
      };
      const [policy, tags] = await Promise.all([
        readResourceField(() => client.send(new GetResourcePolicyCommand({ ResourceArn: arn }))),
        readResourceField(() => client.send(new ListTagsForResourceCommand({ Resource: arn }))),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.PolicyDocument));
      fields.set('tags', tags, (out) => tagsObject(out.Tags?.Items));
      return fields;
    });
    return recordsResult(records);
  },
};
