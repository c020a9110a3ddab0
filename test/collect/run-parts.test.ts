import assert from 'node:assert/strict';
import { it } from 'node:test';
import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import type { HttpRequest } from '@smithy/protocol-http';
import type { RetryErrorInfo, RetryToken } from '@smithy/types';
import { endpointOf } from '../../src/collect/aws/clients.js';
import { keepIpEndpointHost } from '../../src/collect/aws/ip-endpoint.js';
import { JitteredRetryStrategy } from '../../src/collect/aws/retry.js';
import { Limiter, mapLimit } from '../../src/collect/run/limiter.js';
import { runScheduled } from '../../src/collect/run/schedule.js';

const info = (errorType: RetryErrorInfo['errorType']): RetryErrorInfo => ({ errorType }) as RetryErrorInfo;

async function delays(strategy: JitteredRetryStrategy, errorType: RetryErrorInfo['errorType']): Promise<number[]> {
  const out: number[] = [];
  let token: RetryToken = await strategy.acquireInitialRetryToken();
  for (;;) {
    try {
      token = await strategy.refreshRetryTokenForRetry(token, info(errorType));
    } catch {
      return out;
    }
    out.push(token.getRetryDelay());
  }
}

it('retries throttling, transient and server errors up to maxAttempts with capped full-jitter backoff; never client errors', async () => {
  let retries = 0;
  const options = { maxAttempts: 6, baseDelay: 50, throttleDelay: 250, maxDelay: 300, maxThrottleDelay: 1000 };
  const top = new JitteredRetryStrategy({ ...options, random: () => 0.999999, onRetry: () => retries++ });
  assert.deepEqual(await delays(top, 'TRANSIENT'), [49, 99, 199, 299, 299]);
  assert.deepEqual(await delays(top, 'THROTTLING'), [249, 499, 999, 999, 999]);
  assert.deepEqual(await delays(top, 'SERVER_ERROR'), [49, 99, 199, 299, 299]);
  assert.deepEqual(await delays(top, 'CLIENT_ERROR'), []);
  assert.equal(retries, 15);
  const bottom = new JitteredRetryStrategy({ ...options, random: () => 0 });
  assert.deepEqual(await delays(bottom, 'THROTTLING'), [0, 0, 0, 0, 0]);
});

it('the limiter never lets more than its limit run, and hands slots over in order', async () => {
  const limiter = new Limiter(3);
  let running = 0;
  let peak = 0;
  const order: number[] = [];
  await mapLimit(
    Array.from({ length: 20 }, (_, i) => i),
    20,
    (i) =>
      limiter.run(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(i);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running--;
      }),
  );
  assert.equal(peak, 3);
  assert.deepEqual(
    order,
    Array.from({ length: 20 }, (_, i) => i),
  );
});

it('the scheduler keeps a group under its cap while other jobs go ahead, and keeps result order', async () => {
  const jobs = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'b4'];
  const started: string[] = [];
  let runningA = 0;
  let peakA = 0;
  let running = 0;
  let peak = 0;
  const results = await runScheduled(
    jobs,
    3,
    (job) => (job.startsWith('a') ? { key: 'a', cap: 1 } : undefined),
    async (job) => {
      started.push(job);
      running++;
      peak = Math.max(peak, running);
      if (job.startsWith('a')) peakA = Math.max(peakA, ++runningA);
      await new Promise((resolve) => setTimeout(resolve, job.startsWith('a') ? 5 : 1));
      if (job.startsWith('a')) runningA--;
      running--;
      return job.toUpperCase();
    },
  );
  assert.deepEqual(results, ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'B4']);
  assert.equal(peakA, 1);
  assert.equal(peak, 3);
  assert.deepEqual(started.slice(0, 3), ['a1', 'b1', 'b2']);
});

it('S3 Control with an IP endpoint calls the IP itself (the SDK would make `<account>.127.0.0.1`); host names keep the account prefix', async () => {
  const sent: string[] = [];
  for (const endpoint of [
    'http://127.0.0.1:5000',
    'http://[::1]:5000/',
    'https://10.1.2.3',
    'http://s3control.localhost:5000',
  ]) {
    const client = new S3ControlClient({
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      maxAttempts: 1,
      requestHandler: {
        handle: async (request: HttpRequest) => {
          const port = request.port ? `:${request.port}` : '';
          sent.push(
            `${request.protocol}//${request.hostname}${port}${request.path} ${request.headers['x-amz-account-id']}`,
          );
          throw new Error('sent');
        },
      },
    });
    keepIpEndpointHost(client, endpoint);
    await assert.rejects(client.send(new GetPublicAccessBlockCommand({ AccountId: '123456789012' })), {
      message: 'sent',
    });
    client.destroy();
  }
  assert.deepEqual(sent, [
    'http://127.0.0.1:5000/v20180820/configuration/publicAccessBlock 123456789012',
    'http://[::1]:5000/v20180820/configuration/publicAccessBlock 123456789012',
    'https://10.1.2.3/v20180820/configuration/publicAccessBlock 123456789012',
    'http://123456789012.s3control.localhost:5000/v20180820/configuration/publicAccessBlock 123456789012',
  ]);
});

it('endpointOf: the configured endpoint first; the AWS_ENDPOINT_URL variables only for clients that cannot read them', () => {
  const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_ENDPOINT_URL_OAM: 'http://127.0.0.1:2' };
  assert.deepEqual(
    [
      endpointOf({ name: 'oam', endpoint: 'http://configured:3' }, env),
      endpointOf({ name: 'oam', endpoint: undefined }, env),
      endpointOf({ name: 'oam', endpoint: undefined }, { AWS_ENDPOINT_URL: 'http://127.0.0.1:1' }),
      endpointOf({ name: 'oam', endpoint: undefined }, { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }),
      endpointOf({ name: 'oam', endpoint: undefined }, {}),
      // Every other client reads the variables itself (the SDK's own rules).
      endpointOf({ name: 'sqs', endpoint: undefined }, env),
    ],
    ['http://configured:3', 'http://127.0.0.1:2', 'http://127.0.0.1:1', undefined, undefined, undefined],
  );
});
