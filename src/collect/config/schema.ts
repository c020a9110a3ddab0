import { SERVICE_CODES } from './services.js';

/** JSON Schema (draft-07, for ajv) of one configuration file. Unknown keys are errors: they are typos. */

const stringList = { type: 'array', items: { type: 'string', minLength: 1 } } as const;
const accountId = { type: 'string', pattern: '^[0-9]{12}$' } as const;
const accountList = { type: 'array', items: accountId } as const;
const endpoint = { type: 'string', pattern: '^https?://' } as const;

const filter = {
  type: 'object',
  additionalProperties: false,
  properties: { included: stringList, excluded: stringList },
} as const;

const serviceFilter = {
  type: 'object',
  additionalProperties: false,
  properties: {
    included: { type: 'array', items: { enum: SERVICE_CODES } },
    excluded: { type: 'array', items: { enum: SERVICE_CODES } },
  },
} as const;

const auth = {
  type: 'object',
  additionalProperties: false,
  properties: {
    profile: { type: 'string', minLength: 1 },
    initialRole: {
      type: ['object', 'null'],
      additionalProperties: false,
      properties: {
        arn: { type: 'string', pattern: '^arn:[a-z-]+:iam::[0-9]{12}:role/' },
        pathAndName: { type: 'string', minLength: 1 },
        externalId: { type: 'string', minLength: 1 },
        sessionName: { type: 'string', pattern: '^[\\w+=,.@-]{2,64}$' },
      },
    },
    role: {
      type: 'object',
      additionalProperties: false,
      properties: {
        pathAndName: { type: 'string', minLength: 1 },
        externalId: { type: 'string', minLength: 1 },
        sessionName: { type: 'string', pattern: '^[\\w+=,.@-]{2,64}$' },
      },
    },
  },
} as const;

const syncConfig = {
  type: 'object',
  additionalProperties: false,
  properties: { regions: filter, custom: { type: 'object' }, auth },
} as const;

const regionConfig = {
  type: 'object',
  additionalProperties: false,
  properties: { auth, endpoint },
} as const;

const serviceConfig = {
  type: 'object',
  additionalProperties: false,
  properties: {
    auth,
    endpoint,
    regions: filter,
    regionConfigs: { type: 'object', additionalProperties: regionConfig },
    syncConfigs: { type: 'object', additionalProperties: syncConfig },
  },
} as const;

const serviceConfigs = {
  type: 'object',
  // Besides the service codes: the clients the collector itself uses (for their endpoints and auth).
  propertyNames: { enum: [...SERVICE_CODES, 'sts', 'account', 's3control'] },
  additionalProperties: serviceConfig,
} as const;

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string' },
    iamCollectVersion: { type: 'string' },
    iamwrightVersion: { type: 'string' },
    storage: {
      type: 'object',
      required: ['type'],
      properties: { type: { enum: ['file', 's3'] } },
      if: { properties: { type: { const: 's3' } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
      then: {
        additionalProperties: false,
        required: ['bucket'],
        properties: {
          type: true,
          bucket: { type: 'string', minLength: 3 },
          prefix: { type: 'string' },
          region: { type: 'string', minLength: 1 },
          endpoint,
          auth,
        },
      },
      else: {
        additionalProperties: false,
        required: ['path'],
        properties: { type: true, path: { type: 'string', minLength: 1 } },
      },
    },
    dataSource: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: { const: 'aws-sdk' } },
    },
    accounts: {
      if: { type: 'string' },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
      then: { const: 'organization' },
      else: {
        type: 'object',
        additionalProperties: false,
        properties: {
          included: accountList,
          excluded: accountList,
          organization: {
            type: 'object',
            additionalProperties: false,
            properties: {
              accountId,
              ous: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  included: {
                    type: 'array',
                    items: { type: 'string', pattern: '^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$' },
                  },
                  excluded: {
                    type: 'array',
                    items: { type: 'string', pattern: '^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$' },
                  },
                },
              },
            },
          },
        },
      },
    },
    regions: filter,
    services: serviceFilter,
    auth,
    endpoint,
    concurrency: { type: 'integer', minimum: 1, maximum: 256 },
    accountConfigs: {
      type: 'object',
      propertyNames: { pattern: '^[0-9]{12}$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: { auth, regions: filter, services: serviceFilter, serviceConfigs },
      },
    },
    serviceConfigs,
  },
} as const;
