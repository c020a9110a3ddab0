import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flagsFromIamCollectEnv, iamCollectVariable } from '../../src/cli/iam-collect-env.js';
import { UsageError } from '../../src/util/errors.js';

const FLAGS = {
  configFiles: 'list',
  concurrency: 'integer',
  noIndex: 'boolean',
  partition: 'string',
} as const;

describe("iam-collect's IAM_COLLECT_* variables", () => {
  it('names each flag as iam-collect does', () => {
    assert.deepEqual(['configFiles', 'concurrency', 'noIndex', 'writeOnly', 'rawJsonLogs'].map(iamCollectVariable), [
      'IAM_COLLECT_CONFIG_FILES',
      'IAM_COLLECT_CONCURRENCY',
      'IAM_COLLECT_NO_INDEX',
      'IAM_COLLECT_WRITE_ONLY',
      'IAM_COLLECT_RAW_JSON_LOGS',
    ]);
  });

  it('reads lists (spaces or commas), integers, booleans and strings; skips empty variables and flags given on the command line', () => {
    const env = {
      IAM_COLLECT_CONFIG_FILES: ' a.jsonc  b.jsonc,c.jsonc ',
      IAM_COLLECT_CONCURRENCY: '8',
      IAM_COLLECT_NO_INDEX: 'TRUE',
      IAM_COLLECT_PARTITION: '',
    };
    assert.deepEqual(
      flagsFromIamCollectEnv(FLAGS, env, () => false),
      { configFiles: ['a.jsonc', 'b.jsonc', 'c.jsonc'], concurrency: 8, noIndex: true },
    );
    assert.deepEqual(
      flagsFromIamCollectEnv(FLAGS, env, (flag) => flag === 'concurrency'),
      { configFiles: ['a.jsonc', 'b.jsonc', 'c.jsonc'], noIndex: true },
    );
    assert.deepEqual(
      flagsFromIamCollectEnv(FLAGS, { IAM_COLLECT_NO_INDEX: '0' }, () => false),
      { noIndex: false },
    );
  });

  for (const [variable, value, message] of [
    ['IAM_COLLECT_CONCURRENCY', '0', 'IAM_COLLECT_CONCURRENCY: expected a positive integer, got "0"'],
    ['IAM_COLLECT_CONCURRENCY', '2.5', 'IAM_COLLECT_CONCURRENCY: expected a positive integer, got "2.5"'],
    ['IAM_COLLECT_NO_INDEX', 'yes', 'IAM_COLLECT_NO_INDEX: expected true or false, got "yes"'],
  ] as const) {
    it(`${variable}=${value} is a usage error naming the variable`, () => {
      assert.throws(
        () => flagsFromIamCollectEnv(FLAGS, { [variable]: value }, () => false),
        (error: unknown) => error instanceof UsageError && error.exitCode === 2 && error.message === message,
      );
    });
  }
});
