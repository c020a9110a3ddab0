import {
  GetContainerRecipePolicyCommand,
  ImagebuilderClient,
  ListContainerRecipesCommand,
} from '@aws-sdk/client-imagebuilder';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { PAGE_SIZE } from './build-versions.js';

/**
 * EC2 Image Builder container recipes the account owns (`container-recipe/<name>/<version>`), with
 * the resource policy that shares them with other accounts (RAM) and their tags (from the listing).
 */
export const imagebuilderContainerRecipes: Source = {
  name: 'imagebuilder/containerRecipes',
  service: 'imagebuilder',
  scope: 'regional',
  description: 'EC2 Image Builder container recipes: resource policy, tags',
  apiCalls: ['imagebuilder:ListContainerRecipes', 'imagebuilder:GetContainerRecipePolicy'],
  stores: [
    {
      label: 'containerRecipe',
      service: 'imagebuilder',
      resourceType: 'container-recipe',
      files: ['metadata', 'policy', 'tags'],
    },
  ],

  async collect(ctx) {
    const client = ctx.client(ImagebuilderClient);
    const pages = await allPages(
      (token) =>
        client.send(new ListContainerRecipesCommand({ owner: 'Self', maxResults: PAGE_SIZE, nextToken: token })),
      (page) => page.nextToken,
    );
    const recipes = pages.flatMap((page) => page.containerRecipeSummaryList ?? []).filter((recipe) => recipe.arn);
    const records = await ctx.map(recipes, async (recipe) => {
      const arn = recipe.arn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: recipe.name,
        containerType: recipe.containerType,
        platform: recipe.platform,
        parentImage: recipe.parentImage,
      };
      fields.files.tags = tagsMap(recipe.tags);
      const policy = await readResourceField(() =>
        client.send(new GetContainerRecipePolicyCommand({ containerRecipeArn: arn })),
      );
      fields.set('policy', policy, (out) => policyDocument(out.policy));
      return fields;
    });
    return recordsResult(records);
  },
};
