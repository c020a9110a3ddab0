import {
  GetResourcePolicyCommand,
  ListEntitiesCommand,
  ListTagsForResourceCommand,
  MarketplaceCatalogClient,
} from '@aws-sdk/client-marketplace-catalog';
import { FieldCollector, isoDate, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * The seller entity types listed: products and the offers and resale authorizations made on them, the
 * entities a seller shares with other accounts through a resource policy (PutResourcePolicy). The
 * buyer-side types (Experience, Audience, ProcurementPolicy, BrandingSettings), Seller and Solution are
 * not listed: ListEntities needs a type, and those are not shared by resource policy.
 */
export const MARKETPLACE_ENTITY_TYPES = [
  'AmiProduct',
  'ContainerProduct',
  'DataProduct',
  'SaaSProduct',
  'Offer',
  'OfferSet',
  'ResaleAuthorization',
] as const;

/**
 * AWS Marketplace Catalog entities of the account (catalog `AWSMarketplace`, owned by it) with their
 * resource policy and tags. One listing per entity type, then the policy and the tags cost one call
 * each per entity (ResourceNotFoundException: no policy). The Catalog API is served from us-east-1
 * only: other regions have no endpoint and their jobs are skipped.
 */
export const marketplaceEntities: Source = {
  name: 'aws-marketplace/entities',
  service: 'aws-marketplace',
  scope: 'regional',
  description: 'AWS Marketplace Catalog entities (products, offers, resale authorizations): resource policy, tags',
  apiCalls: [
    'aws-marketplace:ListEntities',
    'aws-marketplace:GetResourcePolicy',
    'aws-marketplace:ListTagsForResource',
  ],
  // Entity ARNs read `<Catalog>/<EntityType>/<id>`, so the catalog is the folder's type part.
  stores: [
    {
      label: 'entity',
      service: 'aws-marketplace',
      resourceType: 'AWSMarketplace',
      files: ['metadata', 'policy', 'tags'],
    },
  ],

  async collect(ctx) {
    const client = ctx.client(MarketplaceCatalogClient);
    const listings = await ctx.map(MARKETPLACE_ENTITY_TYPES, (type) =>
      allPages(
        (token) =>
          client.send(
            new ListEntitiesCommand({
              Catalog: 'AWSMarketplace',
              EntityType: type,
              OwnershipType: 'SELF',
              MaxResults: 50,
              NextToken: token,
            }),
          ),
        (page) => page.NextToken,
      ),
    );
    const entities = listings
      .flat()
      .flatMap((page) => page.EntitySummaryList ?? [])
      .filter((entity) => entity.EntityArn);
    const records = await ctx.map(entities, async (entity) => {
      const arn = entity.EntityArn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: entity.Name,
        entityType: entity.EntityType,
        entityId: entity.EntityId,
        visibility: entity.Visibility,
        lastModifiedAt: isoDate(entity.LastModifiedDate),
      };
      const [policy, tags] = await Promise.all([
        readResourceField(() => client.send(new GetResourcePolicyCommand({ ResourceArn: arn }))),
        readResourceField(() => client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.Policy));
      fields.set('tags', tags, (out) => tagsObject(out.Tags));
      return fields;
    });
    return recordsResult(records);
  },
};
