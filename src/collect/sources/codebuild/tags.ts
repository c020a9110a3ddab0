import type { Tag } from '@aws-sdk/client-codebuild';

/** CodeBuild tags (`[{key, value}]`, lower-case) -> `{key: value}`; undefined when there are none. */
export function codebuildTags(tags: readonly Tag[] | undefined): Record<string, string> | undefined {
  const entries = (tags ?? []).flatMap((tag) => (tag.key === undefined ? [] : [[tag.key, tag.value ?? ''] as const]));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
