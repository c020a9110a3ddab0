import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyError, describeError, missingRegionalEndpoint } from '../../src/collect/aws/errors.js';

/** An error as Node's DNS lookup raises it and the SDK rethrows it (code and hostname kept). */
function dnsError(code: string, hostname: string): Error {
  return Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), {
    code,
    syscall: 'getaddrinfo',
    hostname,
    $metadata: { attempts: 1, totalRetryDelay: 0 },
  });
}

describe('AWS call errors', () => {
  it('AccessDenied is denied, 404 and *NotFound are absent, anything else failed', () => {
    const named = (name: string, status?: number) =>
      Object.assign(new Error('m'), { name, $metadata: status ? { httpStatusCode: status } : {} });
    assert.deepEqual(
      [
        named('AccessDeniedException', 400),
        named('UnauthorizedOperation'),
        named('ResourceNotFoundException', 400),
        named('NoSuchBucketPolicy'),
        named('Whatever', 404),
        named('InternalFailure', 500),
        dnsError('ENOTFOUND', 'mediastore.ap-east-1.amazonaws.com'),
      ].map(classifyError),
      ['denied', 'denied', 'absent', 'absent', 'absent', 'failed', 'failed'],
    );
    assert.equal(describeError(named('AccessDenied')), 'AccessDenied: m');
  });

  it('a regional AWS endpoint that DNS does not know means the service is not offered in that region; nothing else does', () => {
    const cases: [Error, string, string | undefined][] = [
      [dnsError('ENOTFOUND', 'mediastore.ap-east-1.amazonaws.com'), 'ap-east-1', 'mediastore.ap-east-1.amazonaws.com'],
      [dnsError('ENOTFOUND', 'aoss.cn-north-1.amazonaws.com.cn'), 'cn-north-1', 'aoss.cn-north-1.amazonaws.com.cn'],
      [dnsError('ENOTFOUND', 'xray.il-central-1.api.aws'), 'il-central-1', 'xray.il-central-1.api.aws'],
      // A transient DNS failure, a custom endpoint, another region's host: real failures.
      [dnsError('EAI_AGAIN', 'mediastore.ap-east-1.amazonaws.com'), 'ap-east-1', undefined],
      [dnsError('ENOTFOUND', 'localstack.internal'), 'ap-east-1', undefined],
      [dnsError('ENOTFOUND', 'mediastore.us-east-1.amazonaws.com'), 'ap-east-1', undefined],
      [new Error('ENOTFOUND'), 'ap-east-1', undefined],
    ];
    for (const [error, region, expected] of cases)
      assert.equal(missingRegionalEndpoint(error, region), expected, error.message);
  });
});
