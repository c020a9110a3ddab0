/**
 * A loopback HTTP proxy in front of moto. It forwards requests unchanged and can:
 * - inject faults into a share of requests: a throttling error in the request's own protocol,
 *   HTTP 429, HTTP 503 or a reset connection. Decisions come from a seeded hash of the request and
 *   how many times that same request was seen, so a run is reproducible even with concurrency;
 * - emulate APIs that moto lacks, in AWS's wire format (see emulators.ts), through a small
 *   registry of `(request) => response | undefined` functions;
 * - count requests per operation (and so AssumeRole calls) for tests and the benchmark.
 */
import { createHash } from 'node:crypto';
import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request as httpRequest,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export type Protocol = 'json' | 'query' | 'rest-xml' | 'rest-json';
export type FaultKind = 'throttle' | '429' | '503' | 'reset';
export const ALL_FAULT_KINDS: readonly FaultKind[] = ['throttle', '429', '503', 'reset'];

/** One request as the proxy sees it. */
export interface ProxyRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Signing name from the SigV4 credential scope (`iam`, `sts`, `s3`...), `s3control` for S3 Control. */
  service: string;
  region: string;
  accessKeyId: string;
  protocol: Protocol;
  /** `<service>:<Operation>`, e.g. `sts:AssumeRole`, `account:ListRegions`, `s3:PutObject`. */
  operation: string;
}

export interface ProxyResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A raw exchange with moto, for emulators that need facts moto knows (the caller's account...). */
export interface UpstreamRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface EmulatorContext {
  /** Sends a request straight to moto (no faults, not counted). */
  upstream(request: UpstreamRequest): Promise<UpstreamResponse>;
}

/** Answers a request moto cannot, or returns undefined to let it through. */
export type Emulator = (
  request: ProxyRequest,
  context: EmulatorContext,
) => ProxyResponse | undefined | Promise<ProxyResponse | undefined>;

export interface ProxyOptions {
  /** moto's endpoint, `http://127.0.0.1:<port>`. */
  upstream: string;
  /** Share of requests answered with a fault, 0..1 (default 0). */
  faultRate?: number;
  faultKinds?: readonly FaultKind[];
  /** Seed of the fault decisions (default 1). */
  seed?: number;
  /** Which requests may be faulted (default: all). */
  faultable?: (request: ProxyRequest) => boolean;
  /** Tried in order before forwarding; the first response wins. */
  emulators?: Emulator[];
}

export interface ProxyStats {
  /** Every request received, faulted ones included. */
  requests: number;
  byOperation: Record<string, number>;
  /** Requests answered with a 2xx status (by moto or an emulator), by operation. */
  succeededByOperation: Record<string, number>;
  faults: Record<FaultKind, number>;
  faultsByOperation: Record<string, number>;
  /** Requests answered by an emulator, by operation. */
  emulated: Record<string, number>;
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: point the collector here instead of at moto. */
  readonly endpoint: string;
  readonly port: number;
  stats(): ProxyStats;
  resetStats(): void;
  setFaultRate(rate: number): void;
  /** Adds an emulator after the existing ones. */
  addEmulator(emulator: Emulator): void;
  stop(): Promise<void>;
}

export async function startProxy(options: ProxyOptions): Promise<FaultProxy> {
  const upstreamUrl = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const emulators = [...(options.emulators ?? [])];
  const faultKinds = options.faultKinds ?? ALL_FAULT_KINDS;
  const seed = options.seed ?? 1;
  let faultRate = options.faultRate ?? 0;
  let stats = emptyStats();
  const seen = new Map<string, number>();

  const upstream = (request: UpstreamRequest): Promise<UpstreamResponse> =>
    new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: upstreamUrl.hostname,
          port: upstreamUrl.port,
          method: request.method,
          path: request.path,
          headers: request.headers,
          agent,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });

  const decideFault = (request: ProxyRequest): FaultKind | undefined => {
    if (faultRate <= 0 || faultKinds.length === 0) return undefined;
    if (options.faultable && !options.faultable(request)) return undefined;
    const signature = createHash('sha256')
      .update(`${request.method} ${request.url}\n${request.headers['x-amz-target'] ?? ''}\n`)
      .update(request.body)
      .digest('hex');
    const occurrence = (seen.get(signature) ?? 0) + 1;
    seen.set(signature, occurrence);
    const roll = createHash('sha256').update(`${seed}:${signature}:${occurrence}`).digest();
    if (roll.readUInt32BE(0) / 2 ** 32 >= faultRate) return undefined;
    return faultKinds[roll.readUInt32BE(4) % faultKinds.length];
  };

  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> => {
    const body = await readBody(incoming);
    const request = describeRequest(incoming, body);
    const counted = !request.path.startsWith('/moto-api');
    if (counted) {
      stats.requests++;
      increment(stats.byOperation, request.operation);
    }

    const fault = counted ? decideFault(request) : undefined;
    if (fault) {
      stats.faults[fault]++;
      increment(stats.faultsByOperation, request.operation);
      if (fault === 'reset') {
        incoming.socket.destroy();
        return;
      }
      send(outgoing, faultResponse(request, fault));
      return;
    }

    for (const emulator of emulators) {
      const response = await emulator(request, { upstream });
      if (response) {
        increment(stats.emulated, request.operation);
        if (response.status < 300) increment(stats.succeededByOperation, request.operation);
        send(outgoing, response);
        return;
      }
    }

    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    headers['content-length'] = String(body.length);
    const response = await upstream({ method: request.method, path: request.url, headers, body });
    const responseHeaders: IncomingHttpHeaders = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (!HOP_BY_HOP.has(name)) responseHeaders[name] = value;
    }
    responseHeaders['content-length'] = String(response.body.length);
    if (counted && response.status < 300) increment(stats.succeededByOperation, request.operation);
    outgoing.writeHead(response.status, responseHeaders);
    outgoing.end(response.body);
  };

  const server: Server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: Error) => {
      if (!outgoing.headersSent) {
        outgoing.writeHead(502, { 'content-type': 'text/plain' });
        outgoing.end(`proxy error: ${error.message}`);
      } else {
        outgoing.destroy();
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stats: () => structuredClone(stats),
    resetStats() {
      stats = emptyStats();
      seen.clear();
    },
    setFaultRate(rate: number) {
      faultRate = rate;
    },
    addEmulator(emulator: Emulator) {
      emulators.push(emulator);
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

/** Per-connection headers: each side of the proxy manages its own connection. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade']);

function emptyStats(): ProxyStats {
  return {
    requests: 0,
    byOperation: {},
    succeededByOperation: {},
    faults: { throttle: 0, '429': 0, '503': 0, reset: 0 },
    faultsByOperation: {},
    emulated: {},
  };
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

function send(outgoing: ServerResponse, response: ProxyResponse): void {
  const body = response.body ?? '';
  outgoing.writeHead(response.status, {
    'x-amzn-requestid': requestId(),
    'content-length': String(Buffer.byteLength(body)),
    ...response.headers,
  });
  outgoing.end(body);
}

let requestCounter = 0;
function requestId(): string {
  return `iamwright-proxy-${++requestCounter}`;
}

/** Classifies a request: service, protocol and operation name. */
export function describeRequest(incoming: IncomingMessage, body: Buffer): ProxyRequest {
  const method = incoming.method ?? 'GET';
  const url = incoming.url ?? '/';
  const parsed = new URL(url, 'http://proxy.invalid');
  const headers = incoming.headers;
  const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(String(headers.authorization ?? ''));
  let service = scope?.[3] ?? '';
  if (service === 's3' && parsed.pathname.startsWith('/v20180820/')) service = 's3control';
  const target = headers['x-amz-target'];
  const contentType = String(headers['content-type'] ?? '');

  let protocol: Protocol;
  let operation: string;
  if (typeof target === 'string') {
    protocol = 'json';
    operation = target.slice(target.lastIndexOf('.') + 1);
  } else if (contentType.startsWith('application/x-www-form-urlencoded') || parsed.searchParams.has('Action')) {
    protocol = 'query';
    const form = new URLSearchParams(body.toString('utf8'));
    operation = form.get('Action') ?? parsed.searchParams.get('Action') ?? 'Unknown';
  } else if (service === 's3' || service === 's3control') {
    protocol = 'rest-xml';
    operation = restXmlOperation(method, parsed, service);
  } else {
    protocol = 'rest-json';
    operation = REST_JSON_OPERATIONS[`${service} ${method} ${parsed.pathname}`] ?? `${method} ${parsed.pathname}`;
  }
  return {
    method,
    url,
    path: parsed.pathname,
    query: parsed.searchParams,
    headers,
    body,
    service,
    region: scope?.[2] ?? '',
    accessKeyId: scope?.[1] ?? '',
    protocol,
    operation: `${service || 'unsigned'}:${operation}`,
  };
}

const REST_JSON_OPERATIONS: Readonly<Record<string, string>> = {
  'account POST /listRegions': 'ListRegions',
  'account POST /getRegionOptStatus': 'GetRegionOptStatus',
};

/** S3 Control routes (after `/v20180820/`) by method. */
const S3_CONTROL_OPERATIONS: readonly [RegExp, Readonly<Record<string, string>>][] = [
  [
    /^configuration\/publicAccessBlock$/,
    { GET: 'GetPublicAccessBlock', PUT: 'PutPublicAccessBlock', DELETE: 'DeletePublicAccessBlock' },
  ],
  [/^accesspoint$/, { GET: 'ListAccessPoints' }],
  [/^accesspoint\/[^/]+$/, { GET: 'GetAccessPoint', PUT: 'CreateAccessPoint', DELETE: 'DeleteAccessPoint' }],
  [/^accesspoint\/[^/]+\/policy$/, { GET: 'GetAccessPointPolicy', PUT: 'PutAccessPointPolicy' }],
  [/^accesspoint\/[^/]+\/policyStatus$/, { GET: 'GetAccessPointPolicyStatus' }],
  [/^mrap\/instances$/, { GET: 'ListMultiRegionAccessPoints' }],
  [/^mrap\/instances\/.+\/policy$/, { GET: 'GetMultiRegionAccessPointPolicy' }],
  [/^mrap\/instances\/.+$/, { GET: 'GetMultiRegionAccessPoint' }],
];

/** S3 names most operations in an `x-id` query parameter; the rest are known by shape. */
function restXmlOperation(method: string, url: URL, service: string): string {
  const id = url.searchParams.get('x-id');
  if (id) return id;
  if (service === 's3control') {
    const resource = url.pathname.split('/').slice(2).join('/');
    for (const [pattern, names] of S3_CONTROL_OPERATIONS) {
      const name = pattern.test(resource) ? names[method] : undefined;
      if (name) return name;
    }
    return `${method} /${resource}`;
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const subresource = [...url.searchParams.keys()].sort().join('&');
  if (segments.length === 0) return method === 'GET' ? 'ListBuckets' : `${method} /`;
  if (segments.length === 1 && method === 'GET' && url.searchParams.get('list-type') === '2') return 'ListObjectsV2';
  const shape = segments.length === 1 ? '/{Bucket}' : '/{Bucket}/{Key}';
  return `${method} ${shape}${subresource ? `?${subresource}` : ''}`;
}

/** The error a real service of that protocol sends for a fault. */
export function faultResponse(request: ProxyRequest, fault: Exclude<FaultKind, 'reset'>): ProxyResponse {
  const [status, code, message] =
    fault === 'throttle'
      ? request.service === 's3'
        ? [503, 'SlowDown', 'Please reduce your request rate.']
        : [400, request.protocol === 'query' ? 'Throttling' : 'ThrottlingException', 'Rate exceeded']
      : fault === '429'
        ? [429, 'TooManyRequestsException', 'Too many requests']
        : [503, 'ServiceUnavailable', 'Service is unavailable, try again'];
  return errorResponse(request, status, code, message);
}

/** An AWS error in the request's protocol. */
export function errorResponse(request: ProxyRequest, status: number, code: string, message: string): ProxyResponse {
  switch (request.protocol) {
    case 'json': {
      const contentType = String(request.headers['content-type'] ?? 'application/x-amz-json-1.1');
      return {
        status,
        headers: { 'content-type': contentType },
        body: JSON.stringify({ __type: code, message }),
      };
    }
    case 'rest-json':
      return {
        status,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
        body: JSON.stringify({ message }),
      };
    case 'query':
      return {
        status,
        headers: { 'content-type': 'text/xml' },
        body: `<ErrorResponse><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId()}</RequestId></ErrorResponse>`,
      };
    case 'rest-xml':
      return {
        status,
        headers: { 'content-type': 'application/xml' },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId()}</RequestId></Error>`,
      };
  }
}
