import {
  type AliasConfiguration,
  type FunctionConfiguration,
  GetPolicyCommand,
  LambdaClient,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListTagsCommand,
} from '@aws-sdk/client-lambda';
import { classifyError } from '../../aws/errors.js';
import { FieldCollector } from '../fields.js';
import { policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * Lambda functions of one region with their resource policy and tags, and their aliases with the
 * alias's own resource policy (a permission granted on `function:name:alias` is not on the function).
 * Aliases live next to their function: `lambda/<region>/function/<name>%3a<alias>`.
 */
export const lambdaFunctions: Source = {
  name: 'lambda/lambdaFunctions',
  service: 'lambda',
  scope: 'regional',
  description: 'Lambda functions: resource policy, tags; function aliases: resource policy',
  apiCalls: ['lambda:ListFunctions', 'lambda:ListTags', 'lambda:GetPolicy', 'lambda:ListAliases'],
  stores: [{ label: 'function', service: 'lambda', resourceType: 'function', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const lambda = ctx.client(LambdaClient);
    const functions: FunctionConfiguration[] = [];
    let marker: string | undefined;
    do {
      const page = await lambda.send(new ListFunctionsCommand({ MaxItems: 50, Marker: marker }));
      functions.push(...(page.Functions ?? []));
      marker = page.NextMarker;
    } while (marker);

    const perFunction = await ctx.map(
      functions.filter((fn) => fn.FunctionName && fn.FunctionArn),
      async (fn) => {
        const name = fn.FunctionName as string;
        const arn = fn.FunctionArn as string;
        const fields = new FieldCollector(arn);
        const [policy, tags, aliases] = await Promise.all([
          readResourceField(() => lambda.send(new GetPolicyCommand({ FunctionName: name }))),
          readResourceField(() => lambda.send(new ListTagsCommand({ Resource: arn }))),
          listAliases(lambda, name),
        ]);
        fields.files.metadata = { arn, name, role: fn.Role };
        fields.set('policy', policy, (out) => policyDocument(out.Policy));
        fields.set('tags', tags, (out) => tagsMap(out.Tags));
        const aliasFields = await Promise.all(
          aliases.map(async (alias) => {
            const aliasFieldsOf = new FieldCollector(alias.AliasArn as string);
            const aliasPolicy = await readResourceField(() =>
              lambda.send(new GetPolicyCommand({ FunctionName: name, Qualifier: alias.Name })),
            );
            aliasFieldsOf.files.metadata = {
              arn: alias.AliasArn,
              name: alias.Name,
              function: name,
              functionVersion: alias.FunctionVersion,
              additionalVersionWeights: alias.RoutingConfig?.AdditionalVersionWeights,
            };
            aliasFieldsOf.set('policy', aliasPolicy, (out) => policyDocument(out.Policy));
            return aliasFieldsOf;
          }),
        );
        return { fields, aliasFields };
      },
    );
    const records = perFunction.flatMap(({ fields, aliasFields }) => [fields, ...aliasFields]);
    const aliasCount = perFunction.reduce((sum, { aliasFields }) => sum + aliasFields.length, 0);
    return { ...recordsResult(records), counts: { alias: aliasCount } };
  },
};

/**
 * A function's aliases; a function deleted since it was listed has none. Any other error fails the
 * job: without the listing, stored aliases cannot be told apart from deleted ones.
 */
async function listAliases(lambda: LambdaClient, functionName: string): Promise<AliasConfiguration[]> {
  const aliases: AliasConfiguration[] = [];
  let marker: string | undefined;
  try {
    do {
      const page = await lambda.send(
        new ListAliasesCommand({ FunctionName: functionName, MaxItems: 50, Marker: marker }),
      );
      aliases.push(...(page.Aliases ?? []).filter((alias) => alias.AliasArn && alias.Name));
      marker = page.NextMarker;
    } while (marker);
  } catch (error) {
    if (classifyError(error) === 'absent') return [];
    throw error;
  }
  return aliases;
}
