/**
 * HTTP-level emulation of IoT SiteWise Monitor access policies (REST-JSON), answered in the service's
 * wire format so the real SDK client parses real bytes; and its seed for the all-services world.
 *
 * moto 5.2 has no IoT SiteWise. Access policies live in a `BacklogState` that tests fill directly (the
 * collector only reads, so only the read calls are emulated), keyed by
 * `arn:aws:iotsitewise:<region>:<account>:access-policy/<id>`, with the attributes ListAccessPolicies
 * returns besides the id, in wire form: `identity` (`{user|group: {id}}` or `{iamUser|iamRole: {arn}}`),
 * `resource` (`{portal|project: {id}}`), `permission` (`ADMINISTRATOR` or `VIEWER`), `creationDate` and
 * `lastUpdateDate` (epoch seconds).
 */
import type { BacklogState } from './backlog-emulators.js';
import { callerAccount } from './emulators.js';
import { type Emulator, errorResponse, type ProxyResponse } from './proxy.js';

/** A REST-JSON answer; undefined members left out, as AWS does. */
function json(value: Record<string, unknown>): ProxyResponse {
  const defined = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(defined) };
}

/** The last path segment of an ARN: the access policy's id. */
const lastName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/**
 * IoT SiteWise over `state`: ListAccessPolicies (GET /access-policies, every policy of the caller's
 * account and region; the identity and resource filters are not emulated, as the collector sends none;
 * `maxResults` up to 250, at most `pageSize` a page, numeric `nextToken`) and ListTagsForResource (GET
 * /tags?resourceArn=: `{tags: {key: value}}`; ResourceNotFoundException, 404, for an unknown ARN).
 */
export function iotsitewiseEmulator(state: BacklogState, options: { pageSize?: number } = {}): Emulator {
  const pageSize = options.pageSize ?? 250;
  return async (request, context) => {
    if (request.service !== 'iotsitewise' || request.method !== 'GET') return undefined;
    if (request.path === '/tags') {
      const arn = request.query.get('resourceArn') ?? '';
      if (!state.resources.has(arn)) {
        return errorResponse(request, 404, 'ResourceNotFoundException', `Resource ${arn} does not exist.`);
      }
      return json({ tags: state.tags.get(arn) ?? {} });
    }
    if (request.path === '/access-policies') {
      const prefix = `arn:aws:iotsitewise:${request.region}:${await callerAccount(request, context)}:access-policy/`;
      const policies = state.list(prefix);
      const token = request.query.get('nextToken');
      const start = token ? Number(token) : 0;
      const asked = Number(request.query.get('maxResults') ?? 50);
      const end = start + Math.min(asked, pageSize);
      return json({
        accessPolicySummaries: policies
          .slice(start, end)
          .map((policy) => ({ id: lastName(policy.arn), ...policy.attributes })),
        nextToken: end < policies.length ? String(end) : undefined,
      });
    }
    return undefined;
  };
}

/**
 * In every region of the target: an access policy (in `state`) giving the IAM role `seeded-viewer`
 * VIEWER permission on a portal, with a `seeded: "true"` tag.
 */
export function seedIotSiteWise(target: { account: string; regions: string[] }, state: BacklogState): void {
  for (const region of target.regions) {
    state.add(
      `arn:aws:iotsitewise:${region}:${target.account}:access-policy/5e6d7c8b-9a0f-4e1d-8c2b-3a4f5e6d7c8b`,
      {
        identity: { iamRole: { arn: `arn:aws:iam::${target.account}:role/seeded-viewer` } },
        resource: { portal: { id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' } },
        permission: 'VIEWER',
        creationDate: 1700000000,
        lastUpdateDate: 1700000000,
      },
      { tags: { seeded: 'true' } },
    );
  }
}
