import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serializeConsistent, storedText } from '../../src/storage/serialize.js';

const fixtures = fileURLToPath(new URL('../fixtures/storage/serialization', import.meta.url));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? jsonFiles(join(dir, entry.name))
      : entry.name.endsWith('.json')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('serializeConsistent', () => {
  it('re-serializes real iam-collect files byte for byte', () => {
    const files = jsonFiles(fixtures).sort();
    assert.equal(files.length, 47);
    const differing = files.filter((file) => {
      const text = readFileSync(file, 'utf8');
      return serializeConsistent(JSON.parse(text)) !== text;
    });
    assert.deepEqual(
      differing.map((file) => relative(fixtures, file)),
      [],
    );
  });

  it('orders policy keys by rank, other keys by collation, arrays by serialized text', () => {
    const policy = {
      Statement: [
        { Resource: '*', Effect: 'Deny', Action: ['s3:b', 's3:a'], Sid: 'Z' },
        { Effect: 'Allow', Sid: 'A', Principal: { AWS: '*' }, Condition: { Bool: { 'aws:x': 'true' } } },
      ],
      Version: '2012-10-17',
    };
    const metadata = {
      b: 1,
      a: [3, 10, 2],
      gone: undefined,
      when: new Date('2026-01-02T03:04:05.000Z'),
      holes: [undefined, Number.NaN, 'x'],
      empty: {},
      none: [],
    };
    assert.deepEqual(
      [serializeConsistent(policy), serializeConsistent(metadata)],
      [
        `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "A",
      "Effect": "Allow",
      "Principal": {
        "AWS": "*"
      },
      "Condition": {
        "Bool": {
          "aws:x": "true"
        }
      }
    },
    {
      "Sid": "Z",
      "Effect": "Deny",
      "Action": [
        "s3:a",
        "s3:b"
      ],
      "Resource": "*"
    }
  ]
}`,
        `{
  "a": [
    10,
    2,
    3
  ],
  "b": 1,
  "empty": {},
  "holes": [
    "x",
    null,
    null
  ],
  "none": [],
  "when": "2026-01-02T03:04:05.000Z"
}`,
      ],
    );
  });

  it('compares a policy key with any other key as text, as iam-collect does', () => {
    assert.equal(
      serializeConsistent({ Version: '2012-10-17', Id: 'x', Statement: [] }),
      '{\n  "Id": "x",\n  "Version": "2012-10-17",\n  "Statement": []\n}',
    );
  });

  it('gives the same text for the same data whatever the process locale', () => {
    assert.equal(serializeConsistent({ b: 1, B: 2, a: 3, _: 4 }), '{\n  "_": 4,\n  "a": 3,\n  "b": 1,\n  "B": 2\n}');
  });
});

describe('storedText', () => {
  it('returns undefined (delete the file) for empty values, text otherwise', () => {
    const cases: [unknown, string | undefined][] = [
      [undefined, undefined],
      [null, undefined],
      ['', undefined],
      ['  \n', undefined],
      ['{}', undefined],
      ['[]', undefined],
      [{}, undefined],
      [[], undefined],
      [' {"raw": true} ', '{"raw": true}'],
      [{ a: [] }, '{\n  "a": []\n}'],
      [[{ b: 2, a: 1 }], '[\n  {\n    "a": 1,\n    "b": 2\n  }\n]'],
      [0, '0'],
      [false, 'false'],
    ];
    assert.deepEqual(
      cases.map(([value]) => [value, storedText(value)]),
      cases,
    );
  });
});
