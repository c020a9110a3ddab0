/**
 * HTTP-level emulations for the CloudFront and Bedrock sources, answered in each service's own wire
 * format (CloudFront: REST-XML, `/2020-05-31/...`; Bedrock: REST-JSON) so the real SDK clients parse
 * real bytes, and the seeds of the all-services world for both.
 *
 * moto 5.2 has no CloudFront VPC origins and no resource policy calls in either service. Its Bedrock
 * custom models come only out of a customization job and carry name-based ARNs
 * (`custom-model/<name>`), not AWS's id-based ones, and it has no guardrails; so all three resource
 * types are emulated over a `BacklogState` (tests and seeds add resources to the state directly).
 */
import type { BacklogState } from './backlog-emulators.js';
import { callerAccount } from './emulators.js';
import type { Emulator, ProxyRequest, ProxyResponse } from './proxy.js';

/** Fixed dates, so that listings and collected trees stay deterministic. */
const CREATED = '2026-01-01T00:00:00Z';

/** One page from a numeric token (the index of the first item). */
function page<T>(items: readonly T[], token: string | null, size: string | null): { items: T[]; next?: string } {
  const start = token ? Number(token) : 0;
  const end = start + (size ? Number(size) : 100);
  return { items: items.slice(start, end), ...(end < items.length ? { next: String(end) } : {}) };
}

// ---------------------------------------------------------------------------------------------------
// CloudFront (REST-XML)

const XMLNS = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';
const API = '/2020-05-31';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xml(status: number, root: string, inner: string): ProxyResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${XMLNS}">${inner}</${root}>`,
  };
}

/** A CloudFront error as AWS sends it (`<ErrorResponse><Error>...`), which the SDK parses by its Code. */
export function cloudfrontError(status: number, code: string, message: string): ProxyResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>cloudfront-emulator</RequestId></ErrorResponse>`,
  };
}

/** The text of `<tag>` in an XML request body. */
function xmlField(request: ProxyRequest, tag: string): string | undefined {
  const found = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(request.body.toString('utf8'));
  return found?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * CloudFront VPC origins: ListVpcOrigins (GET /vpc-origin, Marker/MaxItems) from `state` (attributes
 * `{Id, Name, Status, OriginEndpointArn}`); Put/Get/DeleteResourcePolicy (POST /put-, /get-,
 * /delete-resource-policy) from `state.policies` (404 EntityNotFound, as AWS, when there is none);
 * ListTagsForResource of a VPC origin from `state.tags` (any other ARN goes to moto).
 */
export function cloudfrontEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'cloudfront') return undefined;
    const notFound = (arn: string) => cloudfrontError(404, 'EntityNotFound', `The resource ${arn} does not exist.`);
    if (request.method === 'GET' && request.path === `${API}/vpc-origin`) {
      const account = await callerAccount(request, context);
      const all = state.list(`arn:aws:cloudfront::${account}:vpcorigin/`);
      const { items, next } = page(all, request.query.get('Marker'), request.query.get('MaxItems'));
      const summaries = items.map((origin) => {
        const a = origin.attributes;
        return `<VpcOriginSummary><Id>${a.Id}</Id><Name>${escapeXml(String(a.Name))}</Name><Status>${a.Status}</Status><CreatedTime>${CREATED}</CreatedTime><LastModifiedTime>${CREATED}</LastModifiedTime><Arn>${origin.arn}</Arn><OriginEndpointArn>${a.OriginEndpointArn}</OriginEndpointArn></VpcOriginSummary>`;
      });
      return xml(
        200,
        'VpcOriginList',
        `<Marker>${request.query.get('Marker') ?? ''}</Marker>${next ? `<NextMarker>${next}</NextMarker>` : ''}<MaxItems>${request.query.get('MaxItems') ?? 100}</MaxItems><IsTruncated>${next !== undefined}</IsTruncated><Quantity>${items.length}</Quantity>${items.length > 0 ? `<Items>${summaries.join('')}</Items>` : ''}`,
      );
    }
    if (request.method === 'POST' && request.path === `${API}/get-resource-policy`) {
      const arn = String(xmlField(request, 'ResourceArn'));
      const policy = state.resources.has(arn) ? state.policies.get(arn) : undefined;
      if (policy === undefined) return notFound(arn);
      return xml(
        200,
        'GetResourcePolicyResult',
        `<ResourceArn>${arn}</ResourceArn><PolicyDocument>${escapeXml(policy)}</PolicyDocument>`,
      );
    }
    if (request.method === 'POST' && request.path === `${API}/put-resource-policy`) {
      const arn = String(xmlField(request, 'ResourceArn'));
      if (!state.resources.has(arn)) return notFound(arn);
      state.setPolicy(arn, String(xmlField(request, 'PolicyDocument')));
      return xml(200, 'PutResourcePolicyResult', `<ResourceArn>${arn}</ResourceArn>`);
    }
    if (request.method === 'POST' && request.path === `${API}/delete-resource-policy`) {
      const arn = String(xmlField(request, 'ResourceArn'));
      if (!state.policies.delete(arn)) return notFound(arn);
      return { status: 204, headers: {}, body: '' };
    }
    const tagged = request.query.get('Resource');
    if (request.method === 'GET' && request.path === `${API}/tagging` && tagged?.includes(':vpcorigin/')) {
      if (!state.resources.has(tagged)) return notFound(tagged);
      const tags = Object.entries(state.tags.get(tagged) ?? {}).map(
        ([key, value]) => `<Tag><Key>${escapeXml(key)}</Key><Value>${escapeXml(value)}</Value></Tag>`,
      );
      return xml(200, 'Tags', `<Items>${tags.join('')}</Items>`);
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// Bedrock (REST-JSON)

function restJson(status: number, value: Record<string, unknown>): ProxyResponse {
  const defined = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(defined) };
}

function restJsonError(status: number, code: string, message: string): ProxyResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
    body: JSON.stringify({ message }),
  };
}

function jsonBody(request: ProxyRequest): Record<string, unknown> {
  const text = request.body.toString('utf8').trim();
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/**
 * Bedrock custom models and guardrails: ListCustomModels (GET /custom-models) and ListGuardrails
 * (GET /guardrails) from `state` (attributes: a model's `{modelName, baseModelArn, customizationType,
 * modelStatus}`, a guardrail's `{id, name, description, status}`); Put/Get/DeleteResourcePolicy
 * (/resource-policy[/{arn}]) from `state.policies` (404 ResourceNotFoundException, as AWS, when there
 * is none); ListTagsForResource (POST /listTagsForResource) of both from `state.tags`.
 */
export function bedrockEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'bedrock') return undefined;
    const notFound = (what: string) => restJsonError(404, 'ResourceNotFoundException', `${what} not found`);
    const prefix = async (type: string) =>
      `arn:aws:bedrock:${request.region}:${await callerAccount(request, context)}:${type}/`;
    const query = (name: string) => request.query.get(name);
    if (request.method === 'GET' && request.path === '/custom-models') {
      const { items, next } = page(state.list(await prefix('custom-model')), query('nextToken'), query('maxResults'));
      return restJson(200, {
        modelSummaries: items.map((model) => ({
          modelArn: model.arn,
          ...model.attributes,
          baseModelName: '',
          creationTime: CREATED,
          ownerAccountId: model.arn.split(':')[4],
        })),
        nextToken: next,
      });
    }
    if (request.method === 'GET' && request.path === '/guardrails') {
      const { items, next } = page(state.list(await prefix('guardrail')), query('nextToken'), query('maxResults'));
      return restJson(200, {
        guardrails: items.map((guardrail) => ({
          arn: guardrail.arn,
          ...guardrail.attributes,
          version: 'DRAFT',
          createdAt: CREATED,
          updatedAt: CREATED,
        })),
        nextToken: next,
      });
    }
    if (request.path.startsWith('/resource-policy/')) {
      const arn = decodeURIComponent(request.path.slice('/resource-policy/'.length));
      const policy = state.resources.has(arn) ? state.policies.get(arn) : undefined;
      if (policy === undefined) return notFound(`Resource policy for ${arn}`);
      if (request.method === 'DELETE') {
        state.policies.delete(arn);
        return restJson(200, {});
      }
      return request.method === 'GET' ? restJson(200, { resourcePolicy: policy }) : undefined;
    }
    if (request.method === 'POST' && request.path === '/resource-policy') {
      const body = jsonBody(request);
      const arn = String(body.resourceArn);
      if (!state.resources.has(arn)) return notFound(`Resource ${arn}`);
      state.setPolicy(arn, String(body.resourcePolicy));
      return restJson(201, { resourceArn: arn });
    }
    if (request.method === 'POST' && request.path === '/listTagsForResource') {
      const arn = String(jsonBody(request).resourceARN);
      if (!state.resources.has(arn)) return notFound(`Resource ${arn}`);
      return restJson(200, {
        tags: Object.entries(state.tags.get(arn) ?? {}).map(([key, value]) => ({ key, value })),
      });
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

/** One CloudFront VPC origin per account (CloudFront is global), with a resource policy and a `seeded` tag. */
export function seedCloudFront(target: { account: string }, state: BacklogState): void {
  const arn = `arn:aws:cloudfront::${target.account}:vpcorigin/vo_seeded0123456789`;
  state.add(
    arn,
    {
      Id: 'vo_seeded0123456789',
      Name: 'seeded-origin',
      Status: 'Deployed',
      OriginEndpointArn: `arn:aws:elasticloadbalancing:us-east-1:${target.account}:loadbalancer/app/seeded/0123456789abcdef`,
    },
    { policy: sharedWith(arn, ['cloudfront:GetVpcOrigin', 'cloudfront:ListVpcOrigins']), tags: { seeded: 'true' } },
  );
}

/**
 * In every region of the target: a custom model and a guardrail, each with a resource policy letting
 * another account use it and a `seeded: "true"` tag.
 */
export function seedBedrock(target: { account: string; regions: string[] }, state: BacklogState): void {
  for (const region of target.regions) {
    const arn = (resource: string) => `arn:aws:bedrock:${region}:${target.account}:${resource}`;
    const model = arn('custom-model/amazon.titan-text-express-v1:0:8k/seeded0model');
    state.add(
      model,
      {
        modelName: 'seeded-model',
        baseModelArn: `arn:aws:bedrock:${region}::foundation-model/amazon.titan-text-express-v1:0:8k`,
        customizationType: 'FINE_TUNING',
        modelStatus: 'Active',
      },
      { policy: sharedWith(model, ['bedrock:InvokeModel', 'bedrock:GetCustomModel']), tags: { seeded: 'true' } },
    );
    const guardrail = arn('guardrail/seeded0guard');
    state.add(
      guardrail,
      { id: 'seeded0guard', name: 'seeded-guardrail', status: 'READY' },
      { policy: sharedWith(guardrail, ['bedrock:ApplyGuardrail']), tags: { seeded: 'true' } },
    );
  }
}
