/**
 * mediapackagev2/channels and mediapackagev2/originEndpoints against the recorded-response emulation
 * of Elemental MediaPackage v2 (test/moto/media-lookout-emulators.ts): moto 5.2 holds channel groups
 * and channels only, without ListChannels, origin endpoints, policies or tags. Channels and origin
 * endpoints with and without a policy and tags in two regions, sharing one folder per channel group;
 * AccessDenied on one policy of each type; deletion of a channel group's endpoint, of a channel with
 * its endpoint and of a policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState } from '../moto/backlog-emulators.js';
import { mediaPackageV2Emulator } from '../moto/media-lookout-emulators.js';
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
const groupArn = (region: string, group: string) => `arn:aws:mediapackagev2:${region}:${ACCOUNT}:channelGroup/${group}`;
const channelArn = (region: string, group: string, channel: string) => `${groupArn(region, group)}/channel/${channel}`;
const endpointArn = (region: string, group: string, channel: string, endpoint: string) =>
  `${channelArn(region, group, channel)}/originEndpoint/${endpoint}`;
const root = `aws/aws/accounts/${ACCOUNT}/mediapackagev2`;
const dates = { CreatedAt: 1709287200, ModifiedAt: 1709373600 };
const ingestPolicy = (arn: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'EncoderIngest',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:role/encoder' },
        Action: 'mediapackagev2:PutObject',
        Resource: arn,
      },
    ],
  });
const cdnPolicy = (arn: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'CloudFrontRead',
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: ['mediapackagev2:GetHeadObject', 'mediapackagev2:GetObject'],
        Resource: arn,
        Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:cloudfront::123456789012:distribution/E1ABCDEF' } },
      },
    ],
  });

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [mediaPackageV2Emulator(state)] });
  for (const region of REGIONS) {
    state.add(groupArn(region, 'live'), { ...dates, Description: 'Live events' });
    const channel = channelArn(region, 'live', 'main');
    state.add(
      channel,
      { ...dates, Description: 'Main feed', InputType: 'CMAF' },
      { policy: ingestPolicy(channel), tags: { team: 'video', stage: 'prod' } },
    );
    const hls = endpointArn(region, 'live', 'main', 'hls');
    state.add(hls, { ...dates, ContainerType: 'TS' }, { policy: cdnPolicy(hls), tags: { team: 'video' } });
  }
  state.add(endpointArn('us-east-1', 'live', 'main', 'dash'), { ...dates, ContainerType: 'CMAF' });
  state.add(groupArn('us-east-1', 'test'), dates);
  state.add(channelArn('us-east-1', 'test', 'scratch'), { ...dates, InputType: 'HLS' });
  state.add(groupArn('us-east-1', 'empty'), dates);
});

after(async () => {
  await h?.stop();
});

describe('mediapackagev2 sources (recorded-response emulation of the List* calls, the channel and origin endpoint policies and tags)', () => {
  test('collects channels and origin endpoints in two regions: metadata, policies, tags', async () => {
    first = await h.collect('run', ['mediapackagev2'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    const collected = (counts: Record<string, number>) => ({ status: 'collected', counts });
    assert.deepEqual(first.job('mediapackagev2', 'channels', 'us-east-1'), collected({ channel: 2 }));
    assert.deepEqual(first.job('mediapackagev2', 'channels', 'us-west-2'), collected({ channel: 1 }));
    assert.deepEqual(first.job('mediapackagev2', 'originEndpoints', 'us-east-1'), collected({ originEndpoint: 2 }));
    assert.deepEqual(first.job('mediapackagev2', 'originEndpoints', 'us-west-2'), collected({ originEndpoint: 1 }));
    await assertGoldenTree(first.tree, goldenFolder('mediapackagev2'));
    const folder = `${root}/us-east-1/channelgroup/live%2fchannel%2fmain`;
    assert.deepEqual(
      JSON.parse(first.tree.get(`${folder}/policy.json`) ?? 'null'),
      JSON.parse(ingestPolicy(channelArn('us-east-1', 'live', 'main'))),
    );
    assert.deepEqual(
      JSON.parse(first.tree.get(`${folder}%2foriginendpoint%2fhls/policy.json`) ?? 'null'),
      JSON.parse(cdnPolicy(endpointArn('us-east-1', 'live', 'main', 'hls'))),
    );
    assert.deepEqual(JSON.parse(first.tree.get(`${folder}/tags.json`) ?? 'null'), { stage: 'prod', team: 'video' });
  });

  test("AccessDenied on one channel's policy and one origin endpoint's policy: both kept, stored policies untouched, gaps recorded", async () => {
    const allow = h.deny(
      (r) =>
        r.region === 'us-east-1' &&
        (r.path === '/channelGroup/live/channel/main/policy' ||
          r.path === '/channelGroup/live/channel/main/originEndpoint/hls/policy'),
    );
    const denied = await h.collect('run', ['mediapackagev2'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    const issue = (arn: string, path: string) => ({
      kind: 'denied',
      arn,
      field: 'policy',
      message: `AccessDeniedException: User is not authorized to perform mediapackagev2:GET ${path}`,
    });
    assert.deepEqual(denied.job('mediapackagev2', 'channels', 'us-east-1'), {
      status: 'collected',
      counts: { channel: 2 },
      issues: [issue(channelArn('us-east-1', 'live', 'main'), '/channelGroup/live/channel/main/policy')],
    });
    assert.deepEqual(denied.job('mediapackagev2', 'originEndpoints', 'us-east-1'), {
      status: 'collected',
      counts: { originEndpoint: 2 },
      issues: [
        issue(
          endpointArn('us-east-1', 'live', 'main', 'hls'),
          '/channelGroup/live/channel/main/originEndpoint/hls/policy',
        ),
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted channel (with its endpoint), a deleted endpoint and a removed channel policy disappear on the next run; the other type is untouched', async () => {
    state.remove(channelArn('us-west-2', 'live', 'main'));
    state.remove(endpointArn('us-west-2', 'live', 'main', 'hls'));
    state.remove(endpointArn('us-east-1', 'live', 'main', 'dash'));
    state.policies.delete(channelArn('us-east-1', 'live', 'main'));
    const next = await h.collect('run', ['mediapackagev2'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(
      first.tree,
      'mediapackagev2/us-west-2/channelgroup/live%2fchannel%2fmain',
      'mediapackagev2/us-west-2/channelgroup/live%2fchannel%2fmain%2foriginendpoint%2fhls',
      'mediapackagev2/us-east-1/channelgroup/live%2fchannel%2fmain%2foriginendpoint%2fdash',
    );
    assert.equal(first.tree.size - expected.size, 7);
    assert.ok(expected.delete(`${root}/us-east-1/channelgroup/live%2fchannel%2fmain/policy.json`));
    assert.deepEqual(next.tree, expected);
  });
});
