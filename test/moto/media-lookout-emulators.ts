/**
 * HTTP-level emulations of Elemental MediaPackage v2 (channel groups, channels, origin endpoints) and
 * Elemental MediaTailor channels (both REST-JSON) and Lookout for Equipment datasets and models
 * (JSON 1.0), answered in each service's wire format so the real SDK clients parse real bytes; and
 * their seeds for the all-services world.
 *
 * moto 5.2 has no MediaTailor or Lookout for Equipment, and its MediaPackage v2 holds channel groups
 * and channels only (no ListChannels, origin endpoints, policies or tags), so all three services are
 * emulated whole. Resources
 * live in a `BacklogState` that tests fill directly (the collector only reads, so only the read calls
 * are emulated):
 * - MediaPackage v2: `arn:aws:mediapackagev2:<region>:<account>:channelGroup/<group>[/channel/<name>
 *   [/originEndpoint/<name>]]`, attributes as the List* calls return them besides names and ARN
 *   (`CreatedAt`/`ModifiedAt` in epoch seconds, `Description`, `InputType`, `ContainerType`);
 * - MediaTailor: `arn:aws:mediatailor:<region>:<account>:channel/<name>`, attributes as ListChannels
 *   returns them besides name, ARN and tags (`ChannelState`, `PlaybackMode`, `Tier`, `Outputs`,
 *   `CreationTime`/`LastModifiedTime` in epoch seconds);
 * - Lookout for Equipment: `arn:aws:lookoutequipment:<region>:<account>:<dataset|model>/<name>/<id>`,
 *   attributes as ListDatasets/ListModels return them besides name and ARN (`Status`, `CreatedAt` in
 *   epoch seconds, and for models `DatasetName`, `DatasetArn`, `ActiveModelVersion`).
 */
import type { BacklogState } from './backlog-emulators.js';
import { callerAccount } from './emulators.js';
import { type Emulator, errorResponse, type ProxyRequest, type ProxyResponse } from './proxy.js';

/** A REST-JSON answer; undefined members left out, as AWS does. */
function json(value: Record<string, unknown>): ProxyResponse {
  const defined = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(defined) };
}

/** One page from the query's numeric token (the index of the first item) and page size. */
function page<T>(items: readonly T[], request: ProxyRequest, limit: number): { items: T[]; next: string | undefined } {
  const token = request.query.get('nextToken') ?? '';
  const size = Number(request.query.get('maxResults') ?? limit);
  const start = token === '' ? 0 : Number(token);
  const end = start + (size > 0 ? size : limit);
  return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
}

/** The last path segment of an ARN: the resource's own name. */
const lastName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

// ---------------------------------------------------------------------------------------------------
// Elemental MediaPackage v2

const MEDIAPACKAGE_ROUTES: ReadonlyArray<[RegExp, 'groups' | 'channels' | 'endpoints' | 'policy']> = [
  [/^\/channelGroup$/, 'groups'],
  [/^\/channelGroup\/([^/]+)\/channel$/, 'channels'],
  [/^\/channelGroup\/([^/]+)\/channel\/([^/]+)\/originEndpoint$/, 'endpoints'],
  [/^\/channelGroup\/([^/]+)\/channel\/([^/]+)(?:\/originEndpoint\/([^/]+))?\/policy$/, 'policy'],
];

/**
 * MediaPackage v2 over `state`: ListChannelGroups, ListChannels, ListOriginEndpoints (100 a page at
 * most; ResourceNotFoundException, 404, for a missing parent), GetChannelPolicy and
 * GetOriginEndpointPolicy (`{ChannelGroupName, ChannelName[, OriginEndpointName], Policy}`;
 * ResourceNotFoundException, 404, without the resource or without a policy, as AWS answers) and
 * ListTagsForResource (`{tags}`).
 */
export function mediaPackageV2Emulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'mediapackagev2' || request.method !== 'GET') return undefined;
    const base = `arn:aws:mediapackagev2:${request.region}:${await callerAccount(request, context)}:`;
    const notFound = (what: string) =>
      errorResponse(
        request,
        404,
        'ResourceNotFoundException',
        `MediaPackage can't process your request because we can't find your ${what}.`,
      );
    if (request.path.startsWith('/tags/')) {
      const arn = decodeURIComponent(request.path.slice('/tags/'.length));
      if (!state.resources.has(arn)) return notFound('resource');
      return json({ tags: state.tags.get(arn) ?? {} });
    }
    for (const [pattern, kind] of MEDIAPACKAGE_ROUTES) {
      const match = pattern.exec(request.path);
      if (!match) continue;
      const [group, channel, endpoint] = match.slice(1).map((part) => (part ? decodeURIComponent(part) : undefined));
      const groupArn = `${base}channelGroup/${group}`;
      const channelArn = `${groupArn}/channel/${channel}`;
      /** The direct children of `parent` of one type: `<parent><type>/<name>` with no further part. */
      const children = (prefix: string) => state.list(prefix).filter((r) => !r.arn.slice(prefix.length).includes('/'));
      const listed = (prefix: string, names: (arn: string) => Record<string, string | undefined>) => {
        const { items, next } = page(children(prefix), request, 100);
        return json({
          Items: items.map((r) => ({ Arn: r.arn, ...names(r.arn), ...r.attributes })),
          NextToken: next,
        });
      };
      switch (kind) {
        case 'groups':
          return listed(`${base}channelGroup/`, (arn) => ({ ChannelGroupName: lastName(arn) }));
        case 'channels':
          if (!state.resources.has(groupArn)) return notFound('channel group');
          return listed(`${groupArn}/channel/`, (arn) => ({ ChannelGroupName: group, ChannelName: lastName(arn) }));
        case 'endpoints':
          if (!state.resources.has(channelArn)) return notFound('channel');
          return listed(`${channelArn}/originEndpoint/`, (arn) => ({
            ChannelGroupName: group,
            ChannelName: channel,
            OriginEndpointName: lastName(arn),
          }));
        case 'policy': {
          const arn = endpoint === undefined ? channelArn : `${channelArn}/originEndpoint/${endpoint}`;
          const what = endpoint === undefined ? 'channel' : 'origin endpoint';
          if (!state.resources.has(arn)) return notFound(what);
          const policy = state.policies.get(arn);
          if (policy === undefined) return notFound(`${what} policy`);
          return json({ ChannelGroupName: group, ChannelName: channel, OriginEndpointName: endpoint, Policy: policy });
        }
      }
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// Elemental MediaTailor

/**
 * MediaTailor over `state`: ListChannels (GET /channels, 100 a page at most, each channel with its
 * `tags`) and GetChannelPolicy (`{Policy}`; NotFoundException, 404, without the channel or without a
 * policy).
 */
export function mediaTailorEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'mediatailor' || request.method !== 'GET') return undefined;
    const prefix = `arn:aws:mediatailor:${request.region}:${await callerAccount(request, context)}:channel/`;
    if (request.path === '/channels') {
      const { items, next } = page(state.list(prefix), request, 100);
      return json({
        Items: items.map((channel) => {
          const tags = state.tags.get(channel.arn);
          return {
            Arn: channel.arn,
            ChannelName: lastName(channel.arn),
            ...channel.attributes,
            ...(tags ? { tags } : {}),
          };
        }),
        NextToken: next,
      });
    }
    const policyPath = /^\/channel\/([^/]+)\/policy$/.exec(request.path);
    if (policyPath) {
      const arn = `${prefix}${decodeURIComponent(policyPath[1] ?? '')}`;
      const policy = state.resources.has(arn) ? state.policies.get(arn) : undefined;
      if (policy === undefined) return errorResponse(request, 404, 'NotFoundException', `No policy for channel ${arn}`);
      return json({ Policy: policy });
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// Lookout for Equipment (JSON 1.0, target AWSLookoutEquipmentFrontendService.*)

/** The name in a Lookout for Equipment ARN: `dataset/<name>/<id>` or `model/<name>/<id>`. */
const lookoutName = (arn: string) => arn.split(':').slice(5).join(':').split('/')[1];

/** A JSON 1.0 answer; undefined members left out, as AWS does. */
function json10(value: Record<string, unknown>): ProxyResponse {
  const defined = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: JSON.stringify(defined) };
}

/**
 * Lookout for Equipment over `state`: ListDatasets and ListModels (pages of `MaxResults` from a
 * numeric token), DescribeResourcePolicy (`{ResourcePolicy, PolicyRevisionId, CreationTime,
 * LastModifiedTime}`; ResourceNotFoundException without the resource or without a policy) and
 * ListTagsForResource (`{Tags: [{Key, Value}]}`).
 */
export function lookoutEquipmentEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'lookoutequipment') return undefined;
    const text = request.body.toString('utf8').trim();
    const input = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
    const base = `arn:aws:lookoutequipment:${request.region}:${await callerAccount(request, context)}:`;
    const notFound = (arn: string) =>
      errorResponse(request, 400, 'ResourceNotFoundException', `Resource ${arn} does not exist`);
    const listed = (type: string, member: string, name: string, arnMember: string) => {
      const all = state.list(`${base}${type}/`);
      const start = typeof input.NextToken === 'string' && input.NextToken !== '' ? Number(input.NextToken) : 0;
      const end = start + (typeof input.MaxResults === 'number' ? input.MaxResults : 50);
      return json10({
        [member]: all
          .slice(start, end)
          .map((r) => ({ [name]: lookoutName(r.arn), [arnMember]: r.arn, ...r.attributes })),
        NextToken: end < all.length ? String(end) : undefined,
      });
    };
    switch (request.operation) {
      case 'lookoutequipment:ListDatasets':
        return listed('dataset', 'DatasetSummaries', 'DatasetName', 'DatasetArn');
      case 'lookoutequipment:ListModels':
        return listed('model', 'ModelSummaries', 'ModelName', 'ModelArn');
      case 'lookoutequipment:DescribeResourcePolicy': {
        const arn = String(input.ResourceArn);
        const policy = state.resources.has(arn) ? state.policies.get(arn) : undefined;
        if (policy === undefined) return notFound(arn);
        return json10({
          ResourcePolicy: policy,
          PolicyRevisionId: String(policy.length),
          CreationTime: 1700000000,
          LastModifiedTime: 1700000000,
        });
      }
      case 'lookoutequipment:ListTagsForResource': {
        const arn = String(input.ResourceArn);
        if (!state.resources.has(arn)) return notFound(arn);
        const tags = Object.entries(state.tags.get(arn) ?? {}).map(([Key, Value]) => ({ Key, Value }));
        return json10({ Tags: tags });
      }
      default:
        return undefined;
    }
  };
}

// ---------------------------------------------------------------------------------------------------
// Seeds of the all-services world

/** A policy letting the account 111122223333 use `resource` with `actions`. */
function sharedWith(resource: string, actions: string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: actions, Resource: resource },
    ],
  });
}

const SEEDED_DATES = { CreatedAt: 1700000000, ModifiedAt: 1700000000 };

/**
 * In every region of the target: a MediaPackage v2 channel group with a channel and an HLS origin
 * endpoint (in `state`), the channel and the endpoint each with a policy and a `seeded: "true"` tag.
 */
export function seedMediaPackageV2(target: { account: string; regions: string[] }, state: BacklogState): void {
  for (const region of target.regions) {
    const group = `arn:aws:mediapackagev2:${region}:${target.account}:channelGroup/seeded-live`;
    const channel = `${group}/channel/seeded-channel`;
    const endpoint = `${channel}/originEndpoint/seeded-hls`;
    const tags = { seeded: 'true' };
    state.add(group, SEEDED_DATES);
    state.add(
      channel,
      { ...SEEDED_DATES, InputType: 'HLS' },
      { policy: sharedWith(channel, ['mediapackagev2:PutObject']), tags },
    );
    state.add(
      endpoint,
      { ...SEEDED_DATES, ContainerType: 'TS' },
      { policy: sharedWith(endpoint, ['mediapackagev2:GetObject', 'mediapackagev2:GetHeadObject']), tags },
    );
  }
}

/** In every region of the target: a MediaTailor channel (in `state`) with a policy and a `seeded: "true"` tag. */
export function seedMediaTailor(target: { account: string; regions: string[] }, state: BacklogState): void {
  for (const region of target.regions) {
    const channel = `arn:aws:mediatailor:${region}:${target.account}:channel/seeded-linear`;
    state.add(
      channel,
      {
        ChannelState: 'STOPPED',
        PlaybackMode: 'LINEAR',
        Tier: 'BASIC',
        Outputs: [],
        CreationTime: 1700000000,
        LastModifiedTime: 1700000000,
      },
      { policy: sharedWith(channel, ['mediatailor:GetManifest']), tags: { seeded: 'true' } },
    );
  }
}

/**
 * In every region of the target: a Lookout for Equipment dataset and a model trained on it (in
 * `state`), each with a resource policy and a `seeded: "true"` tag.
 */
export function seedLookoutEquipment(target: { account: string; regions: string[] }, state: BacklogState): void {
  for (const region of target.regions) {
    const base = `arn:aws:lookoutequipment:${region}:${target.account}:`;
    const dataset = `${base}dataset/seeded-pumps/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`;
    const model = `${base}model/seeded-pump-model/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d`;
    const tags = { seeded: 'true' };
    state.add(
      dataset,
      { Status: 'ACTIVE', CreatedAt: 1700000000 },
      { policy: sharedWith(dataset, ['lookoutequipment:ImportDataset']), tags },
    );
    state.add(
      model,
      {
        DatasetName: 'seeded-pumps',
        DatasetArn: dataset,
        Status: 'SUCCESS',
        CreatedAt: 1700000000,
        ActiveModelVersion: 1,
      },
      { policy: sharedWith(model, ['lookoutequipment:ImportModelVersion']), tags },
    );
  }
}
