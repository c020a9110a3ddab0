/**
 * HTTP-level emulations of CloudWatch Observability Access Manager sinks and AWS Marketplace Catalog
 * entities (both REST-JSON), answered in each service's wire format so the real SDK clients parse real
 * bytes; and their seeds for the all-services world.
 *
 * moto 5.2 has neither service. Resources live in a `BacklogState` that tests fill directly (the
 * collector only reads, so only the read calls are emulated):
 * - OAM: `arn:aws:oam:<region>:<account>:sink/<id>`, attributes `{Name}` (ListSinks gives name, id
 *   and ARN only);
 * - Marketplace Catalog: `arn:aws:aws-marketplace:<region>:<account>:AWSMarketplace/<EntityType>/<id>`,
 *   attributes as ListEntities returns them besides type, id and ARN (`Name`, `Visibility`,
 *   `LastModifiedDate` as an ISO 8601 string).
 */
import type { BacklogState } from './backlog-emulators.js';
import { callerAccount } from './emulators.js';
import { type Emulator, errorResponse, type ProxyRequest, type ProxyResponse } from './proxy.js';

/** A REST-JSON answer; undefined members left out, as AWS does. */
function json(value: Record<string, unknown>): ProxyResponse {
  const defined = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(defined) };
}

/** The request's JSON body ({} when empty). */
function input(request: ProxyRequest): Record<string, unknown> {
  const text = request.body.toString('utf8').trim();
  return (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
}

/** One page from the body's numeric token (the index of the first item) and page size. */
function page<T>(items: readonly T[], body: Record<string, unknown>, limit: number): { items: T[]; next?: string } {
  const start = typeof body.NextToken === 'string' && body.NextToken !== '' ? Number(body.NextToken) : 0;
  const end = start + (typeof body.MaxResults === 'number' && body.MaxResults > 0 ? body.MaxResults : limit);
  return { items: items.slice(start, end), ...(end < items.length ? { next: String(end) } : {}) };
}

/** The last path segment of an ARN: the resource's own id. */
const lastName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

// ---------------------------------------------------------------------------------------------------
// CloudWatch Observability Access Manager

/**
 * OAM over `state`: ListSinks (POST /ListSinks, 100 a page at most), GetSinkPolicy (POST
 * /GetSinkPolicy by ARN or id: `{SinkArn, SinkId, Policy}`; ResourceNotFoundException, 404, without
 * the sink or without a policy) and ListTagsForResource (GET /tags/<arn>: `{Tags: {key: value}}`).
 */
export function oamEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'oam') return undefined;
    const prefix = `arn:aws:oam:${request.region}:${await callerAccount(request, context)}:sink/`;
    const notFound = (what: string) => errorResponse(request, 404, 'ResourceNotFoundException', `${what} not found`);
    if (request.method === 'GET' && request.path.startsWith('/tags/')) {
      const arn = decodeURIComponent(request.path.slice('/tags/'.length));
      if (!state.resources.has(arn)) return notFound(`Resource ${arn}`);
      return json({ Tags: state.tags.get(arn) ?? {} });
    }
    if (request.method !== 'POST') return undefined;
    if (request.path === '/ListSinks') {
      const { items, next } = page(state.list(prefix), input(request), 100);
      return json({
        Items: items.map((sink) => ({ Arn: sink.arn, Id: lastName(sink.arn), Name: sink.attributes.Name })),
        NextToken: next,
      });
    }
    if (request.path === '/GetSinkPolicy') {
      const identifier = String(input(request).SinkIdentifier);
      const arn = identifier.startsWith('arn:') ? identifier : `${prefix}${identifier}`;
      if (!state.resources.has(arn)) return notFound(`Sink ${identifier}`);
      const policy = state.policies.get(arn);
      if (policy === undefined) return notFound(`Policy of sink ${identifier}`);
      return json({ SinkArn: arn, SinkId: lastName(arn), Policy: policy });
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// AWS Marketplace Catalog

/**
 * Marketplace Catalog over `state`: ListEntities (POST /ListEntities of one `EntityType` in catalog
 * `AWSMarketplace`, 50 a page at most; ValidationException for another catalog), GetResourcePolicy
 * (GET /GetResourcePolicy?resourceArn=: `{Policy}`; ResourceNotFoundException, 404, without the entity
 * or without a policy) and ListTagsForResource (POST /ListTagsForResource: `{ResourceArn, Tags: [{Key,
 * Value}]}`).
 */
export function marketplaceCatalogEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'aws-marketplace') return undefined;
    const notFound = (arn: string) =>
      errorResponse(request, 404, 'ResourceNotFoundException', `The resource ${arn} could not be found.`);
    if (request.method === 'GET' && request.path === '/GetResourcePolicy') {
      const arn = request.query.get('resourceArn') ?? '';
      const policy = state.resources.has(arn) ? state.policies.get(arn) : undefined;
      if (policy === undefined) return notFound(arn);
      return json({ Policy: policy });
    }
    if (request.method !== 'POST') return undefined;
    const body = input(request);
    if (request.path === '/ListEntities') {
      if (body.Catalog !== 'AWSMarketplace')
        return errorResponse(request, 400, 'ValidationException', `Unknown catalog ${String(body.Catalog)}`);
      const type = String(body.EntityType);
      const account = await callerAccount(request, context);
      const prefix = `arn:aws:aws-marketplace:${request.region}:${account}:AWSMarketplace/${type}/`;
      const { items, next } = page(state.list(prefix), body, 50);
      return json({
        EntitySummaryList: items.map((entity) => ({
          EntityType: type,
          EntityId: lastName(entity.arn),
          EntityArn: entity.arn,
          ...entity.attributes,
        })),
        NextToken: next,
      });
    }
    if (request.path === '/ListTagsForResource') {
      const arn = String(body.ResourceArn);
      if (!state.resources.has(arn)) return notFound(arn);
      const tags = Object.entries(state.tags.get(arn) ?? {}).map(([Key, Value]) => ({ Key, Value }));
      return json({ ResourceArn: arn, Tags: tags });
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// Seeds of the all-services world

/** A policy letting the account 111122223333 call `actions` on `resource`. */
function sharedWith(resource: string, actions: string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: actions, Resource: resource },
    ],
  });
}

/**
 * In every region of the target: an OAM sink (in `state`) whose policy lets the account 111122223333
 * link to it, with a `seeded: "true"` tag.
 */
export function seedOam(target: { account: string; regions: string[] }, state: BacklogState): void {
  for (const region of target.regions) {
    const sink = `arn:aws:oam:${region}:${target.account}:sink/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`;
    state.add(
      sink,
      { Name: 'seeded-monitoring' },
      { policy: sharedWith(sink, ['oam:CreateLink', 'oam:UpdateLink']), tags: { seeded: 'true' } },
    );
  }
}

/**
 * In us-east-1 (the Marketplace Catalog's only region) when the target has it: an AMI product (in
 * `state`) whose resource policy lets the account 111122223333 describe it, with a `seeded: "true"` tag.
 */
export function seedMarketplaceCatalog(target: { account: string; regions: string[] }, state: BacklogState): void {
  if (!target.regions.includes('us-east-1')) return;
  const product = `arn:aws:aws-marketplace:us-east-1:${target.account}:AWSMarketplace/AmiProduct/prod-seeded0000001`;
  state.add(
    product,
    { Name: 'seeded-ami', Visibility: 'Limited', LastModifiedDate: '2023-11-14T22:13:20Z' },
    {
      policy: sharedWith(product, ['aws-marketplace:DescribeEntity', 'aws-marketplace:ListEntities']),
      tags: { seeded: 'true' },
    },
  );
}
