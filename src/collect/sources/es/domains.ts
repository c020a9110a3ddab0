import {
  DescribeDomainsCommand,
  type DomainStatus,
  ListDomainNamesCommand,
  ListTagsCommand,
  OpenSearchClient,
} from '@aws-sdk/client-opensearch';
import { FieldCollector, type FieldResult, tagsObject } from '../fields.js';
import { chunks, policyDocument, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';

/** DescribeDomains takes at most five names. */
const DESCRIBE_BATCH = 5;

/**
 * OpenSearch (and Elasticsearch) domains with their access policy, KMS key and tags. Domains are
 * described five at a time, so a domain costs 1/5 of a DescribeDomains plus one ListTags.
 */
export const domains: Source = {
  name: 'es/domains',
  service: 'es',
  scope: 'regional',
  description: 'OpenSearch and Elasticsearch domains: access policy, KMS key, tags',
  apiCalls: ['es:ListDomainNames', 'es:DescribeDomains', 'es:ListTags'],
  stores: [{ label: 'domain', service: 'es', resourceType: 'domain', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const client = ctx.client(OpenSearchClient);
    const listed = await client.send(new ListDomainNamesCommand({}));
    const names = (listed.DomainNames ?? []).flatMap((d) => (d.DomainName ? [d.DomainName] : []));
    const batches = chunks(names, DESCRIBE_BATCH);
    const described = await ctx.map(batches, async (batch) => {
      const result = await readResourceField(() => client.send(new DescribeDomainsCommand({ DomainNames: batch })));
      return batch.map((name): [string, FieldResult<DomainStatus>] => {
        if (result.state !== 'ok') return [name, result];
        const status = result.value.DomainStatusList?.find((d) => d.DomainName === name);
        return [name, status ? { state: 'ok', value: status } : { state: 'absent' }];
      });
    });

    const records = await ctx.map(described.flat(), async ([name, status]) => {
      if (status.state === 'absent') return undefined; // deleted since the listing
      const arn =
        status.state === 'ok' && status.value.ARN
          ? status.value.ARN
          : `arn:${ctx.partition}:es:${ctx.region}:${ctx.account}:domain/${name}`;
      const fields = new FieldCollector(arn);
      fields.set('policy', status, (s) => policyDocument(s.AccessPolicies));
      fields.set('metadata', status, (s) => ({ arn, name, keyId: s.EncryptionAtRestOptions?.KmsKeyId }));
      const tags = await readResourceField(() => client.send(new ListTagsCommand({ ARN: arn })));
      fields.set('tags', tags, (out) => tagsObject(out.TagList));
      return fields;
    });
    const found = records.filter((f): f is FieldCollector => f !== undefined);
    return {
      resources: found.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      // metadata and policy come from one call: its gap is reported once, as the policy's.
      issues: found.flatMap((f) => f.issues.filter((issue) => issue.field !== 'metadata')),
    };
  },
};
