import { OpenSearchServerlessClient } from '@aws-sdk/client-opensearchserverless';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/** What the list calls return of one policy (the document needs the get call). */
interface PolicySummary {
  name?: string | undefined;
  type?: string | undefined;
  description?: string | undefined;
}

/**
 * An OpenSearch Serverless policy kind. These policies are account-level objects with names, not
 * ARNs, so each is stored under a synthetic ARN `arn:<partition>:aoss:<region>:<account>:<resourceType>/<name>`,
 * i.e. `aoss/<region>/<resourceType>/<name>/`. The listing gives names; the document costs one call
 * per policy. Documents are JSON values already (not text), in OpenSearch Serverless's own rule
 * format, not IAM's.
 */
export function aossPolicySource(spec: {
  sync: string;
  label: string;
  resourceType: string;
  description: string;
  listAction: string;
  getAction: string;
  list(
    client: OpenSearchServerlessClient,
    token: string | undefined,
  ): Promise<{ summaries?: PolicySummary[] | undefined; nextToken?: string | undefined }>;
  /** The policy document of one named policy. */
  read(client: OpenSearchServerlessClient, name: string): Promise<unknown>;
}): Source {
  return {
    name: `aoss/${spec.sync}`,
    service: 'aoss',
    scope: 'regional',
    description: spec.description,
    apiCalls: [`aoss:${spec.listAction}`, `aoss:${spec.getAction}`],
    stores: [{ label: spec.label, service: 'aoss', resourceType: spec.resourceType, files: ['metadata', 'policy'] }],

    async collect(ctx) {
      const client = ctx.client(OpenSearchServerlessClient);
      const pages = await allPages(
        (token) => spec.list(client, token),
        (page) => page.nextToken,
      );
      const summaries = pages.flatMap((page) => page.summaries ?? []).filter((s) => s.name);
      const records = await ctx.map(summaries, async (summary) => {
        const name = summary.name as string;
        const arn = `arn:${ctx.partition}:aoss:${ctx.region}:${ctx.account}:${spec.resourceType}/${name}`;
        const fields = new FieldCollector(arn);
        fields.files.metadata = { arn, name, type: summary.type, description: summary.description };
        const policy = await readResourceField(() => spec.read(client, name));
        fields.set('policy', policy, documentValue);
        return fields;
      });
      return recordsResult(records);
    },
  };
}

/** The SDK gives documents parsed; text (should a document ever come as a string) is parsed the usual way. */
function documentValue(value: unknown): unknown {
  return typeof value === 'string' ? policyDocument(value) : (value ?? undefined);
}
