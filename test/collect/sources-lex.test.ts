/**
 * lex/bots and lex/botAliases against the HTTP emulation (moto 5.2's Lex V2 does not answer the SDK's
 * paths): bot and alias policies and tags, one ListBots for both sources, deletion on the next run,
 * AccessDenied on one alias policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState, lexEmulator } from '../moto/backlog-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const prefix = `arn:aws:lex:us-east-1:${ACCOUNT}:`;
const root = `aws/aws/accounts/${ACCOUNT}/lex/us-east-1`;
const runtimePolicy = (arn: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ConnectCanConverse',
      Effect: 'Allow',
      Principal: { Service: 'connect.amazonaws.com' },
      Action: ['lex:RecognizeText', 'lex:StartConversation'],
      Resource: arn,
      Condition: { StringEquals: { 'AWS:SourceAccount': ACCOUNT } },
    },
  ],
});

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [lexEmulator(state)] });
  const bot = (botId: string, botName: string) => ({ botId, botName, botStatus: 'Available', botType: 'Bot' });
  state.add(`${prefix}bot/SUPPORTBOT`, bot('SUPPORTBOT', 'support'), {
    policy: runtimePolicy(`${prefix}bot/SUPPORTBOT`),
    tags: { team: 'cx' },
  });
  state.add(`${prefix}bot/ORDERSBOT1`, bot('ORDERSBOT1', 'orders'));
  const alias = (botAliasId: string, botAliasName: string, botVersion: string) => ({
    botAliasId,
    botAliasName,
    botVersion,
    botAliasStatus: 'Available',
  });
  state.add(`${prefix}bot-alias/SUPPORTBOT/PRODALIAS1`, alias('PRODALIAS1', 'prod', '3'), {
    policy: runtimePolicy(`${prefix}bot-alias/SUPPORTBOT/PRODALIAS1`),
    tags: { stage: 'prod' },
  });
  state.add(`${prefix}bot-alias/SUPPORTBOT/TSTALIASID`, alias('TSTALIASID', 'TestBotAlias', 'DRAFT'));
  state.add(`${prefix}bot-alias/ORDERSBOT1/TSTALIASID`, alias('TSTALIASID', 'TestBotAlias', 'DRAFT'));
});

after(async () => {
  await h?.stop();
});

describe('lex sources (HTTP emulation)', () => {
  test('collects bots and bot aliases: metadata, resource policies, tags; the bots are listed once', async () => {
    h.proxy.resetStats();
    first = await h.collect('run', ['lex']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('lex', 'bots'), { status: 'collected', counts: { bot: 2 } });
    assert.deepEqual(first.job('lex', 'botAliases'), { status: 'collected', counts: { botAlias: 3 } });
    assert.equal(h.proxy.stats().byOperation['lex:POST /bots'], 1);
    await assertGoldenTree(first.tree, goldenFolder('lex'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/bot-alias/supportbot%2fprodalias1/policy.json`) ?? 'null'),
      runtimePolicy(`${prefix}bot-alias/SUPPORTBOT/PRODALIAS1`),
    );
  });

  test("AccessDenied on one alias's policy: the alias is kept, its stored policy untouched, the gap recorded", async () => {
    const alias = `${prefix}bot-alias/SUPPORTBOT/PRODALIAS1`;
    const allow = h.deny((r) => r.path === `/policy/${encodeURIComponent(alias)}`);
    const denied = await h.collect('run', ['lex']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('lex', 'botAliases').issues, [
      {
        kind: 'denied',
        arn: alias,
        field: 'policy',
        message: `AccessDeniedException: User is not authorized to perform lex:GET /policy/${encodeURIComponent(alias)}`,
      },
    ]);
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted bot with its alias, a removed policy and removed tags disappear on the next run', async () => {
    state.remove(`${prefix}bot/ORDERSBOT1`);
    state.remove(`${prefix}bot-alias/ORDERSBOT1/TSTALIASID`);
    state.policies.delete(`${prefix}bot-alias/SUPPORTBOT/PRODALIAS1`);
    state.tags.delete(`${prefix}bot/SUPPORTBOT`);
    const next = await h.collect('run', ['lex']);
    assert.equal(next.result.exitCode, 0);
    const expected = without(
      first.tree,
      'lex/us-east-1/bot/ordersbot1',
      'lex/us-east-1/bot-alias/ordersbot1%2ftstaliasid',
    );
    expected.delete(`${root}/bot-alias/supportbot%2fprodalias1/policy.json`);
    expected.delete(`${root}/bot/supportbot/tags.json`);
    assert.deepEqual(next.tree, expected);
  });
});
