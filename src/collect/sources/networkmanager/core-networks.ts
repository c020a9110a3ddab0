import {
  GetResourcePolicyCommand,
  ListCoreNetworksCommand,
  NetworkManagerClient,
} from '@aws-sdk/client-networkmanager';
import { FieldCollector, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * Network Manager's API is served from one region per partition: the SDK sends every call there
 * whatever the client's region, but signs for the client's region when an endpoint is configured
 * (tests, VPC endpoints), so the client is made for that region. Other partitions lack Cloud WAN.
 */
const HOME_REGION: Readonly<Record<string, string>> = { aws: 'us-west-2', 'aws-us-gov': 'us-gov-west-1' };

/**
 * Cloud WAN core networks the account owns, with their resource policy (which shares the core network
 * with other accounts through RAM) and tags. Core network ARNs name no region
 * (`arn:aws:networkmanager::<account>:core-network/<id>`), so they are collected once per account.
 * The core network *policy* (GetCoreNetworkPolicy) is routing configuration, not IAM: not collected.
 * The listing gives id, ARN, global network, owner, state and tags; the policy costs one call each.
 */
export const networkmanagerCoreNetworks: Source = {
  name: 'networkmanager/coreNetworks',
  service: 'networkmanager',
  scope: 'global',
  description: 'Network Manager (Cloud WAN) core networks: resource policy, tags',
  apiCalls: ['networkmanager:ListCoreNetworks', 'networkmanager:GetResourcePolicy'],
  stores: [
    {
      label: 'coreNetwork',
      service: 'networkmanager',
      resourceType: 'core-network',
      files: ['metadata', 'policy', 'tags'],
    },
  ],

  async collect(ctx) {
    const region = HOME_REGION[ctx.partition];
    if (!region) return { note: `Network Manager core networks do not exist in the ${ctx.partition} partition` };
    const client = ctx.client(NetworkManagerClient, 'networkmanager', region);
    const pages = await allPages(
      (token) => client.send(new ListCoreNetworksCommand({ MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    // Core networks shared with the account through RAM are listed too; their owner collects them.
    const networks = pages
      .flatMap((page) => page.CoreNetworks ?? [])
      .filter((network) => network.CoreNetworkArn && network.CoreNetworkId)
      .filter((network) => network.OwnerAccountId === undefined || network.OwnerAccountId === ctx.account);
    const records = await ctx.map(networks, async (network) => {
      const arn = network.CoreNetworkArn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        id: network.CoreNetworkId,
        globalNetworkId: network.GlobalNetworkId,
        ownerAccountId: network.OwnerAccountId,
        state: network.State,
        description: network.Description,
      };
      fields.files.tags = tagsObject(network.Tags);
      const policy = await readResourceField(() => client.send(new GetResourcePolicyCommand({ ResourceArn: arn })));
      fields.set('policy', policy, (out) =>
        policyDocument(out.PolicyDocument === undefined ? undefined : String(out.PolicyDocument)),
      );
      return fields;
    });
    return recordsResult(records);
  },
};
