import { EntityResolutionClient, GetPolicyCommand, ListTagsForResourceCommand } from '@aws-sdk/client-entityresolution';
import { FieldCollector, isoDate } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source, SourceResult } from '../types.js';

/** The fields every Entity Resolution listing gives for a resource it lists. */
export interface EntityResolutionSummary {
  readonly arn: string | undefined;
  readonly name: string | undefined;
  readonly createdAt?: Date | undefined;
  readonly updatedAt?: Date | undefined;
  /** Per-type extras for the metadata file (the workflow's resolution type, the namespace's type...). */
  readonly extra?: Record<string, unknown>;
}

/** One page of a listing: the summaries and the next token. */
export interface EntityResolutionPage {
  readonly summaries: readonly EntityResolutionSummary[];
  readonly nextToken: string | undefined;
}

/**
 * The maximum page size of Entity Resolution's List* calls (25 for workflows and namespaces; larger
 * values are rejected with a ValidationException).
 */
export const PAGE_SIZE = 25;

/**
 * Entity Resolution's resources that take a resource policy (matching workflows, ID mapping workflows,
 * ID namespaces) share their policy and tag calls: GetPolicy by ARN (an answer without `policy`
 * when the resource has none) and ListTagsForResource, one each per resource.
 */
export async function collectEntityResolution(
  ctx: Parameters<Source['collect']>[0],
  list: (client: EntityResolutionClient, token: string | undefined) => Promise<EntityResolutionPage>,
): Promise<SourceResult> {
  const client = ctx.client(EntityResolutionClient);
  const pages = await allPages(
    (token) => list(client, token),
    (page) => page.nextToken,
  );
  const resources = pages.flatMap((page) => page.summaries).filter((summary) => summary.arn && summary.name);
  const records = await ctx.map(resources, async (summary) => {
    const arn = summary.arn as string;
    const fields = new FieldCollector(arn);
    fields.files.metadata = {
      arn,
      name: summary.name,
      ...summary.extra,
      createdAt: isoDate(summary.createdAt),
      updatedAt: isoDate(summary.updatedAt),
    };
    const [policy, tags] = await Promise.all([
      readResourceField(() => client.send(new GetPolicyCommand({ arn }))),
      readResourceField(() => client.send(new ListTagsForResourceCommand({ resourceArn: arn }))),
    ]);
    fields.set('policy', policy, (out) => policyDocument(out.policy));
    fields.set('tags', tags, (out) => tagsMap(out.tags));
    return fields;
  });
  return recordsResult(records);
}
