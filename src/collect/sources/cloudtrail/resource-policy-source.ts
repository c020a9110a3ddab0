import { CloudTrailClient, GetResourcePolicyCommand, ListTagsCommand } from '@aws-sdk/client-cloudtrail';
import { FieldCollector, type FieldResult, tagsObject } from '../fields.js';
import { allPages, chunks, policyDocument, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';

/** ListTags takes at most 20 ARNs. */
const TAG_BATCH = 20;

/** One listed CloudTrail resource: its ARN and its metadata file. */
export interface ListedResource {
  readonly arn: string;
  readonly metadata: Record<string, unknown>;
}

/** What differs between the CloudTrail resource kinds that take a resource policy. */
export interface CloudTrailKind {
  /** The sync name: `eventDataStores`, `channels`, `dashboards`. */
  readonly sync: string;
  readonly label: string;
  /** The ARN's resource type, which is the folder: `eventdatastore`, `channel`, `dashboard`. */
  readonly resourceType: string;
  readonly description: string;
  readonly listAction: string;
  /** One page of the listing. */
  list(client: CloudTrailClient, token: string | undefined): Promise<{ items: ListedResource[]; next?: string }>;
}

/**
 * A source for one CloudTrail resource kind with a resource policy (GetResourcePolicy: the policy and,
 * for organization resources, the one generated for the delegated administrator) and tags (ListTags,
 * 20 ARNs per call): one call per resource plus one per 20.
 */
export function cloudtrailResourcePolicySource(kind: CloudTrailKind): Source {
  return {
    name: `cloudtrail/${kind.sync}`,
    service: 'cloudtrail',
    scope: 'regional',
    description: kind.description,
    apiCalls: [kind.listAction, 'cloudtrail:GetResourcePolicy', 'cloudtrail:ListTags'],
    stores: [
      {
        label: kind.label,
        service: 'cloudtrail',
        resourceType: kind.resourceType,
        files: ['metadata', 'policy', 'delegated-admin-policy', 'tags'],
      },
    ],

    async collect(ctx) {
      const client = ctx.client(CloudTrailClient);
      const pages = await allPages(
        (token) => kind.list(client, token),
        (page) => page.next,
      );
      const resources = pages.flatMap((page) => page.items);

      const batches = chunks(
        resources.map((r) => r.arn),
        TAG_BATCH,
      );
      const tagResults = await ctx.map(batches, (arns) =>
        readResourceField(() => client.send(new ListTagsCommand({ ResourceIdList: arns }))),
      );
      const tagsOf = new Map<string, FieldResult<Record<string, string> | undefined>>();
      batches.forEach((arns, index) => {
        const result = tagResults[index];
        for (const arn of arns) {
          if (result?.state !== 'ok') tagsOf.set(arn, result ?? { state: 'absent' });
          else {
            const entry = result.value.ResourceTagList?.find((r) => r.ResourceId === arn);
            tagsOf.set(arn, { state: 'ok', value: tagsObject(entry?.TagsList) });
          }
        }
      });

      const records = await ctx.map(resources, async (resource) => {
        const fields = new FieldCollector(resource.arn);
        fields.files.metadata = { arn: resource.arn, ...resource.metadata };
        const policy = await readResourceField(() =>
          client.send(new GetResourcePolicyCommand({ ResourceArn: resource.arn })),
        );
        fields.set('policy', policy, (out) => policyDocument(out.ResourcePolicy));
        fields.set('delegated-admin-policy', policy, (out) => policyDocument(out.DelegatedAdminResourcePolicy));
        fields.set('tags', tagsOf.get(resource.arn) ?? { state: 'absent' });
        return fields;
      });
      return {
        resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
        // One call reads both policies: one gap to record per resource.
        issues: records.flatMap((f) => f.issues.filter((issue) => issue.field !== 'delegated-admin-policy')),
      };
    },
  };
}
