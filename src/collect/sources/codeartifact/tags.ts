import { type CodeartifactClient, ListTagsForResourceCommand } from '@aws-sdk/client-codeartifact';

/** A CodeArtifact resource's tags (`[{key, value}]`) -> `{key: value}`; undefined when there are none. */
export async function codeartifactTags(
  client: CodeartifactClient,
  arn: string,
): Promise<Record<string, string> | undefined> {
  const out = await client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
  const entries = (out.tags ?? []).map((tag) => [tag.key, tag.value ?? ''] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
