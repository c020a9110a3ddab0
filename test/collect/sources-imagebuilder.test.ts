/**
 * imagebuilder/components, images, imageRecipes and containerRecipes against the HTTP-level
 * emulation of EC2 Image Builder (test/moto/imagebuilder-emulators.ts; moto 5.2 has no Image
 * Builder), in AWS's REST-JSON wire format. Two regions; components with two build versions, with
 * and without a policy and tags; resources of AWS and of another account left out (owner Self);
 * a policy set through PutComponentPolicy; AccessDenied on one component's and one recipe's policy;
 * deletion of resources and of a policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ImagebuilderClient, PutComponentPolicyCommand } from '@aws-sdk/client-imagebuilder';
import { BacklogState } from '../moto/backlog-emulators.js';
import { imagebuilderEmulator } from '../moto/imagebuilder-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const REGIONS = ['us-east-1', 'us-west-2'];
const arnOf = (region: string, resource: string, account = ACCOUNT) =>
  `arn:aws:imagebuilder:${region}:${account}:${resource}`;
const root = `aws/aws/accounts/${ACCOUNT}/imagebuilder`;
const sharePolicy = (resource: string, actions: string[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ShareWithWorkloads',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: actions,
        Resource: resource,
      },
    ],
  });
const hardening = arnOf('us-east-1', 'component/web-hardening/1.0.0/1');
const componentPolicy = sharePolicy(hardening, ['imagebuilder:GetComponent', 'imagebuilder:ListComponents']);

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;
let client: ImagebuilderClient;

before(async () => {
  h = await startResourceHarness({ emulators: [imagebuilderEmulator(state)] });
  const linux = { platform: 'Linux' };
  for (const region of REGIONS) {
    const image = arnOf(region, 'image/golden-ami/1.2.0/1');
    state.add(
      image,
      { name: 'golden-ami', version: '1.2.0', type: 'AMI', ...linux, status: 'AVAILABLE' },
      { policy: sharePolicy(image, ['imagebuilder:GetImage']), tags: { team: 'platform', stage: 'prod' } },
    );
    const recipe = arnOf(region, 'image-recipe/golden-ami/1.2.0');
    state.add(
      recipe,
      { name: 'golden-ami', ...linux, parentImage: 'ami-0123456789abcdef0' },
      { policy: sharePolicy(recipe, ['imagebuilder:GetImageRecipe']), tags: { team: 'platform' } },
    );
  }
  const component = { name: 'web-hardening', version: '1.0.0', type: 'BUILD', ...linux, status: 'ACTIVE' };
  state.add(hardening, component, { tags: { team: 'security' } });
  state.add(arnOf('us-east-1', 'component/web-hardening/1.0.0/2'), component, { tags: { team: 'security' } });
  state.add(arnOf('us-east-1', 'component/scratch/2.0.0/1'), {
    name: 'scratch',
    version: '2.0.0',
    type: 'TEST',
    ...linux,
    status: 'ACTIVE',
  });
  const container = arnOf('us-east-1', 'container-recipe/api/3.0.1');
  state.add(
    container,
    { name: 'api', containerType: 'DOCKER', ...linux, parentImage: 'amazonlinux:2023' },
    { policy: sharePolicy(container, ['imagebuilder:GetContainerRecipe']) },
  );
  // Not the account's own: AWS's component and another account's image are left out (owner Self).
  state.add(arnOf('us-east-1', 'component/amazon-cloudwatch-agent-linux/1.0.0/1', 'aws'), component);
  state.add(arnOf('us-east-1', 'image/shared/1.0.0/1', '111122223333'), component);
  client = new ImagebuilderClient({ ...h.clientConfig, region: 'us-east-1' });
  await client.send(new PutComponentPolicyCommand({ componentArn: hardening, policy: componentPolicy }));
});

after(async () => {
  client?.destroy();
  await h?.stop();
});

describe('imagebuilder sources (recorded-response emulation: moto 5.2 has no Image Builder)', () => {
  test('collects component and image build versions, image and container recipes in two regions: metadata, policies, tags', async () => {
    first = await h.collect('run', ['imagebuilder'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    const collected = (counts: Record<string, number>) => ({ status: 'collected', counts });
    assert.deepEqual(first.job('imagebuilder', 'components', 'us-east-1'), collected({ component: 3 }));
    assert.deepEqual(first.job('imagebuilder', 'components', 'us-west-2'), collected({ component: 0 }));
    assert.deepEqual(first.job('imagebuilder', 'images', 'us-east-1'), collected({ image: 1 }));
    assert.deepEqual(first.job('imagebuilder', 'images', 'us-west-2'), collected({ image: 1 }));
    assert.deepEqual(first.job('imagebuilder', 'imageRecipes', 'us-east-1'), collected({ imageRecipe: 1 }));
    assert.deepEqual(first.job('imagebuilder', 'imageRecipes', 'us-west-2'), collected({ imageRecipe: 1 }));
    assert.deepEqual(first.job('imagebuilder', 'containerRecipes', 'us-east-1'), collected({ containerRecipe: 1 }));
    assert.deepEqual(first.job('imagebuilder', 'containerRecipes', 'us-west-2'), collected({ containerRecipe: 0 }));
    await assertGoldenTree(first.tree, goldenFolder('imagebuilder'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/us-east-1/component/web-hardening%2f1.0.0%2f1/policy.json`) ?? 'null'),
      JSON.parse(componentPolicy),
    );
  });

  test("AccessDenied on one component build's policy and one image recipe's policy: both kept, stored policies untouched, gaps recorded", async () => {
    const allow = h.deny(
      (r) =>
        r.region === 'us-east-1' &&
        (r.query.get('componentArn') === hardening ||
          r.query.get('imageRecipeArn') === arnOf('us-east-1', 'image-recipe/golden-ami/1.2.0')),
    );
    const denied = await h.collect('run', ['imagebuilder'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    const issue = (arn: string, action: string) => ({
      kind: 'denied',
      arn,
      field: 'policy',
      message: `AccessDeniedException: User is not authorized to perform imagebuilder:GET /${action}`,
    });
    assert.deepEqual(denied.job('imagebuilder', 'components', 'us-east-1'), {
      status: 'collected',
      counts: { component: 3 },
      issues: [issue(hardening, 'GetComponentPolicy')],
    });
    assert.deepEqual(denied.job('imagebuilder', 'imageRecipes', 'us-east-1'), {
      status: 'collected',
      counts: { imageRecipe: 1 },
      issues: [issue(arnOf('us-east-1', 'image-recipe/golden-ami/1.2.0'), 'GetImageRecipePolicy')],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted component build, image and container recipe (with policies and tags) and a removed recipe policy disappear on the next run', async () => {
    state.remove(hardening);
    state.remove(arnOf('us-west-2', 'image/golden-ami/1.2.0/1'));
    state.remove(arnOf('us-east-1', 'container-recipe/api/3.0.1'));
    state.policies.delete(arnOf('us-west-2', 'image-recipe/golden-ami/1.2.0'));
    const next = await h.collect('run', ['imagebuilder'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(
      first.tree,
      'imagebuilder/us-east-1/component/web-hardening%2f1.0.0%2f1',
      'imagebuilder/us-west-2/image/golden-ami%2f1.2.0%2f1',
      'imagebuilder/us-east-1/container-recipe/api%2f3.0.1',
    );
    assert.equal(first.tree.size - expected.size, 8);
    assert.ok(expected.delete(`${root}/us-west-2/image-recipe/golden-ami%2f1.2.0/policy.json`));
    assert.deepEqual(next.tree, expected);
  });

  test('pages through the 25-item listings: 30 image recipes and 30 build versions of one image version, two pages each', async () => {
    const region = 'eu-west-1';
    for (let n = 0; n < 30; n++) {
      const version = `1.0.${String(n).padStart(2, '0')}`;
      state.add(arnOf(region, `image-recipe/paged/${version}`), { name: 'paged', platform: 'Linux' });
      state.add(arnOf(region, `image/paged/1.0.0/${n + 1}`), { name: 'paged', version: '1.0.0', platform: 'Linux' });
    }
    h.proxy.resetStats();
    const paged = await h.collect('paging', ['imagebuilder'], [region]);
    assert.equal(paged.result.exitCode, 0, JSON.stringify(paged.result.summary, null, 2));
    assert.deepEqual(paged.job('imagebuilder', 'imageRecipes', region), {
      status: 'collected',
      counts: { imageRecipe: 30 },
    });
    assert.deepEqual(paged.job('imagebuilder', 'images', region), { status: 'collected', counts: { image: 30 } });
    const listings = Object.entries(h.proxy.stats().byOperation).filter(([operation]) =>
      /\/List(ImageRecipes|Images|ImageBuildVersions)$/.test(operation),
    );
    assert.deepEqual(Object.fromEntries(listings), {
      'imagebuilder:POST /ListImageRecipes': 2,
      'imagebuilder:POST /ListImages': 1,
      'imagebuilder:POST /ListImageBuildVersions': 2,
    });
  });
});
