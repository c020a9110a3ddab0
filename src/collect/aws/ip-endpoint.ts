import { isIP } from 'node:net';

/** A name that can never resolve (RFC 2606), standing in for an IP address during endpoint resolution. */
const PLACEHOLDER = 'ip-endpoint.iamwright.invalid';

interface EndpointV2 {
  url: URL;
  [field: string]: unknown;
}
type EndpointProvider = (params: Record<string, unknown>, context?: unknown) => EndpointV2;

/** True when the endpoint's host is an IP address (an emulator such as moto, or a proxy). */
export function isIpEndpoint(endpoint: string): boolean {
  try {
    return isIP(new URL(endpoint).hostname.replace(/^\[|\]$/g, '')) !== 0;
  } catch {
    return false;
  }
}

/**
 * S3 Control's endpoint rules put the account id in front of the endpoint's host
 * (`<account>.<host>`). With an IP endpoint (`http://127.0.0.1:5000`, an emulator) that makes an
 * invalid URL and every call fails. For such a client the rules are run against a placeholder host
 * and the IP is put back afterwards, so requests go to the IP itself, the account id staying in the
 * `x-amz-account-id` header. Other endpoints (`http://s3control.localhost:5000`) are left alone.
 */
export function keepIpEndpointHost(client: { config: unknown }, endpoint: string): void {
  let configured: URL;
  try {
    configured = new URL(endpoint);
  } catch {
    return;
  }
  const host = configured.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) === 0) return;
  const config = client.config as { endpointProvider: EndpointProvider };
  const resolve = config.endpointProvider;
  config.endpointProvider = (params, context) => {
    const given = typeof params.Endpoint === 'string' ? params.Endpoint : endpoint;
    const resolved = resolve({ ...params, Endpoint: given.replace(configured.hostname, PLACEHOLDER) }, context);
    const url = new URL(resolved.url.href);
    if (url.hostname !== PLACEHOLDER && !url.hostname.endsWith(`.${PLACEHOLDER}`)) return resolved;
    url.hostname = configured.hostname;
    return { ...resolved, url };
  };
}
