import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';

/**
 * `*.localhost` names are loopback (RFC 6761), but the system resolver here may not know them.
 * S3 Control puts the account id in front of the endpoint's host (`<id>.s3control.localhost`), so a
 * local endpoint for it only works when such names resolve.
 */
function lookup(
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
    else callback(null, '127.0.0.1', 4);
    return;
  }
  dnsLookup(hostname, options, callback as never);
}

/** One HTTP handler shared by every client: keep-alive sockets, connect and socket timeouts. */
export function createHttpHandler(maxSockets: number): NodeHttpHandler {
  const agentOptions = { keepAlive: true, maxSockets, lookup: lookup as never };
  return new NodeHttpHandler({
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    throwOnRequestTimeout: true,
    socketTimeout: 30_000,
    httpAgent: new HttpAgent(agentOptions),
    httpsAgent: new HttpsAgent(agentOptions),
  });
}
