import { ListServiceNetworksCommand } from '@aws-sdk/client-vpc-lattice';
import { latticeSource } from './lattice-source.js';

/** VPC Lattice service networks: auth policy, resource policy (RAM sharing), tags. */
export const latticeServiceNetworks = latticeSource({
  sync: 'serviceNetworks',
  label: 'latticeServiceNetwork',
  resourceType: 'servicenetwork',
  description: 'VPC Lattice service networks: auth policy, resource policy, tags',
  listAction: 'ListServiceNetworks',
  list: (client, token) => client.send(new ListServiceNetworksCommand({ maxResults: 100, nextToken: token })),
});
