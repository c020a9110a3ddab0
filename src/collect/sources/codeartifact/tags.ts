import { type CodeartifactClient, ListTagsForResourceCommand } from '@aws-sdk/client-codeartifact';
import { lowerCaseTagsObject } from '../fields.js';

/** A CodeArtifact resource's tags (`[{key, value}]`) -> `{key: value}`; undefined when there are none. */
export async function codeartifactTags(
  client: CodeartifactClient,
  arn: string,
): Promise<Record<string, string> | undefined> {
  const out = await client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
  return lowerCaseTagsObject(out.tags);
}
