import {
  GetResourcePoliciesCommand,
  GetResourceShareAssociationsCommand,
  GetResourceSharesCommand,
  ListResourcesCommand,
  RAMClient,
  type Resource,
  type ResourceRegionScopeFilter,
  type ResourceShareAssociation,
} from '@aws-sdk/client-ram';
import { accountRoot, ramResourceKey } from '../../../storage/layout.js';
import { homeRegion } from '../../aws/partitions.js';
import { FieldCollector, type FieldResult, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import type { Issue, Source } from '../types.js';

/** Shares and associations that grant access now or soon; deleted and failed ones grant nothing. */
const LIVE_SHARE = new Set(['ACTIVE', 'PENDING']);
const LIVE_ASSOCIATION = new Set(['ASSOCIATED', 'ASSOCIATING']);

/**
 * Resources this account shares through RAM, with the resource policy RAM made for them (iam-collect's
 * `ram/<region|global>/<arn>.json` files: {arn, shares, policy}), and the resource shares themselves
 * with their principals and resources (iamwright's addition, in the share's own resource folder).
 * Global resources (resource region scope GLOBAL) are listed by the home region's job only.
 */
export const resourceShares: Source = {
  name: 'ram/resourcePolicies',
  service: 'ram',
  scope: 'regional',
  description:
    'RAM: resources the account shares with their resource policies, and resource shares with their principals',
  apiCalls: [
    'ram:ListResources',
    'ram:GetResourcePolicies',
    'ram:GetResourceShares',
    'ram:GetResourceShareAssociations',
  ],
  stores: [
    {
      label: 'resourceShare',
      service: 'ram',
      resourceType: 'resource-share',
      files: ['metadata', 'principals', 'resources', 'tags'],
    },
  ],

  async collect(ctx) {
    const client = ctx.client(RAMClient);
    const scopes: ResourceRegionScopeFilter[] =
      ctx.region === homeRegion(ctx.partition) ? ['REGIONAL', 'GLOBAL'] : ['REGIONAL'];
    const listed: Resource[] = [];
    for (const scope of scopes) {
      const pages = await allPages(
        (token) =>
          client.send(
            new ListResourcesCommand({
              resourceOwner: 'SELF',
              resourceRegionScope: scope,
              maxResults: 500,
              nextToken: token,
            }),
          ),
        (page) => page.nextToken,
      );
      listed.push(...pages.flatMap((page) => page.resources ?? []));
    }

    // One entry per (resource, share): group them by resource.
    const byArn = new Map<string, { global: boolean; shares: Set<string> }>();
    for (const resource of listed) {
      if (!resource.arn) continue;
      const entry = byArn.get(resource.arn) ?? { global: resource.resourceRegionScope === 'GLOBAL', shares: new Set() };
      if (resource.resourceShareArn) entry.shares.add(resource.resourceShareArn);
      byArn.set(resource.arn, entry);
    }

    const issues: Issue[] = [];
    const arns = [...byArn.keys()].sort();
    const policies = await ctx.map(arns, (arn) =>
      readResourceField(() => client.send(new GetResourcePoliciesCommand({ resourceArns: [arn] }))),
    );
    const files = arns.map((arn, index) => {
      const entry = byArn.get(arn) as { global: boolean; shares: Set<string> };
      const result = policies[index] as FieldResult<{ policies?: string[] }>;
      // Denied: the file is still written, without its policy (the rest of it is known).
      if (result.state === 'denied') issues.push({ kind: 'denied', arn, field: 'policy', message: result.message });
      const policy = result.state === 'ok' ? mergedPolicy(result.value.policies ?? []) : undefined;
      const key = ramResourceKey(ctx.partition, ctx.account, entry.global ? '' : ctx.region, arn);
      return { key, value: { arn, shares: [...entry.shares].sort(), policy } };
    });

    const shares = await allPages(
      (token) =>
        client.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', maxResults: 500, nextToken: token })),
      (page) => page.nextToken,
    ).then((pages) => pages.flatMap((page) => page.resourceShares ?? []));
    const live = shares.filter((share) => share.resourceShareArn && LIVE_SHARE.has(share.status ?? ''));
    const associations = await readResourceField(() =>
      allPages(
        (token) =>
          client.send(
            new GetResourceShareAssociationsCommand({
              associationType: 'PRINCIPAL',
              maxResults: 500,
              nextToken: token,
            }),
          ),
        (page) => page.nextToken,
      ),
    );
    const principalsOf = new Map<string, ResourceShareAssociation[]>();
    if (associations.state === 'ok') {
      for (const association of associations.value.flatMap((page) => page.resourceShareAssociations ?? [])) {
        if (!association.resourceShareArn || !LIVE_ASSOCIATION.has(association.status ?? '')) continue;
        const list = principalsOf.get(association.resourceShareArn) ?? [];
        list.push(association);
        principalsOf.set(association.resourceShareArn, list);
      }
    }
    const resources = live.map((share) => {
      const arn = share.resourceShareArn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: share.name,
        owningAccountId: share.owningAccountId,
        allowExternalPrincipals: share.allowExternalPrincipals,
        status: share.status,
        featureSet: share.featureSet,
      };
      fields.set('principals', associations, () =>
        (principalsOf.get(arn) ?? []).map((a) => ({ principal: a.associatedEntity, external: a.external ?? false })),
      );
      fields.files.resources = arns.filter((resourceArn) => byArn.get(resourceArn)?.shares.has(arn));
      fields.files.tags = tagsObject(share.tags?.map((t) => ({ Key: t.key, Value: t.value })));
      issues.push(...fields.issues);
      return { arn, files: fields.files, keep: fields.keep };
    });

    const folder = (region: string) => `${accountRoot(ctx.partition, ctx.account)}/ram/${region}`;
    const names = (global: boolean) =>
      files
        .filter((_, i) => byArn.get(arns[i] as string)?.global === global)
        .map((f) => f.key.slice(f.key.lastIndexOf('/') + 1));
    return {
      resources,
      files,
      folders: [
        { prefix: folder(ctx.region), children: ['resource-share'], files: names(false) },
        ...(scopes.includes('GLOBAL') ? [{ prefix: folder('global'), children: [], files: names(true) }] : []),
      ],
      issues,
    };
  },
};

/** RAM returns one policy per resource; should it return several, their statements are kept together. */
function mergedPolicy(texts: readonly string[]): unknown {
  const parsed = texts.map((text) => policyDocument(text)).filter((p) => p !== undefined);
  if (parsed.length <= 1) return parsed[0];
  const statements = parsed.flatMap((p) => {
    const statement = (p as { Statement?: unknown }).Statement;
    return Array.isArray(statement) ? statement : statement === undefined ? [] : [statement];
  });
  return { Version: '2012-10-17', Statement: statements };
}
