import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { type ParseError, parse as parseJsonc } from 'jsonc-parser/lib/esm/main.js';
import { checkSchema, SUPPORTED_KEYWORDS } from '../../src/collect/config/check-schema.js';
import { CONFIG_TEMPLATE, writeInitConfig } from '../../src/collect/config/init.js';
import { loadConfigFiles, parseConfigText } from '../../src/collect/config/load.js';
import { ResolvedConfig } from '../../src/collect/config/resolve.js';
import { configSchema } from '../../src/collect/config/schema.js';
import { SERVICE_CODES } from '../../src/collect/config/services.js';
import { storageAuthOf } from '../../src/collect/open-store.js';
import type { ConfigFile } from '../../src/collect/config/types.js';
import { ConfigError } from '../../src/util/errors.js';

const INVALID = new URL('../fixtures/collect/config/invalid.json', import.meta.url).pathname;
// `<service codes>` in an expected message stands for the list of every service code.
const codes = SERVICE_CODES.map((code) => JSON.stringify(code)).join(', ');
const cases = (JSON.parse(readFileSync(INVALID, 'utf8')) as Array<{ text: string; error?: string }>).map((c) =>
  c.error ? { ...c, error: c.error.replace('<service codes>', codes) } : c,
);

describe('config validation: one line naming file, line and JSON path', () => {
  for (const { text, error } of cases) {
    it(error ?? `accepts ${text}`, () => {
      if (!error) {
        parseConfigText(text, 'iamwright.jsonc');
        return;
      }
      assert.throws(
        () => parseConfigText(text, 'iamwright.jsonc'),
        (e: unknown) => e instanceof ConfigError && e.exitCode === 2 && e.message === error,
      );
    });
  }

  it('a missing file says how to make one', async () => {
    await assert.rejects(loadConfigFiles(['/nonexistent/iamwright.jsonc']), {
      message: '/nonexistent/iamwright.jsonc: config file not found (create one with `iamwright collect init`)',
    });
  });

  it('iam-collect\'s own init template and `accounts: "organization"` are accepted', () => {
    const iamCollect = `{
      "iamCollectVersion": "0.1.206",
      "storage": { "type": "file", "path": "./iam-data" },
      "accounts": { "included": ["111111111111"] },
      "regions": { "excluded": ["ap-east-1"] },
      "auth": { "profile": "audit", "initialRole": { "arn": "arn:aws:iam::111111111111:role/hub" }, "role": { "pathAndName": "/reader" } },
      "serviceConfigs": { "iam": { "syncConfigs": { "authorizationDetails": { "custom": { "includePolicyTags": true } } } } }
    }`;
    assert.equal(parseConfigText(iamCollect, 'iam-collect.jsonc').auth?.role?.pathAndName, '/reader');
    assert.deepEqual(parseConfigText('{ "accounts": "organization" }', 'x').accounts, { organization: {} });
  });
});

describe('the schema checker (check-schema.ts) stands in for ajv', () => {
  it('knows every keyword the config schema uses', () => {
    const used = new Set<string>();
    const walk = (node: unknown, asSchema: boolean): void => {
      if (!node || typeof node !== 'object' || Array.isArray(node)) return;
      for (const [key, value] of Object.entries(node)) {
        if (asSchema) used.add(key);
        if (key === 'properties' || key === 'definitions') for (const child of Object.values(value)) walk(child, true);
        else if (['items', 'additionalProperties', 'propertyNames', 'if', 'then', 'else'].includes(key))
          walk(value, true);
      }
    };
    walk(configSchema, true);
    assert.deepEqual(
      [...used].filter((keyword) => !SUPPORTED_KEYWORDS.has(keyword)),
      [],
    );
  });

  it("gives ajv's verdict and ajv's error (keyword and path) on every fixture and on the init template", () => {
    const validate = new Ajv({ allErrors: false, strict: false }).compile(configSchema);
    const texts = [...cases.map((c) => c.text), CONFIG_TEMPLATE, '{}', '{ "accounts": "organization" }'];
    const verdicts = [];
    const checked: string[] = [];
    for (const text of texts) {
      const errors: ParseError[] = [];
      const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
      if (errors.length > 0) continue; // Not JSON: load.ts stops before validation.
      checked.push(text);
      validate(value);
      // ajv reports the if/then/else and propertyNames wrappers after the cause: the cause comes first.
      const ajvError = validate.errors?.find((e) => e.keyword !== 'if' && e.keyword !== 'propertyNames');
      const ours = checkSchema(configSchema, value);
      verdicts.push({
        text,
        ours: ours && { keyword: ours.keyword, path: ours.instancePath, key: ours.propertyName },
        ajv: ajvError && {
          keyword: ajvError.keyword,
          path: ajvError.instancePath,
          key: (ajvError as { propertyName?: string }).propertyName,
        },
      });
    }
    assert.ok(checked.includes(CONFIG_TEMPLATE) && checked.length === texts.length - 1, 'all but the broken JSON');
    for (const { text, ours, ajv } of verdicts) assert.deepEqual(ours, ajv, text);
  });
});

describe('S3 storage credentials', () => {
  const resolved = (config: ConfigFile) => storageAuthOf(new ResolvedConfig([layer(config)]));
  const s3 = { type: 's3', bucket: 'iam-data' } as const;

  it("storage.auth, else the top-level auth's profile and initial role; the SDK's default chain otherwise", () => {
    const initialRole = { arn: 'arn:aws:iam::111111111111:role/hub' };
    assert.deepEqual(
      [
        resolved({ storage: { ...s3, auth: { profile: 'storage' } }, auth: { profile: 'audit' } }),
        resolved({ storage: s3, auth: { profile: 'audit', initialRole, role: { pathAndName: '/reader' } } }),
        resolved({ storage: s3, auth: { role: { pathAndName: '/reader' } } }),
        resolved({ storage: { type: 'file', path: 'x' }, auth: { profile: 'audit' } }),
      ],
      [{ profile: 'storage' }, { profile: 'audit', initialRole }, undefined, undefined],
    );
  });
});

describe('collect init', () => {
  it('writes the commented template, which validates, and refuses to overwrite it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iamwright-init-'));
    try {
      const file = join(dir, 'iamwright.jsonc');
      await writeInitConfig(file);
      assert.equal(await readFile(file, 'utf8'), CONFIG_TEMPLATE);
      assert.deepEqual(parseConfigText(CONFIG_TEMPLATE, file).storage, { type: 'file', path: './iam-data' });
      await writeFile(file, '{}');
      await assert.rejects(writeInitConfig(file), { message: `${file}: already exists; remove it or edit it` });
      assert.equal(await readFile(file, 'utf8'), '{}');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

const layer = (config: ConfigFile, file = 'a.jsonc') => ({ file, config });

describe('config resolution (iam-collect precedence)', () => {
  it('auth: root < service < service region < account < account service < its region; role merges key-wise, initialRole null removes', () => {
    const config = new ResolvedConfig([
      layer({
        auth: {
          profile: 'base',
          initialRole: { arn: 'arn:aws:iam::111111111111:role/hub' },
          role: { pathAndName: '/reader' },
        },
        serviceConfigs: {
          iam: {
            auth: { role: { sessionName: 'iam-session' } },
            regionConfigs: { 'eu-west-1': { auth: { profile: 'eu' } } },
          },
        },
        accountConfigs: {
          '222222222222': {
            auth: { initialRole: null, role: { externalId: 'ext-2' } },
            serviceConfigs: { iam: { auth: { role: { pathAndName: '/iam-reader' } } } },
          },
        },
      }),
    ]);
    assert.deepEqual(config.auth('333333333333', 's3', 'us-east-1'), {
      profile: 'base',
      initialRole: { arn: 'arn:aws:iam::111111111111:role/hub' },
      role: { pathAndName: '/reader' },
    });
    assert.deepEqual(config.auth('222222222222', 'iam', 'eu-west-1'), {
      profile: 'eu',
      initialRole: null,
      role: { pathAndName: '/iam-reader', sessionName: 'iam-session', externalId: 'ext-2' },
    });
  });

  it('endpoint: the most specific setting wins; the top-level one applies to every client', () => {
    const config = new ResolvedConfig([
      layer({
        endpoint: 'http://all:1',
        serviceConfigs: {
          iam: { endpoint: 'http://iam:2', regionConfigs: { 'eu-west-1': { endpoint: 'http://iam-eu:3' } } },
        },
      }),
      layer(
        { accountConfigs: { '222222222222': { serviceConfigs: { iam: { endpoint: 'http://acct-iam:4' } } } } },
        'b.jsonc',
      ),
    ]);
    assert.equal(config.endpoint('111111111111', 'sts', 'us-east-1'), 'http://all:1');
    assert.equal(config.endpoint('111111111111', 'iam', 'us-east-1'), 'http://iam:2');
    assert.equal(config.endpoint('111111111111', 'iam', 'eu-west-1'), 'http://iam-eu:3');
    assert.equal(config.endpoint('222222222222', 'iam', 'eu-west-1'), 'http://acct-iam:4');
  });

  it('services: CLI (or all) narrowed by every file; an account can add back and remove', () => {
    const config = new ResolvedConfig([
      layer({ services: { included: ['iam', 'organizations', 's3', 'sqs'] } }),
      layer(
        {
          services: { excluded: ['sqs'] },
          accountConfigs: { '222222222222': { services: { included: ['sqs'], excluded: ['s3'] } } },
        },
        'b',
      ),
    ]);
    assert.deepEqual(config.services('111111111111', undefined), ['iam', 'organizations', 's3']);
    assert.deepEqual(config.services('222222222222', undefined), ['iam', 'organizations', 'sqs']);
    assert.deepEqual(config.services('111111111111', ['iam', 'kms']), ['iam']);
  });

  it('regions: CLI, else account, else top-level include list (else discovered); then every filter level', () => {
    const config = new ResolvedConfig([
      layer({
        regions: { included: ['us-east-1', 'us-west-2', 'eu-west-1'], excluded: ['eu-west-1'] },
        serviceConfigs: {
          sqs: {
            regions: { excluded: ['us-west-2'] },
            syncConfigs: { queues: { regions: { included: ['us-east-1'] } } },
          },
        },
        accountConfigs: { '222222222222': { regions: { included: ['us-west-2'] } } },
      }),
    ]);
    assert.deepEqual(config.baseRegions('111111111111', undefined), ['us-east-1', 'us-west-2', 'eu-west-1']);
    assert.deepEqual(config.baseRegions('222222222222', undefined), ['us-west-2']);
    assert.deepEqual(config.baseRegions('111111111111', ['ap-south-1']), ['ap-south-1']);
    assert.equal(new ResolvedConfig([layer({})]).baseRegions('111111111111', undefined), undefined);
    const base = ['us-east-1', 'us-west-2', 'eu-west-1'];
    assert.deepEqual(config.regions('111111111111', 'iam', base), ['us-east-1', 'us-west-2']);
    assert.deepEqual(config.regions('111111111111', 'sqs', base), ['us-east-1']);
    assert.deepEqual(config.regions('222222222222', 'iam', base), ['us-west-2']);
    assert.deepEqual(config.regions('111111111111', 'sqs', base, 'queues'), ['us-east-1']);
  });

  it('single values: the last file that sets one wins; defaults otherwise', () => {
    const config = new ResolvedConfig([
      layer({ storage: { type: 'file', path: 'a' }, concurrency: 4 }),
      layer({ storage: { type: 's3', bucket: 'bucket' } }, 'b'),
    ]);
    assert.deepEqual(config.storage(), { type: 's3', bucket: 'bucket' });
    assert.equal(config.concurrency(), 4);
    assert.deepEqual(new ResolvedConfig([]).storage(), { type: 'file', path: './iam-data' });
    assert.equal(new ResolvedConfig([]).concurrency(), 8);
  });
});
