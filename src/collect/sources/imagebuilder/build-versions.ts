import { classifyError } from '../../aws/errors.js';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source, SourceResult } from '../types.js';

/** Image Builder pages its listings 25 items at a time at most. */
export const PAGE_SIZE = 25;

/**
 * Every build version of the semantic versions `versions` lists (`component/<name>/<x.y.z>` ->
 * `component/<name>/<x.y.z>/<build>`): the policy APIs take build version ARNs only. A version deleted
 * since the listing (ResourceNotFound) has none; any other error fails the job.
 */
export async function buildVersions<P, S>(
  listPage: (versionArn: string, token: string | undefined) => Promise<P>,
  summaries: (page: P) => readonly S[] | undefined,
  nextToken: (page: P) => string | undefined,
  versionArn: string,
): Promise<S[]> {
  try {
    const pages = await allPages((token) => listPage(versionArn, token), nextToken);
    return pages.flatMap((page) => summaries(page) ?? []);
  } catch (error) {
    if (classifyError(error) === 'absent') return [];
    throw error;
  }
}

/** What the build-version listings of components and images both give. */
export interface BuildSummary {
  arn?: string | undefined;
  name?: string | undefined;
  version?: string | undefined;
  type?: string | undefined;
  platform?: string | undefined;
  state?: { status?: string | undefined } | undefined;
  tags?: Record<string, string> | undefined;
}

/** One record per build version: its listing's metadata and tags, and the policy `readPolicy` fetches. */
export async function buildVersionRecords(
  ctx: Parameters<Source['collect']>[0],
  builds: readonly BuildSummary[],
  readPolicy: (arn: string) => Promise<{ policy?: string | undefined }>,
): Promise<SourceResult> {
  const records = await ctx.map(
    builds.filter((build) => build.arn),
    async (build) => {
      const arn = build.arn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: build.name,
        version: build.version,
        type: build.type,
        platform: build.platform,
        status: build.state?.status,
      };
      fields.files.tags = tagsMap(build.tags);
      const policy = await readResourceField(() => readPolicy(arn));
      fields.set('policy', policy, (out) => policyDocument(out.policy));
      return fields;
    },
  );
  return recordsResult(records);
}
