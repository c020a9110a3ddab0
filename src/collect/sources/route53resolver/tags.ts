import { ListTagsForResourceCommand, type Route53ResolverClient } from '@aws-sdk/client-route53resolver';
import { tagsObject } from '../fields.js';
import { allPages } from '../policy-fields.js';

/** A Route 53 Resolver resource's tags -> `{key: value}`; undefined when there are none. */
export async function resolverTags(
  client: Route53ResolverClient,
  arn: string,
): Promise<Record<string, string> | undefined> {
  const pages = await allPages(
    (token) => client.send(new ListTagsForResourceCommand({ ResourceArn: arn, MaxResults: 100, NextToken: token })),
    (page) => page.NextToken,
  );
  return tagsObject(pages.flatMap((page) => page.Tags ?? []));
}
