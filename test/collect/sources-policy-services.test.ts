/**
 * The apigateway ... sso sources together against moto (with their HTTP emulations), over two
 * regions: every job completes, counts are per region, and a second run is byte-identical. This
 * checks that regional jobs sharing a region-less folder (Identity Center) and RAM's global folder
 * never delete each other's resources.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { resourcePolicyEmulators } from '../moto/emulators.js';
import { POLICY_SERVICES, seedPolicyServices } from '../moto/policy-service-seeds.js';
import { ACCOUNT, type ResourceHarness, startResourceHarness } from './resource-harness.js';

const REGIONS = ['us-east-1', 'us-west-2'];

let h: ResourceHarness;

before(async () => {
  h = await startResourceHarness({ emulators: resourcePolicyEmulators() });
  await seedPolicyServices({ endpoint: h.endpoint, regions: REGIONS });
});

after(async () => {
  await h?.stop();
});

describe('apigateway ... sso sources over two regions (moto + HTTP emulations)', () => {
  test('every job completes with one resource of each kind per region; a second run changes nothing', async () => {
    const first = await h.collect('run', POLICY_SERVICES, REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary.accounts));
    const expected: Record<string, Record<string, number>> = {
      'apigateway/gateways': { restApi: 1 },
      'backup/vaults': { backupVault: 1 },
      'ec2/vpcEndpoints': { vpcEndpoint: 1 },
      'eks/accessEntries': { accessEntry: 1, cluster: 1 },
      'es/domains': { domain: 1 },
      'events/eventBuses': { eventBus: 2 },
      'glacier/glacierVaults': { glacierVault: 1 },
      'glue/GlueCatalogSync': { catalog: 1 },
      'kafka/clusters': { cluster: 1 },
      'ram/resourcePolicies': { resourceShare: 1 },
      // moto's permission-set ARNs sit under `instance/`: the instance and its set.
      'sso/instances': { instance: 2, permissionSet: 0 },
    };
    for (const region of REGIONS) {
      for (const [name, counts] of Object.entries(expected)) {
        const [service = '', sync = ''] = name.split('/');
        assert.deepEqual(first.job(service, sync, region), { status: 'collected', counts }, `${name} in ${region}`);
      }
    }
    const sso = [...first.tree.keys()].filter((path) => path.startsWith(`aws/aws/accounts/${ACCOUNT}/sso/`));
    assert.equal(sso.filter((path) => path.endsWith('/assignments.json')).length, 2);

    const second = await h.collect('run', POLICY_SERVICES, REGIONS);
    assert.equal(second.result.exitCode, 0);
    assert.deepEqual(second.tree, first.tree);
  });
});
