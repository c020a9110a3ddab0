import { DescribeVpcEndpointsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { tagsObject } from '../fields.js';
import { allPages, policyDocument } from '../policy-fields.js';
import type { ResourceRecord, Source } from '../types.js';

/**
 * VPC endpoints (available ones, as iam-collect) with their endpoint policy and tags.
 * DescribeVpcEndpoints returns all of it: one call per thousand endpoints, nothing per endpoint.
 */
export const vpcEndpoints: Source = {
  name: 'ec2/vpcEndpoints',
  service: 'ec2',
  scope: 'regional',
  description: 'EC2 VPC endpoints: endpoint policy, VPC, service name, tags',
  apiCalls: ['ec2:DescribeVpcEndpoints'],
  stores: [
    {
      label: 'vpcEndpoint',
      service: 'ec2',
      resourceType: 'vpc-endpoint',
      files: ['metadata', 'endpoint-policy', 'tags'],
    },
  ],

  async collect(ctx) {
    const client = ctx.client(EC2Client);
    const pages = await allPages(
      (token) =>
        client.send(
          new DescribeVpcEndpointsCommand({
            Filters: [{ Name: 'vpc-endpoint-state', Values: ['available'] }],
            MaxResults: 1000,
            NextToken: token,
          }),
        ),
      (page) => page.NextToken,
    );
    const resources: ResourceRecord[] = pages.flatMap((page) =>
      (page.VpcEndpoints ?? []).flatMap((endpoint) => {
        if (!endpoint.VpcEndpointId) return [];
        const owner = endpoint.OwnerId ?? ctx.account;
        const prefix = `arn:${ctx.partition}:ec2:${ctx.region}:${owner}`;
        const arn = `${prefix}:vpc-endpoint/${endpoint.VpcEndpointId}`;
        return [
          {
            arn,
            files: {
              metadata: {
                arn,
                id: endpoint.VpcEndpointId,
                vpc: endpoint.VpcId ? `${prefix}:vpc/${endpoint.VpcId}` : undefined,
                type: endpoint.VpcEndpointType,
                serviceName: endpoint.ServiceName,
              },
              'endpoint-policy': policyDocument(endpoint.PolicyDocument),
              tags: tagsObject(endpoint.Tags),
            },
          },
        ];
      }),
    );
    return { resources };
  },
};
