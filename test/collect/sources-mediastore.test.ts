/**
 * mediastore/containers against moto, with an HTTP-level fix of what moto's MediaStore gets wrong
 * (times, ARNs, status, tag lookup; see mediastoreEmulator): containers with their container policy and tags in two regions;
 * AccessDenied on one container's GetContainerPolicy; deletion of a container.
 */
import * as mediastore from '@aws-sdk/client-mediastore';
import type { Emulator, EmulatorContext, ProxyRequest } from '../moto/proxy.js';
import { seedClientConfig } from '../moto/resource-seeds.js';
import { ACCOUNT, DENIED, sourceTestSuite } from './resource-sources-harness.js';

const arn = (region: string, name: string) => `arn:aws:mediastore:${region}:${ACCOUNT}:container/${name}`;
const publicRead = (region: string, name: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PublicRead',
        Effect: 'Allow',
        Principal: '*',
        Action: ['mediastore:GetObject', 'mediastore:DescribeObject'],
        Resource: `${arn(region, name)}/*`,
      },
    ],
  });

/** Sends the request to moto unchanged (moto does not check signatures). */
function forward(request: ProxyRequest, context: EmulatorContext) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers))
    if (value !== undefined && name !== 'connection' && name !== 'content-length')
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
  headers['content-length'] = String(request.body.length);
  return context.upstream({ method: request.method, path: request.url, headers, body: request.body });
}

/**
 * Fixes what moto's MediaStore gets wrong against AWS's wire format: `CreationTime` (`"MM/DD/YYYY,
 * HH:MM:SS"` where AWS sends epoch seconds, which the SDK rejects), the container ARN (moto:
 * `arn:aws:mediastore:container:<name>`, AWS: `arn:aws:mediastore:<region>:<account>:container/<name>`),
 * the status (moto stays CREATING until DescribeContainer), and ListTagsForResource (moto looks the
 * `Resource` up as a container name, AWS takes the ARN).
 */
const mediastoreEmulator: Emulator = async (request, context) => {
  if (request.service !== 'mediastore') return undefined;
  const arnOf = (name: string) => `arn:aws:mediastore:${request.region}:${ACCOUNT}:container/${name}`;
  let sent = request;
  if (request.operation === 'mediastore:ListTagsForResource') {
    const { Resource } = JSON.parse(request.body.toString('utf8')) as { Resource: string };
    sent = { ...request, body: Buffer.from(JSON.stringify({ Resource: Resource.slice(Resource.indexOf('/') + 1) })) };
  }
  const response = await forward(sent, context);
  const body = response.body
    .toString('utf8')
    .replace(
      /"CreationTime":\s*"(\d\d)\/(\d\d)\/(\d{4}), (\d\d:\d\d:\d\d)"/g,
      (_, month: string, day: string, year: string, time: string) =>
        `"CreationTime": ${Date.parse(`${year}-${month}-${day}T${time}Z`) / 1000}`,
    )
    .replace(/"arn:aws:mediastore:container:([^"]+)"/g, (_, name: string) => JSON.stringify(arnOf(name)))
    .replace(/"Status":\s*"CREATING"/g, '"Status": "ACTIVE"');
  return { status: response.status, headers: { 'content-type': 'application/x-amz-json-1.1' }, body };
};

function client(endpoint: string, region: string) {
  return new mediastore.MediaStoreClient(seedClientConfig({ endpoint }, region));
}

sourceTestSuite({
  service: 'mediastore',
  kind: 'moto + HTTP fix of times, ARNs and tag lookup',
  emulators: [mediastoreEmulator],
  async seed(endpoint) {
    for (const region of ['us-east-1', 'us-west-2']) {
      const media = client(endpoint, region);
      await media.send(
        new mediastore.CreateContainerCommand({ ContainerName: 'live', Tags: [{ Key: 'app', Value: 'video' }] }),
      );
      await media.send(
        new mediastore.PutContainerPolicyCommand({ ContainerName: 'live', Policy: publicRead(region, 'live') }),
      );
      await media.send(new mediastore.CreateContainerCommand({ ContainerName: 'archive' }));
      media.destroy();
    }
  },
  jobs: [
    ['us-east-1', 'containers', { status: 'collected', counts: { container: 2 } }],
    ['us-west-2', 'containers', { status: 'collected', counts: { container: 2 } }],
  ],
  denied: {
    what: "one container's GetContainerPolicy",
    predicate: (r) =>
      r.operation === 'mediastore:GetContainerPolicy' && r.region === 'us-east-1' && r.body.includes('"live"'),
    job: [
      'us-east-1',
      'containers',
      {
        status: 'collected',
        counts: { container: 2 },
        issues: [{ kind: 'denied', arn: arn('us-east-1', 'live'), field: 'policy', message: DENIED }],
      },
    ],
  },
  removed: {
    // moto has no DeleteContainerPolicy; a policy that disappears is the shared FieldCollector rule (absent -> deleted).
    what: 'a container (us-west-2 live, with its policy and tags)',
    async remove(endpoint) {
      const west = client(endpoint, 'us-west-2');
      await west.send(new mediastore.DeleteContainerCommand({ ContainerName: 'live' }));
      west.destroy();
    },
    gone: (path) => path.startsWith('mediastore/us-west-2/container/live/'),
    files: 3,
  },
});
