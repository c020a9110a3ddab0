import { ListServicesCommand } from '@aws-sdk/client-vpc-lattice';
import { latticeSource } from './lattice-source.js';

/** VPC Lattice services: auth policy, resource policy (RAM sharing), tags. */
export const latticeServices = latticeSource({
  sync: 'services',
  label: 'latticeService',
  resourceType: 'service',
  description: 'VPC Lattice services: auth policy, resource policy, tags',
  listAction: 'ListServices',
  list: (client, token) => client.send(new ListServicesCommand({ maxResults: 100, nextToken: token })),
});
