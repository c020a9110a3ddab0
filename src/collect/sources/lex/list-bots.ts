import { type BotSummary, type LexModelsV2Client, ListBotsCommand } from '@aws-sdk/client-lex-models-v2';
import { allPages } from '../policy-fields.js';
import type { SourceContext } from '../types.js';

/** Every Lex V2 bot of the job's account and region, listed once per run for both Lex sources. */
export function listBots(ctx: SourceContext, lex: LexModelsV2Client): Promise<BotSummary[]> {
  return ctx.once(`lex/bots/${ctx.account}/${ctx.region}`, async () => {
    const pages = await allPages(
      (token) => lex.send(new ListBotsCommand({ maxResults: 1000, nextToken: token })),
      (page) => page.nextToken,
    );
    return pages.flatMap((page) => page.botSummaries ?? []).filter((bot) => bot.botId);
  });
}
