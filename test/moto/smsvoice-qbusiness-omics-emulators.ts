/**
 * HTTP-level emulations of AWS End User Messaging SMS and Voice v2 (JSON 1.0, target
 * `PinpointSMSVoiceV2.*`), Amazon Q Business and AWS HealthOmics (REST-JSON), which moto 5.2 lacks
 * entirely, answered in each service's wire format so the real SDK clients parse real bytes; and their
 * seeds for the all-services world. Only the read calls the collector makes are emulated: tests fill
 * the `BacklogState` directly.
 *
 * - SMS: `arn:aws:sms-voice:<region>:<account>:<phone-number|pool|opt-out-list|sender-id>/<id>`,
 *   attributes as the Describe* calls return them besides the ARN (sender IDs:
 *   `sender-id/<sender id>/<country>`);
 * - Q Business: `arn:aws:qbusiness:<region>:<account>:application/<id>`, attributes as
 *   ListApplications returns them (`{displayName, identityType, status}`);
 * - HealthOmics sequence stores: `arn:aws:omics:<region>:<account>:sequenceStore/<id>`, attributes
 *   `{name, description?, creationTime (RFC 3339, as AWS sends it), s3AccessPointArn?, s3Uri?}` (the
 *   S3 access point's policy is held as the store's policy). The SDK's host prefixes
 *   (`control-storage.`, `tags.`) are off against an IP endpoint, so the requests come here by path.
 */
import type { BacklogState } from './backlog-emulators.js';
import { callerAccount } from './emulators.js';
import { type Emulator, errorResponse, type ProxyRequest, type ProxyResponse } from './proxy.js';

function input(request: ProxyRequest): Record<string, unknown> {
  const text = request.body.toString('utf8').trim();
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** A JSON (1.0 or REST) answer; undefined members left out, as AWS does. */
function json(value: Record<string, unknown>, contentType = 'application/json'): ProxyResponse {
  const defined = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  return { status: 200, headers: { 'content-type': contentType }, body: JSON.stringify(defined) };
}

/** One page from a numeric token (the index of the first item). */
function page<T>(items: readonly T[], token: unknown, size: unknown): { items: T[]; next: string | undefined } {
  const start = typeof token === 'string' && token !== '' ? Number(token) : 0;
  const end = start + (typeof size === 'number' && size > 0 ? size : 50);
  return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
}

// ---------------------------------------------------------------------------------------------------
// End User Messaging SMS and Voice v2

/** Describe* call -> the resource type in the ARN, the list member and the ARN member of its items. */
const SMS_LISTINGS: Readonly<Record<string, readonly [type: string, list: string, arnKey: string]>> = {
  'sms-voice:DescribePhoneNumbers': ['phone-number', 'PhoneNumbers', 'PhoneNumberArn'],
  'sms-voice:DescribePools': ['pool', 'Pools', 'PoolArn'],
  'sms-voice:DescribeOptOutLists': ['opt-out-list', 'OptOutLists', 'OptOutListArn'],
  'sms-voice:DescribeSenderIds': ['sender-id', 'SenderIds', 'SenderIdArn'],
};

/**
 * SMS over `state`: the four Describe* listings (Owner SHARED lists none: the state holds only the
 * caller's own), GetResourcePolicy (`{ResourceArn}` without `Policy` when there is none, as AWS answers)
 * and ListTagsForResource; a resource not in the state is ResourceNotFoundException.
 */
export function smsVoiceEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'sms-voice') return undefined;
    const body = input(request);
    const contentType = String(request.headers['content-type'] ?? 'application/x-amz-json-1.0');
    const listing = SMS_LISTINGS[request.operation];
    if (listing) {
      const [type, list, arnKey] = listing;
      const prefix = `arn:aws:sms-voice:${request.region}:${await callerAccount(request, context)}:${type}/`;
      const all = body.Owner === 'SHARED' ? [] : state.list(prefix);
      const { items, next } = page(all, body.NextToken, body.MaxResults);
      return json(
        { [list]: items.map((item) => ({ [arnKey]: item.arn, ...item.attributes })), NextToken: next },
        contentType,
      );
    }
    const arn = String(body.ResourceArn);
    const notFound = () => errorResponse(request, 400, 'ResourceNotFoundException', `Resource ${arn} not found.`);
    switch (request.operation) {
      case 'sms-voice:GetResourcePolicy':
        if (!state.resources.has(arn)) return notFound();
        return json({ ResourceArn: arn, Policy: state.policies.get(arn) }, contentType);
      case 'sms-voice:ListTagsForResource': {
        if (!state.resources.has(arn)) return notFound();
        const tags = Object.entries(state.tags.get(arn) ?? {}).map(([Key, Value]) => ({ Key, Value }));
        return json({ ResourceArn: arn, Tags: tags }, contentType);
      }
      default:
        return undefined;
    }
  };
}

// ---------------------------------------------------------------------------------------------------
// Amazon Q Business

/**
 * Q Business over `state`: ListApplications (GET /applications, 100 a page at most), GetPolicy (GET
 * /applications/<id>/policy: `{}` without a policy, as AWS answers) and ListTagsForResource (GET
 * /v1/tags/<arn>); an application not in the state is ResourceNotFoundException (404).
 */
export function qbusinessEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'qbusiness' || request.method !== 'GET') return undefined;
    const prefix = `arn:aws:qbusiness:${request.region}:${await callerAccount(request, context)}:application/`;
    const notFound = (arn: string) =>
      errorResponse(request, 404, 'ResourceNotFoundException', `The application ${arn} doesn't exist.`);
    if (request.path === '/applications') {
      const size = Number(request.query.get('maxResults') ?? 100);
      const { items, next } = page(state.list(prefix), request.query.get('nextToken') ?? '', size);
      return json({
        applications: items.map((app) => ({ applicationId: app.arn.slice(prefix.length), ...app.attributes })),
        nextToken: next,
      });
    }
    const policyPath = /^\/applications\/([^/]+)\/policy$/.exec(request.path);
    if (policyPath) {
      const arn = `${prefix}${decodeURIComponent(policyPath[1] ?? '')}`;
      if (!state.resources.has(arn)) return notFound(arn);
      return json({ policy: state.policies.get(arn) });
    }
    if (request.path.startsWith('/v1/tags/')) {
      const arn = decodeURIComponent(request.path.slice('/v1/tags/'.length));
      if (!state.resources.has(arn)) return notFound(arn);
      return json({ tags: Object.entries(state.tags.get(arn) ?? {}).map(([key, value]) => ({ key, value })) });
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// AWS HealthOmics

/**
 * HealthOmics sequence stores over `state`: ListSequenceStores (POST /sequencestores, the listing
 * without `s3Access`), GetSequenceStore (GET /sequencestore/<id>), GetS3AccessPolicy (GET
 * /s3accesspolicy/<access point ARN>: ResourceNotFoundException when the store's access point has no
 * policy, as AWS answers) and ListTagsForResource (GET /tags/<arn>, a tag map); a store not in the
 * state is ResourceNotFoundException (404).
 */
export function omicsEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'omics') return undefined;
    const prefix = `arn:aws:omics:${request.region}:${await callerAccount(request, context)}:sequenceStore/`;
    const notFound = (what: string) => errorResponse(request, 404, 'ResourceNotFoundException', `${what} not found`);
    const summary = (arn: string, attributes: Record<string, unknown>) => ({
      arn,
      id: arn.slice(prefix.length),
      name: attributes.name,
      description: attributes.description,
      creationTime: attributes.creationTime,
      status: 'ACTIVE',
    });
    if (request.method === 'POST' && request.path === '/sequencestores') {
      const size = Number(request.query.get('maxResults') ?? 100);
      const { items, next } = page(state.list(prefix), request.query.get('nextToken') ?? '', size);
      return json({ sequenceStores: items.map((store) => summary(store.arn, store.attributes)), nextToken: next });
    }
    if (request.method !== 'GET') return undefined;
    const storePath = /^\/sequencestore\/([^/]+)$/.exec(request.path);
    if (storePath) {
      const arn = `${prefix}${decodeURIComponent(storePath[1] ?? '')}`;
      const store = state.resources.get(arn);
      if (!store) return notFound(`Sequence store ${arn}`);
      const { s3AccessPointArn, s3Uri } = store.attributes;
      return json({
        ...summary(arn, store.attributes),
        s3Access: s3AccessPointArn === undefined ? undefined : { s3AccessPointArn, s3Uri },
      });
    }
    if (request.path.startsWith('/s3accesspolicy/')) {
      const accessPoint = decodeURIComponent(request.path.slice('/s3accesspolicy/'.length));
      const store = state.list(prefix).find((s) => s.attributes.s3AccessPointArn === accessPoint);
      const policy = store && state.policies.get(store.arn);
      if (!store || policy === undefined) return notFound(`S3 access policy for ${accessPoint}`);
      return json({
        s3AccessPointArn: accessPoint,
        storeId: store.arn.slice(prefix.length),
        storeType: 'SEQUENCE_STORE',
        s3AccessPolicy: policy,
        updateTime: store.attributes.creationTime,
      });
    }
    if (request.path.startsWith('/tags/')) {
      const arn = decodeURIComponent(request.path.slice('/tags/'.length));
      if (!state.resources.has(arn)) return notFound(`Resource ${arn}`);
      return json({ tags: state.tags.get(arn) ?? {} });
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// Seeds of the all-services world

/** A policy letting the account 111122223333 use `resource` with `actions` (RAM's shape). */
function sharedWith(resource: string, actions: string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: actions, Resource: resource },
    ],
  });
}

/**
 * In every region: a phone number, a pool, an opt-out list and a sender ID, each with a resource
 * policy sharing it and a `seeded: "true"` tag.
 */
export function seedSmsVoice(target: { account: string; regions: readonly string[] }, state: BacklogState): void {
  const tags = { seeded: 'true' };
  for (const region of target.regions) {
    const arn = (resource: string) => `arn:aws:sms-voice:${region}:${target.account}:${resource}`;
    const phoneNumber = arn('phone-number/phone-0123456789abcdef0123456789abcdef');
    state.add(
      phoneNumber,
      {
        PhoneNumberId: 'phone-0123456789abcdef0123456789abcdef',
        PhoneNumber: '+12065550100',
        IsoCountryCode: 'US',
        MessageType: 'TRANSACTIONAL',
        NumberType: 'TOLL_FREE',
        OptOutListName: 'Default',
      },
      { policy: sharedWith(phoneNumber, ['sms-voice:SendTextMessage']), tags },
    );
    const pool = arn('pool/pool-0123456789abcdef0123456789abcdef');
    state.add(
      pool,
      { PoolId: 'pool-0123456789abcdef0123456789abcdef', MessageType: 'TRANSACTIONAL', OptOutListName: 'Default' },
      { policy: sharedWith(pool, ['sms-voice:SendTextMessage', 'sms-voice:DescribePools']), tags },
    );
    const optOutList = arn('opt-out-list/seeded-opt-outs');
    state.add(
      optOutList,
      { OptOutListName: 'seeded-opt-outs' },
      { policy: sharedWith(optOutList, ['sms-voice:DescribeOptedOutNumbers']), tags },
    );
    const senderId = arn('sender-id/SEEDED/GB');
    state.add(
      senderId,
      { SenderId: 'SEEDED', IsoCountryCode: 'GB', MessageTypes: ['TRANSACTIONAL'], Registered: false },
      { policy: sharedWith(senderId, ['sms-voice:SendTextMessage']), tags },
    );
  }
}

/** In every region: a Q Business application with a resource policy and a `seeded: "true"` tag. */
export function seedQBusiness(target: { account: string; regions: readonly string[] }, state: BacklogState): void {
  for (const region of target.regions) {
    const application = `arn:aws:qbusiness:${region}:${target.account}:application/0123abcd-4567-89ef-0123-456789abcdef`;
    state.add(
      application,
      { displayName: 'seeded-assistant', identityType: 'AWS_IAM_IDC', status: 'ACTIVE' },
      {
        policy: sharedWith(application, ['qbusiness:SearchRelevantContent']),
        tags: { seeded: 'true' },
      },
    );
  }
}

/**
 * In every region: a HealthOmics sequence store whose S3 access point has a policy letting another
 * account read it, with a `seeded: "true"` tag.
 */
export function seedOmics(target: { account: string; regions: readonly string[] }, state: BacklogState): void {
  for (const region of target.regions) {
    const store = `arn:aws:omics:${region}:${target.account}:sequenceStore/1234567890`;
    const accessPoint = `arn:aws:s3:${region}:${target.account}:accesspoint/${target.account}-1234567890-s3alias`;
    state.add(
      store,
      {
        name: 'seeded-sequences',
        creationTime: '2026-01-01T00:00:00Z',
        s3AccessPointArn: accessPoint,
        s3Uri: `s3://${target.account}-1234567890-s3alias/${target.account}/sequenceStore/1234567890/`,
      },
      { policy: sharedWith(accessPoint, ['s3:GetObject']), tags: { seeded: 'true' } },
    );
  }
}
