import { ListEventDataStoresCommand } from '@aws-sdk/client-cloudtrail';
import { cloudtrailResourcePolicySource } from './resource-policy-source.js';

/** CloudTrail Lake event data stores: who in other accounts may query them, or deliver events to them. */
export const cloudtrailEventDataStores = cloudtrailResourcePolicySource({
  sync: 'eventDataStores',
  label: 'eventDataStore',
  resourceType: 'eventdatastore',
  description: 'CloudTrail Lake event data stores: resource policy, delegated admin policy, tags',
  listAction: 'cloudtrail:ListEventDataStores',
  async list(client, token) {
    const page = await client.send(new ListEventDataStoresCommand({ MaxResults: 1000, NextToken: token }));
    const items = (page.EventDataStores ?? []).flatMap((store) =>
      store.EventDataStoreArn ? [{ arn: store.EventDataStoreArn, metadata: { name: store.Name } }] : [],
    );
    return { items, next: page.NextToken };
  },
});
