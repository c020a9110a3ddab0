import { classifyError } from '../../aws/errors.js';
import { allPages } from '../policy-fields.js';

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
