import { LexModelsV2Client, ListBotAliasesCommand } from '@aws-sdk/client-lex-models-v2';
import { allPages } from '../policy-fields.js';
import type { Source } from '../types.js';
import { listBots } from './list-bots.js';
import { lexResource } from './resource-fields.js';

/**
 * Lex V2 bot aliases with their resource policy (who may call RecognizeText and the other runtime
 * APIs through the alias) and tags. The bots are listed once per run for both Lex sources; then one
 * listing per bot and two calls per alias. The ARN `bot-alias/<bot>/<alias>` puts them in
 * `lex/<region>/bot-alias/<bot>%2f<alias>/`.
 */
export const lexBotAliases: Source = {
  name: 'lex/botAliases',
  service: 'lex',
  scope: 'regional',
  description: 'Lex V2 bot aliases: resource policy, bot version, tags',
  apiCalls: ['lex:ListBots', 'lex:ListBotAliases', 'lex:DescribeResourcePolicy', 'lex:ListTagsForResource'],
  stores: [{ label: 'botAlias', service: 'lex', resourceType: 'bot-alias', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const lex = ctx.client(LexModelsV2Client);
    const bots = await listBots(ctx, lex);
    const perBot = await ctx.map(bots, async (bot) => {
      const pages = await allPages(
        (token) => lex.send(new ListBotAliasesCommand({ botId: bot.botId, maxResults: 1000, nextToken: token })),
        (page) => page.nextToken,
      );
      return pages.flatMap((page) => page.botAliasSummaries ?? []).map((alias) => ({ bot, alias }));
    });
    const aliases = perBot.flat().filter(({ alias }) => alias.botAliasId);
    const records = await ctx.map(aliases, ({ bot, alias }) =>
      lexResource(
        lex,
        `arn:${ctx.partition}:lex:${ctx.region}:${ctx.account}:bot-alias/${bot.botId}/${alias.botAliasId}`,
        {
          id: alias.botAliasId,
          name: alias.botAliasName,
          botId: bot.botId,
          botName: bot.botName,
          botVersion: alias.botVersion,
        },
      ),
    );
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
