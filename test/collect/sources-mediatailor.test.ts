/**
 * mediatailor/channels against the recorded-response emulation of Elemental MediaTailor
 * (test/moto/media-lookout-emulators.ts): moto 5.2 has no MediaTailor. Channels with and without a
 * policy and tags (which ListChannels returns) in two regions, AccessDenied on one policy, deletion of
 * a channel, of a policy and of tags on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState } from '../moto/backlog-emulators.js';
import { mediaTailorEmulator } from '../moto/media-lookout-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const REGIONS = ['us-east-1', 'us-west-2'];
const channelArn = (region: string, name: string) => `arn:aws:mediatailor:${region}:${ACCOUNT}:channel/${name}`;
const root = `aws/aws/accounts/${ACCOUNT}/mediatailor`;
const playbackPolicy = (arn: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PublicPlayback',
        Effect: 'Allow',
        Principal: '*',
        Action: 'mediatailor:GetManifest',
        Resource: arn,
      },
    ],
  });
const attributes = (playbackMode: string) => ({
  ChannelState: 'RUNNING',
  PlaybackMode: playbackMode,
  Tier: 'STANDARD',
  Outputs: [{ ManifestName: 'index', PlaybackUrl: 'https://example.mediatailor.aws/v1/channel/index.m3u8' }],
  CreationTime: 1709287200,
  LastModifiedTime: 1709373600,
});

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [mediaTailorEmulator(state)] });
  for (const region of REGIONS) {
    const arn = channelArn(region, 'sports');
    state.add(arn, attributes('LINEAR'), { policy: playbackPolicy(arn), tags: { team: 'video', stage: 'prod' } });
  }
  state.add(channelArn('us-east-1', 'rehearsal'), attributes('LOOP'), { tags: { stage: 'test' } });
});

after(async () => {
  await h?.stop();
});

describe('mediatailor/channels (recorded-response emulation of ListChannels and GetChannelPolicy)', () => {
  test('collects channels in two regions: metadata, policies, tags', async () => {
    first = await h.collect('run', ['mediatailor'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('mediatailor', 'channels', 'us-east-1'), {
      status: 'collected',
      counts: { channel: 2 },
    });
    assert.deepEqual(first.job('mediatailor', 'channels', 'us-west-2'), {
      status: 'collected',
      counts: { channel: 1 },
    });
    await assertGoldenTree(first.tree, goldenFolder('mediatailor'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/us-east-1/channel/sports/policy.json`) ?? 'null'),
      JSON.parse(playbackPolicy(channelArn('us-east-1', 'sports'))),
    );
    assert.deepEqual(JSON.parse(first.tree.get(`${root}/us-east-1/channel/sports/tags.json`) ?? 'null'), {
      stage: 'prod',
      team: 'video',
    });
  });

  test("AccessDenied on one channel's policy: the channel kept, its stored policy untouched, the gap recorded", async () => {
    const allow = h.deny((r) => r.region === 'us-east-1' && r.path === '/channel/sports/policy');
    const denied = await h.collect('run', ['mediatailor'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('mediatailor', 'channels', 'us-east-1'), {
      status: 'collected',
      counts: { channel: 2 },
      issues: [
        {
          kind: 'denied',
          arn: channelArn('us-east-1', 'sports'),
          field: 'policy',
          message: 'AccessDeniedException: User is not authorized to perform mediatailor:GET /channel/sports/policy',
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted channel (with its policy and tags), a removed policy and removed tags disappear on the next run', async () => {
    state.remove(channelArn('us-west-2', 'sports'));
    state.policies.delete(channelArn('us-east-1', 'sports'));
    state.tags.delete(channelArn('us-east-1', 'rehearsal'));
    const next = await h.collect('run', ['mediatailor'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, 'mediatailor/us-west-2/channel/sports');
    assert.equal(first.tree.size - expected.size, 3);
    assert.ok(expected.delete(`${root}/us-east-1/channel/sports/policy.json`));
    assert.ok(expected.delete(`${root}/us-east-1/channel/rehearsal/tags.json`));
    assert.deepEqual(next.tree, expected);
  });
});
