import { LexModelsV2Client } from '@aws-sdk/client-lex-models-v2';
import type { Source } from '../types.js';
import { listBots } from './list-bots.js';
import { lexResource } from './resource-fields.js';

/** Lex V2 bots with their resource policy (which accounts may build or converse with the bot) and tags. */
export const lexBots: Source = {
  name: 'lex/bots',
  service: 'lex',
  scope: 'regional',
  description: 'Lex V2 bots: resource policy, status, tags',
  apiCalls: ['lex:ListBots', 'lex:DescribeResourcePolicy', 'lex:ListTagsForResource'],
  stores: [{ label: 'bot', service: 'lex', resourceType: 'bot', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const lex = ctx.client(LexModelsV2Client);
    const bots = await listBots(ctx, lex);
    const records = await ctx.map(bots, (bot) =>
      lexResource(lex, `arn:${ctx.partition}:lex:${ctx.region}:${ctx.account}:bot/${bot.botId}`, {
        id: bot.botId,
        name: bot.botName,
        status: bot.botStatus,
        type: bot.botType,
      }),
    );
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
