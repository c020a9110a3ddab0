/**
 * HTTP-level emulation of EC2 Image Builder (moto 5.2 has none), answered in its REST-JSON wire
 * format (POST listings with a JSON body, GET policy reads with the ARN in the query string, errors
 * named in `x-amzn-errortype`) so the real SDK client parses real bytes, and the seed of the
 * all-services world.
 *
 * The resources live in a `BacklogState`, keyed by the ARN the policy APIs take: components and
 * images by build version (`component/<name>/<x.y.z>/<build>`), recipes by version
 * (`image-recipe/<name>/<x.y.z>`). Attributes are the summary fields the listings return (`name`,
 * `version`, `type`, `platform`, `status`, `parentImage`, `containerType`); tags come from
 * `state.tags`. A read of a policy that does not exist, or of a resource that does not, is
 * ResourceNotFoundException, as AWS answers.
 */
import { PutComponentPolicyCommand, ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import type { BacklogState, EmulatedResource } from './backlog-emulators.js';
import { callerAccount } from './emulators.js';
import { type Emulator, type EmulatorContext, errorResponse, type ProxyRequest, type ProxyResponse } from './proxy.js';
import { type ResourceSeedTarget, seedClientConfig } from './resource-seeds.js';

function input(request: ProxyRequest): Record<string, unknown> {
  const text = request.body.toString('utf8').trim();
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** A REST-JSON answer with AWS's request id; undefined members left out, as AWS does. */
function restJson(value: Record<string, unknown>): ProxyResponse {
  const defined = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ requestId: 'iamwright-imagebuilder', ...defined }),
  };
}

/** One page from a numeric token (the index of the first item); Image Builder pages 25 at most. */
function page<T>(items: readonly T[], token: unknown, size: unknown): { items: T[]; next: string | undefined } {
  const start = typeof token === 'string' && token !== '' ? Number(token) : 0;
  const end = start + (typeof size === 'number' ? Math.min(size, 25) : 25);
  return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
}

/** `arn:aws:imagebuilder:<region>:<caller account>:<type>/`. */
async function typePrefix(request: ProxyRequest, context: EmulatorContext, type: string): Promise<string> {
  return `arn:aws:imagebuilder:${request.region}:${await callerAccount(request, context)}:${type}/`;
}

/** A build version ARN's version ARN: the ARN without its last `/<build>`. */
const versionOf = (buildArn: string) => buildArn.slice(0, buildArn.lastIndexOf('/'));

const DATE = '2026-01-15T10:00:00.000Z';

/** A summary entry from a stored resource: its attributes, ARN, owner and tags (only when `withTags`). */
function summary(
  state: BacklogState,
  resource: EmulatedResource,
  arn: string,
  account: string,
  withTags: boolean,
): Record<string, unknown> {
  const { status, ...attributes } = resource.attributes;
  return {
    arn,
    ...attributes,
    owner: account,
    dateCreated: DATE,
    ...(status === undefined || !withTags ? {} : { state: { status } }),
    ...(withTags ? { tags: state.tags.get(resource.arn) ?? {} } : {}),
  };
}

/** The policy reads and writes: operation suffix -> the request member that names the resource. */
const POLICY_ARN_MEMBERS: Readonly<Record<string, string>> = {
  ComponentPolicy: 'componentArn',
  ImagePolicy: 'imageArn',
  ImageRecipePolicy: 'imageRecipeArn',
  ContainerRecipePolicy: 'containerRecipeArn',
};

/** The versioned listings: path -> [resource type, list member, build version listing]. */
const VERSION_LISTINGS: Readonly<Record<string, readonly [string, string]>> = {
  '/ListComponents': ['component', 'componentVersionList'],
  '/ListImages': ['image', 'imageVersionList'],
};
const BUILD_LISTINGS: Readonly<Record<string, readonly [string, string, string]>> = {
  '/ListComponentBuildVersions': ['component', 'componentVersionArn', 'componentSummaryList'],
  '/ListImageBuildVersions': ['image', 'imageVersionArn', 'imageSummaryList'],
};
const RECIPE_LISTINGS: Readonly<Record<string, readonly [string, string]>> = {
  '/ListImageRecipes': ['image-recipe', 'imageRecipeSummaryList'],
  '/ListContainerRecipes': ['container-recipe', 'containerRecipeSummaryList'],
};

/**
 * Image Builder over `state`: ListComponents and ListImages (one entry per semantic version, owner
 * Self only: AWS's and shared resources are not the caller's to collect), their build version
 * listings, ListImageRecipes and ListContainerRecipes, and Get/Put<type>Policy.
 */
export function imagebuilderEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'imagebuilder') return undefined;
    const notFound = (message: string) => errorResponse(request, 404, 'ResourceNotFoundException', message);
    const account = await callerAccount(request, context);
    const path = request.path;
    const body = request.method === 'POST' || request.method === 'PUT' ? input(request) : {};

    const versionListing = request.method === 'POST' ? VERSION_LISTINGS[path] : undefined;
    if (versionListing) {
      const [type, member] = versionListing;
      const own = body.owner === undefined || body.owner === 'Self';
      const builds = own ? state.list(await typePrefix(request, context, type)) : [];
      const versions = new Map<string, EmulatedResource>();
      for (const build of builds) if (!versions.has(versionOf(build.arn))) versions.set(versionOf(build.arn), build);
      const { items, next } = page([...versions.entries()], body.nextToken, body.maxResults);
      return restJson({
        [member]: items.map(([arn, build]) => summary(state, build, arn, account, false)),
        nextToken: next,
      });
    }
    const buildListing = request.method === 'POST' ? BUILD_LISTINGS[path] : undefined;
    if (buildListing) {
      const [, arnMember, member] = buildListing;
      const builds = state.list(`${String(body[arnMember])}/`);
      const { items, next } = page(builds, body.nextToken, body.maxResults);
      return restJson({
        [member]: items.map((build) => summary(state, build, build.arn, account, true)),
        nextToken: next,
      });
    }
    const recipeListing = request.method === 'POST' ? RECIPE_LISTINGS[path] : undefined;
    if (recipeListing) {
      const [type, member] = recipeListing;
      const own = body.owner === undefined || body.owner === 'Self';
      const recipes = own ? state.list(await typePrefix(request, context, type)) : [];
      const { items, next } = page(recipes, body.nextToken, body.maxResults);
      return restJson({
        [member]: items.map((recipe) => summary(state, recipe, recipe.arn, account, true)),
        nextToken: next,
      });
    }

    const policyCall = /^\/(Get|Put)(\w+)$/.exec(path);
    const arnMember = policyCall ? POLICY_ARN_MEMBERS[policyCall[2] ?? ''] : undefined;
    if (!policyCall || !arnMember) return undefined;
    if (policyCall[1] === 'Get' && request.method === 'GET') {
      const arn = request.query.get(arnMember) ?? '';
      if (!state.resources.has(arn)) return notFound(`Resource not found: '${arn}'.`);
      const policy = state.policies.get(arn);
      if (policy === undefined) return notFound(`The resource policy for '${arn}' does not exist.`);
      return restJson({ policy });
    }
    if (policyCall[1] === 'Put' && request.method === 'PUT') {
      const arn = String(body[arnMember]);
      if (!state.resources.has(arn)) return notFound(`Resource not found: '${arn}'.`);
      state.setPolicy(arn, String(body.policy));
      return restJson({ [arnMember]: arn });
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// Seed of the all-services world

/**
 * In every region of the target: a component build version with a RAM-style policy (set through
 * PutComponentPolicy, so the seed goes over the wire) and a `seeded: "true"` tag, an image build
 * version, an image recipe and a container recipe, each with a policy sharing it with 111122223333.
 */
export async function seedImageBuilder(
  target: ResourceSeedTarget & { account: string; regions: string[] },
  state: BacklogState,
): Promise<void> {
  const tags = { seeded: 'true' };
  const share = (resource: string, actions: string[]) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: actions, Resource: resource },
      ],
    });
  for (const region of target.regions) {
    const arn = (resource: string) => `arn:aws:imagebuilder:${region}:${target.account}:${resource}`;
    const component = arn('component/seeded-hardening/1.0.0/1');
    state.add(
      component,
      { name: 'seeded-hardening', version: '1.0.0', type: 'BUILD', platform: 'Linux', status: 'ACTIVE' },
      { tags },
    );
    const image = arn('image/seeded-base/1.0.0/1');
    state.add(
      image,
      { name: 'seeded-base', version: '1.0.0', type: 'AMI', platform: 'Linux', status: 'AVAILABLE' },
      { policy: share(image, ['imagebuilder:GetImage']), tags },
    );
    const imageRecipe = arn('image-recipe/seeded-base/1.0.0');
    state.add(
      imageRecipe,
      { name: 'seeded-base', platform: 'Linux', parentImage: 'ami-0a1b2c3d4e5f67890' },
      { policy: share(imageRecipe, ['imagebuilder:GetImageRecipe']), tags },
    );
    const containerRecipe = arn('container-recipe/seeded-app/1.0.0');
    state.add(
      containerRecipe,
      { name: 'seeded-app', containerType: 'DOCKER', platform: 'Linux', parentImage: 'amazonlinux:2023' },
      { policy: share(containerRecipe, ['imagebuilder:GetContainerRecipe']), tags },
    );
    const client = new ImagebuilderClient(seedClientConfig(target, region));
    await client.send(
      new PutComponentPolicyCommand({
        componentArn: component,
        policy: share(component, ['imagebuilder:GetComponent', 'imagebuilder:ListComponents']),
      }),
    );
    client.destroy();
  }
}
