import { resourceTypeFolder } from '../../storage/layout.js';
import { readJson } from '../../storage/write-json.js';
import type { Indexer } from './types.js';

interface VpcEntry {
  arn: string;
  endpoints: Array<{ id: string; service: string }>;
}

interface EndpointEntry {
  arn: string;
  vpc: string;
}

interface VpcIndex {
  vpcs: Record<string, VpcEntry>;
  endpoints: Record<string, EndpointEntry>;
}

interface EndpointMetadata {
  arn?: unknown;
  id?: unknown;
  vpc?: unknown;
  serviceName?: unknown;
}

/**
 * `{vpcs: {<vpc id>: {arn, endpoints: [{id, service}]}}, endpoints: {<vpce id>: {arn, vpc}}}`: resolves
 * `aws:SourceVpc` and `aws:SourceVpce` conditions. Built from the stored VPC endpoints' metadata
 * (`ec2/<region>/vpc-endpoint/<id>/metadata.json`), the only VPC objects collected. Entries of
 * accounts not being recomputed (the account named in their ARN) are kept from the stored index.
 */
export const vpcs: Indexer = {
  name: 'vpcs',
  service: 'ec2',
  async build({ store, partition, storedAccounts, accounts, map }, existing) {
    const out: VpcIndex = { vpcs: {}, endpoints: {} };
    const stored = new Set(storedAccounts);
    const kept = (arn: unknown) => {
      const account = typeof arn === 'string' ? arn.split(':')[4] : undefined;
      return account !== undefined && stored.has(account) && !accounts.includes(account);
    };
    const previous = (existing ?? {}) as Partial<VpcIndex>;
    for (const [id, vpc] of Object.entries(previous.vpcs ?? {})) if (kept(vpc?.arn)) out.vpcs[id] = vpc;
    for (const [id, endpoint] of Object.entries(previous.endpoints ?? {}))
      if (kept(endpoint?.arn)) out.endpoints[id] = endpoint;

    const perAccount = await map(accounts, async (account) => {
      const folder = resourceTypeFolder(partition, account, 'ec2', '', '');
      const keys = (await store.listRecursive(folder)).filter((key) =>
        /\/vpc-endpoint\/[^/]+\/metadata\.json$/.test(key),
      );
      return map(keys, (key) => readJson<EndpointMetadata>(store, key));
    });
    for (const m of perAccount.flat()) {
      if (typeof m?.arn !== 'string' || typeof m.id !== 'string' || typeof m.vpc !== 'string') continue;
      const vpcId = m.vpc.slice(m.vpc.lastIndexOf('/') + 1);
      out.endpoints[m.id] = { arn: m.arn, vpc: vpcId };
      out.vpcs[vpcId] ??= { arn: m.vpc, endpoints: [] };
      const vpc = out.vpcs[vpcId];
      vpc.endpoints = vpc.endpoints.filter((e) => e.id !== m.id);
      vpc.endpoints.push({ id: m.id, service: serviceOf(m.serviceName) });
      vpc.endpoints.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
    return out as unknown as Record<string, unknown>;
  },
};

/**
 * The service an endpoint reaches: `s3` for `com.amazonaws.us-east-1.s3`, `ecr.api` for
 * `com.amazonaws.us-east-1.ecr.api`; an endpoint service of another owner keeps its whole name.
 */
function serviceOf(serviceName: unknown): string {
  if (typeof serviceName !== 'string') return '';
  const match = /^(?:com\.amazonaws|aws\.api|aws\.sagemaker|cn\.com\.amazonaws)\.[a-z0-9-]+\.(.+)$/.exec(serviceName);
  return match?.[1] ?? serviceName;
}
