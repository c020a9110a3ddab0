/**
 * vpc-lattice/services and vpc-lattice/serviceNetworks against moto: each with its auth policy,
 * resource policy and tags; AccessDenied on one service's GetAuthPolicy; deletion of a service's policies (moto cannot
 * delete a service).
 */
import * as lattice from '@aws-sdk/client-vpc-lattice';
import { seedClientConfig } from '../moto/resource-seeds.js';
import { ACCOUNT, DENIED, sourceTestSuite } from './resource-sources-harness.js';

const arns: Record<string, string> = {};
const policy = (resource: string, principal: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: principal }, Action: 'vpc-lattice-svcs:Invoke', Resource: resource },
    ],
  });
const stable = (files: Record<string, unknown>) => {
  let text = JSON.stringify(files);
  for (const [name, arn] of Object.entries(arns))
    text = text.split(arn.slice(arn.lastIndexOf('/') + 1)).join(`<${name}>`);
  return JSON.parse(text) as Record<string, unknown>;
};
const client = (endpoint: string) => new lattice.VPCLatticeClient(seedClientConfig({ endpoint }, 'us-east-1'));

sourceTestSuite({
  service: 'vpc-lattice',
  kind: 'moto',
  async seed(endpoint) {
    const c = client(endpoint);
    arns.orders =
      (await c.send(new lattice.CreateServiceCommand({ name: 'orders', tags: { app: 'orders' } }))).arn ?? '';
    arns.billing = (await c.send(new lattice.CreateServiceCommand({ name: 'billing' }))).arn ?? '';
    arns.mesh =
      (await c.send(new lattice.CreateServiceNetworkCommand({ name: 'mesh', tags: { team: 'net' } }))).arn ?? '';
    await c.send(
      new lattice.PutAuthPolicyCommand({ resourceIdentifier: arns.orders, policy: policy(`${arns.orders}/*`, '*') }),
    );
    await c.send(
      new lattice.PutResourcePolicyCommand({
        resourceArn: arns.orders,
        policy: policy(arns.orders, 'arn:aws:iam::111122223333:root'),
      }),
    );
    await c.send(
      new lattice.PutAuthPolicyCommand({
        resourceIdentifier: arns.mesh,
        policy: policy('*', `arn:aws:iam::${ACCOUNT}:root`),
      }),
    );
    c.destroy();
  },
  stable,
  jobs: [
    ['us-east-1', 'services', { status: 'collected', counts: { latticeService: 2 } }],
    ['us-east-1', 'serviceNetworks', { status: 'collected', counts: { latticeServiceNetwork: 1 } }],
  ],
  denied: {
    what: "one service's GetAuthPolicy",
    predicate: (r) =>
      r.operation.startsWith('vpc-lattice:GET /authpolicy/') && r.url.includes(encodeURIComponent(arns.orders ?? '')),
    job: () => [
      'us-east-1',
      'services',
      {
        status: 'collected',
        counts: { latticeService: 2 },
        issues: [{ kind: 'denied', arn: arns.orders, field: 'auth-policy', message: DENIED }],
      },
    ],
  },
  removed: {
    // moto cannot delete Lattice services; stale resources are the engine's shared rule, tested elsewhere.
    what: "a service's auth policy and resource policy (orders)",
    async remove(endpoint) {
      const c = client(endpoint);
      await c.send(new lattice.DeleteAuthPolicyCommand({ resourceIdentifier: arns.orders }));
      await c.send(new lattice.DeleteResourcePolicyCommand({ resourceArn: arns.orders }));
      c.destroy();
    },
    gone: (path) => {
      const id = (arns.orders ?? '').slice((arns.orders ?? '').lastIndexOf('/') + 1);
      return (
        path === `vpc-lattice/us-east-1/service/${id}/auth-policy.json` ||
        path === `vpc-lattice/us-east-1/service/${id}/policy.json`
      );
    },
    files: 2,
  },
});
