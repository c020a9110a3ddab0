/**
 * The all-services world: moto behind the loopback proxy with every emulation, an organization
 * (management + members, IAM load per account) and, in every account and region, at least one
 * resource of each type the seeds of test/moto make. Shared by bench/collect-services.mjs and the
 * built-CLI test, so that both collect the same world.
 */
import { performance } from 'node:perf_hooks';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { CreateVectorBucketCommand, PutVectorBucketPolicyCommand, S3VectorsClient } from '@aws-sdk/client-s3vectors';
import { CreateServiceCommand, PutAuthPolicyCommand, VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { agentCoreEmulator, seedAgentCore } from './appsync-agentcore-emulators.js';
import { aossEmulator, ecrPublicEmulator, wafv2Emulator } from './aoss-ecr-public-wafv2-emulators.js';
import { seedAoss, seedEcrPublic, seedWafv2 } from './aoss-ecr-public-wafv2-seeds.js';
import { BacklogState, backlogEmulators } from './backlog-emulators.js';
import { seedBacklogResources } from './backlog-seed.js';
import { defaultEmulators, resourcePolicyEmulators } from './emulators.js';
import {
  networkFirewallEmulator,
  sagemakerEmulator,
  seedNetworkFirewall,
  seedSageMaker,
} from './firewall-sagemaker-emulators.js';
import { imagebuilderEmulator, seedImageBuilder } from './imagebuilder-emulators.js';
import { bedrockEmulator, cloudfrontEmulator, seedBedrock, seedCloudFront } from './cloudfront-bedrock-emulators.js';
import {
  comprehendEmulator,
  dsqlEmulator,
  rekognitionEmulator,
  seedComprehend,
  seedDsql,
  seedRekognition,
} from './dsql-rekognition-comprehend-emulators.js';
import {
  entityResolutionEmulator,
  rumEmulator,
  seedEntityResolution,
  seedRum,
} from './rum-entityresolution-emulators.js';
import {
  networkManagerEmulator,
  refactorSpacesEmulator,
  s3filesEmulator,
  seedNetworkManager,
  seedRefactorSpacesAndS3Files,
} from './netmgr-refactor-s3files-emulators.js';
import {
  omicsEmulator,
  qbusinessEmulator,
  seedOmics,
  seedQBusiness,
  seedSmsVoice,
  smsVoiceEmulator,
} from './smsvoice-qbusiness-omics-emulators.js';
import {
  lookoutEquipmentEmulator,
  mediaPackageV2Emulator,
  mediaTailorEmulator,
  seedLookoutEquipment,
  seedMediaPackageV2,
  seedMediaTailor,
} from './media-lookout-emulators.js';
import {
  marketplaceCatalogEmulator,
  oamEmulator,
  seedMarketplaceCatalog,
  seedOam,
} from './oam-marketplace-emulators.js';
import { iotsitewiseEmulator, seedIotSiteWise } from './iotsitewise-emulators.js';
import { MANAGEMENT_ACCOUNT, type Moto, startMoto } from './harness.js';
import { seedPolicyServices } from './policy-service-seeds.js';
import { seedSsmXrayAps, ssmXrayApsEmulators } from './ssm-xray-aps-emulators.js';
import { seedCloudFormation, seedWafClassic, wafClassicEmulator } from './waf-cloudformation-emulators.js';
import { type Emulator, type FaultProxy, type ProxyRequest, type ProxyResponse, startProxy } from './proxy.js';
import {
  DirectoryBucketState,
  directoryBucketEmulator,
  mediastoreEmulator,
  ObjectLambdaState,
  objectLambdaEmulator,
  StreamPolicyState,
  streamPolicyEmulator,
  TableBucketState,
  tableBucketEmulator,
} from './resource-emulators.js';
import {
  allowAccount,
  type ResourceSeedTarget,
  seedClientConfig,
  seedDirectoryBuckets,
  seedDynamoDb,
  seedEcr,
  seedEfs,
  seedKinesis,
  seedKms,
  seedLambda,
  seedMediaStore,
  seedObjectLambda,
  seedS3,
  seedS3Tables,
  seedSecretsManager,
  seedSns,
  seedSqs,
} from './resource-seeds.js';
import { forEachLimited, type SeededOrganization, seedOrganization } from './seed.js';

export interface AllServicesWorldOptions {
  /** Accounts in the organization, the management account included (at least 2). */
  accounts: number;
  regions: string[];
  /** Extra roles, users and customer policies per account (IAM load). */
  roles: number;
  users: number;
  policies: number;
  /** moto's random seed and the proxy's (default 1). */
  seed?: number;
  /** Runs before every other emulation, e.g. to count calls; it should return undefined. */
  recorder?: Emulator;
  /** Accounts the organization seed makes at once (default 4; 1 keeps moto's ids reproducible). */
  organizationConcurrency?: number;
}

export interface AllServicesWorld {
  moto: Moto;
  proxy: FaultProxy;
  org: SeededOrganization;
  /** How long seeding the organization and every service took. */
  seedSeconds: number;
  stop(): Promise<void>;
}

/** The emulations' state: one each, shared by the seeds and the proxy. */
interface EmulatedState {
  objectLambda: ObjectLambdaState;
  directoryBuckets: DirectoryBucketState;
  tableBuckets: TableBucketState;
  streamPolicies: StreamPolicyState;
  backlog: BacklogState;
}

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/**
 * Starts moto and the proxy and seeds them. The seed's SDK clients use explicit credentials for
 * member accounts and the environment's for the management account: set `dummyAwsEnv()` first.
 */
export async function startAllServicesWorld(options: AllServicesWorldOptions): Promise<AllServicesWorld> {
  if (!Number.isInteger(options.accounts) || options.accounts < 2) {
    throw new Error(
      `startAllServicesWorld: accounts must be an integer >= 2 (management + members), not ${options.accounts}`,
    );
  }
  const seed = options.seed ?? 1;
  const state: EmulatedState = {
    objectLambda: new ObjectLambdaState(),
    directoryBuckets: new DirectoryBucketState(),
    tableBuckets: new TableBucketState(),
    streamPolicies: new StreamPolicyState(),
    backlog: new BacklogState(),
  };
  const moto = await startMoto({ awsManagedPolicies: false });
  let proxy: FaultProxy | undefined;
  try {
    proxy = await startProxy({
      upstream: moto.endpoint,
      seed,
      emulators: [
        ...(options.recorder ? [options.recorder] : []),
        ...defaultEmulators(),
        ...resourcePolicyEmulators(),
        objectLambdaEmulator(state.objectLambda),
        directoryBucketEmulator(state.directoryBuckets),
        tableBucketEmulator(state.tableBuckets),
        streamPolicyEmulator(state.streamPolicies),
        mediastoreEmulator(),
        ...backlogEmulators(state.backlog),
        ...ssmXrayApsEmulators(state.backlog),
        networkFirewallEmulator(state.backlog),
        sagemakerEmulator(state.backlog),
        cloudfrontEmulator(state.backlog),
        bedrockEmulator(state.backlog),
        dsqlEmulator(state.backlog),
        rekognitionEmulator(state.backlog),
        comprehendEmulator(),
        rumEmulator(state.backlog),
        mediaPackageV2Emulator(state.backlog),
        mediaTailorEmulator(state.backlog),
        lookoutEquipmentEmulator(state.backlog),
        oamEmulator(state.backlog),
        marketplaceCatalogEmulator(state.backlog),
        iotsitewiseEmulator(state.backlog),
        entityResolutionEmulator(state.backlog),
        networkManagerEmulator(state.backlog),
        refactorSpacesEmulator(state.backlog),
        s3filesEmulator(state.backlog),
        smsVoiceEmulator(state.backlog),
        qbusinessEmulator(state.backlog),
        omicsEmulator(state.backlog),
        imagebuilderEmulator(state.backlog),
        agentCoreEmulator(state.backlog),
        aossEmulator(),
        ecrPublicEmulator(),
        wafv2Emulator(),
        wafClassicEmulator(state.backlog),
        s3vectorsTags,
      ],
    });
    await moto.seedRandom(seed);
    const seedStart = performance.now();
    const org = await seedOrganization(proxy.endpoint, {
      memberAccounts: options.accounts - 1,
      regions: options.regions,
      bulkRoles: options.roles,
      bulkUsers: options.users,
      bulkPolicies: options.policies,
      awsManagedPolicies: false,
      concurrency: options.organizationConcurrency ?? 4,
    });
    const endpoint = proxy.endpoint;
    await forEachLimited(org.accounts, 3, (account) =>
      seedAccount(endpoint, state, account.id, org.memberRoleName, options.regions),
    );
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const started = proxy;
    return {
      moto,
      proxy: started,
      org,
      seedSeconds,
      async stop() {
        await started.stop();
        await moto.stop();
      },
    };
  } catch (error) {
    await proxy?.stop();
    await moto.stop();
    throw error;
  }
}

/** s3vectors ListTagsForResource (moto 5.2 lacks it), as in sources-s3vectors.test.ts: no tags. */
function s3vectorsTags(request: ProxyRequest): ProxyResponse | undefined {
  return request.service === 's3vectors' && request.method === 'GET' && request.path.startsWith('/tags/')
    ? { status: 200, headers: { 'content-type': 'application/json' }, body: '{"tags":{}}' }
    : undefined;
}

/** Every service's seed in one account, through the proxy, with the account's own credentials. */
async function seedAccount(
  endpoint: string,
  state: EmulatedState,
  account: string,
  memberRoleName: string,
  regions: string[],
): Promise<void> {
  const credentials = account === MANAGEMENT_ACCOUNT ? undefined : await assumeRole(endpoint, account, memberRoleName);
  const target: ResourceSeedTarget = { endpoint, account, regions, ...(credentials ? { credentials } : {}) };
  await seedS3(target);
  seedObjectLambda(state.objectLambda, { account, regions });
  seedDirectoryBuckets(state.directoryBuckets, { account, regions });
  await seedS3Tables(target);
  await seedKms(target);
  await seedLambda(target);
  await seedSqs(target);
  await seedSns(target);
  await seedSecretsManager(target);
  await seedEcr(target);
  await seedDynamoDb(target);
  await seedKinesis(target);
  await seedEfs(target);
  await seedMediaStore(target);
  await seedPolicyServices(target);
  await seedAoss(target);
  await seedEcrPublic(target);
  await seedWafv2(target);
  seedWafClassic({ account, regions }, state.backlog);
  await seedCloudFormation({ ...target, regions });
  await seedNetworkFirewall({ ...target, account, regions }, state.backlog);
  await seedSageMaker({ ...target, account, regions }, state.backlog);
  seedCloudFront({ account }, state.backlog);
  seedBedrock({ account, regions }, state.backlog);
  seedDsql({ account, regions }, state.backlog);
  seedRekognition({ account, regions }, state.backlog);
  await seedComprehend({ ...target, regions });
  seedRum({ account, regions }, state.backlog);
  seedMediaPackageV2({ account, regions }, state.backlog);
  seedMediaTailor({ account, regions }, state.backlog);
  seedLookoutEquipment({ account, regions }, state.backlog);
  seedOam({ account, regions }, state.backlog);
  seedMarketplaceCatalog({ account, regions }, state.backlog);
  seedIotSiteWise({ account, regions }, state.backlog);
  seedEntityResolution({ account, regions }, state.backlog);
  seedNetworkManager({ account }, state.backlog);
  seedRefactorSpacesAndS3Files({ account, regions }, state.backlog);
  seedSmsVoice({ account, regions }, state.backlog);
  seedQBusiness({ account, regions }, state.backlog);
  seedOmics({ account, regions }, state.backlog);
  await seedImageBuilder({ ...target, account, regions }, state.backlog);
  await seedAgentCore({ ...target, account, regions }, state.backlog);
  for (const region of regions) {
    await seedBacklogResources({ endpoint, region, account, ...(credentials ? { credentials } : {}) }, state.backlog);
    await seedSsmXrayAps({ endpoint, region, account, ...(credentials ? { credentials } : {}) }, state.backlog);
    await seedVectorBucket(target, account, region);
    await seedLatticeService(target, region);
  }
}

async function assumeRole(endpoint: string, account: string, roleName: string): Promise<Credentials> {
  const sts = new STSClient(seedClientConfig({ endpoint }, 'us-east-1'));
  const assumed = await sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/${roleName}`, RoleSessionName: 'bench-seed' }),
  );
  sts.destroy();
  const c = assumed.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole into ${account} returned no credentials`);
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
  };
}

/** s3vectors (moto): one vector bucket with a policy; moto keys them by name across accounts and regions. */
async function seedVectorBucket(target: ResourceSeedTarget, account: string, region: string): Promise<void> {
  const client = new S3VectorsClient(seedClientConfig(target, region));
  const name = `vectors-${account}-${region}`;
  await client.send(new CreateVectorBucketCommand({ vectorBucketName: name }));
  const arn = `arn:aws:s3vectors:${region}:${account}:bucket/${name}`;
  await client.send(
    new PutVectorBucketPolicyCommand({
      vectorBucketName: name,
      policy: allowAccount(MANAGEMENT_ACCOUNT, 's3vectors:QueryVectors', arn),
    }),
  );
  client.destroy();
}

/** VPC Lattice (moto): one service with an auth policy and tags. */
async function seedLatticeService(target: ResourceSeedTarget, region: string): Promise<void> {
  const client = new VPCLatticeClient(seedClientConfig(target, region));
  const created = await client.send(new CreateServiceCommand({ name: 'orders', tags: { app: 'orders' } }));
  await client.send(
    new PutAuthPolicyCommand({
      resourceIdentifier: created.arn,
      policy: allowAccount(MANAGEMENT_ACCOUNT, 'vpc-lattice-svcs:Invoke', `${created.arn}/*`),
    }),
  );
  client.destroy();
}
