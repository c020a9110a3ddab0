/**
 * Seeds moto, through the real SDK, with one of each resource the apigateway ... sso sources collect
 * (issue 5), per region of one account, each with its policy and tags: for the benchmark and the
 * two-region test. Needs the proxy with `resourcePolicyEmulators()` in front of moto (Backup and
 * Glacier policies, EKS access entries, Identity Center tags and boundaries are emulated). The
 * per-service tests seed richer cases inline.
 */
import * as apigateway from '@aws-sdk/client-api-gateway';
import * as backup from '@aws-sdk/client-backup';
import * as ec2 from '@aws-sdk/client-ec2';
import * as eks from '@aws-sdk/client-eks';
import * as events from '@aws-sdk/client-eventbridge';
import * as glacier from '@aws-sdk/client-glacier';
import * as glue from '@aws-sdk/client-glue';
import * as identitystore from '@aws-sdk/client-identitystore';
import * as kafka from '@aws-sdk/client-kafka';
import * as opensearch from '@aws-sdk/client-opensearch';
import * as ram from '@aws-sdk/client-ram';
import * as sso from '@aws-sdk/client-sso-admin';
import { MANAGEMENT_ACCOUNT } from './harness.js';
import { allowAccount, type ResourceSeedTarget, seedClientConfig, tagList } from './resource-seeds.js';

/** The services seeded here, as service codes. */
export const POLICY_SERVICES = [
  'apigateway',
  'backup',
  'ec2',
  'eks',
  'es',
  'events',
  'glacier',
  'glue',
  'kafka',
  'ram',
  'sso',
];

/**
 * Per region: a REST API, a Backup vault, a VPC endpoint, an EKS cluster with one access entry, an
 * OpenSearch domain, an event bus, a Glacier vault, the Glue catalog policy, an MSK cluster, a RAM share
 * of a subnet, and an Identity Center permission set assigned to a group in the account (moto has an
 * instance in every account and region).
 */
export async function seedPolicyServices(target: ResourceSeedTarget): Promise<void> {
  const account = target.account ?? MANAGEMENT_ACCOUNT;
  for (const region of target.regions ?? ['us-east-1', 'us-west-2']) {
    const config = seedClientConfig(target, region);
    const arn = (service: string, resource: string) => `arn:aws:${service}:${region}:${account}:${resource}`;
    const tags = { app: 'orders' };

    const api = new apigateway.APIGatewayClient(config);
    await api.send(
      new apigateway.CreateRestApiCommand({
        name: 'orders-api',
        policy: allowAccount(account, 'execute-api:Invoke', 'execute-api:/*'),
        tags,
      }),
    );
    api.destroy();

    const vaults = new backup.BackupClient(config);
    await vaults.send(new backup.CreateBackupVaultCommand({ BackupVaultName: 'orders-vault', BackupVaultTags: tags }));
    await vaults.send(
      new backup.PutBackupVaultAccessPolicyCommand({
        BackupVaultName: 'orders-vault',
        Policy: allowAccount(account, 'backup:CopyIntoBackupVault', '*'),
      }),
    );
    vaults.destroy();

    const network = new ec2.EC2Client(config);
    const vpc = (await network.send(new ec2.CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc?.VpcId;
    const subnet = (await network.send(new ec2.CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.0.1.0/24' }))).Subnet
      ?.SubnetId;
    await network.send(
      new ec2.CreateVpcEndpointCommand({
        VpcId: vpc,
        ServiceName: `com.amazonaws.${region}.s3`,
        PolicyDocument: allowAccount(account, 's3:GetObject', '*'),
        TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: tagList(tags) }],
      }),
    );
    network.destroy();

    const clusters = new eks.EKSClient(config);
    await clusters.send(
      new eks.CreateClusterCommand({
        name: 'platform',
        roleArn: `arn:aws:iam::${account}:role/eks-cluster`,
        resourcesVpcConfig: { subnetIds: subnet ? [subnet] : [] },
        accessConfig: { authenticationMode: 'API' },
        tags,
      }),
    );
    const principalArn = `arn:aws:iam::${account}:role/eks-admin`;
    await clusters.send(new eks.CreateAccessEntryCommand({ clusterName: 'platform', principalArn, tags }));
    await clusters.send(
      new eks.AssociateAccessPolicyCommand({
        clusterName: 'platform',
        principalArn,
        policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
        accessScope: { type: 'cluster' },
      }),
    );
    clusters.destroy();

    const search = new opensearch.OpenSearchClient(config);
    await search.send(
      new opensearch.CreateDomainCommand({
        DomainName: 'search',
        AccessPolicies: allowAccount(account, 'es:ESHttpGet', arn('es', 'domain/search/*')),
        TagList: tagList(tags),
      }),
    );
    search.destroy();

    const buses = new events.EventBridgeClient(config);
    await buses.send(new events.CreateEventBusCommand({ Name: 'orders-bus', Tags: tagList(tags) }));
    await buses.send(
      new events.PutPermissionCommand({
        EventBusName: 'orders-bus',
        Policy: allowAccount(account, 'events:PutEvents', arn('events', 'event-bus/orders-bus')),
      }),
    );
    buses.destroy();

    const archive = new glacier.GlacierClient(config);
    await archive.send(new glacier.CreateVaultCommand({ accountId: '-', vaultName: 'archive' }));
    await archive.send(
      new glacier.SetVaultAccessPolicyCommand({
        accountId: '-',
        vaultName: 'archive',
        policy: { Policy: allowAccount(account, 'glacier:InitiateJob', arn('glacier', 'vaults/archive')) },
      }),
    );
    await archive.send(new glacier.AddTagsToVaultCommand({ accountId: '-', vaultName: 'archive', Tags: tags }));
    archive.destroy();

    const catalog = new glue.GlueClient(config);
    await catalog.send(
      new glue.PutResourcePolicyCommand({ PolicyInJson: allowAccount(account, 'glue:GetTable', arn('glue', '*')) }),
    );
    catalog.destroy();

    const msk = new kafka.KafkaClient(config);
    const cluster = await msk.send(
      new kafka.CreateClusterV2Command({
        ClusterName: 'events',
        Provisioned: {
          BrokerNodeGroupInfo: { ClientSubnets: subnet ? [subnet] : [], InstanceType: 'kafka.m5.large' },
          KafkaVersion: '3.5.1',
          NumberOfBrokerNodes: 2,
        },
        Tags: tags,
      }),
    );
    await msk.send(
      new kafka.PutClusterPolicyCommand({
        ClusterArn: cluster.ClusterArn,
        Policy: allowAccount(account, 'kafka:DescribeClusterV2', cluster.ClusterArn ?? '*'),
      }),
    );
    msk.destroy();

    const shares = new ram.RAMClient(config);
    await shares.send(
      new ram.CreateResourceShareCommand({
        name: 'shared-network',
        resourceArns: [arn('ec2', `subnet/${subnet}`)],
        principals: ['111122223333'],
        tags: [{ key: 'app', value: 'orders' }],
      }),
    );
    shares.destroy();

    await seedIdentityCenter(config, account);
  }
}

/** A permission set with every kind of policy, assigned to a group in `account`. */
async function seedIdentityCenter(config: ReturnType<typeof seedClientConfig>, account: string): Promise<void> {
  const admin = new sso.SSOAdminClient(config);
  const instance = (await admin.send(new sso.ListInstancesCommand({}))).Instances?.[0];
  const InstanceArn = instance?.InstanceArn ?? '';
  const store = new identitystore.IdentitystoreClient(config);
  const group = await store.send(
    new identitystore.CreateGroupCommand({ IdentityStoreId: instance?.IdentityStoreId, DisplayName: 'Data Engineers' }),
  );
  store.destroy();
  const created = await admin.send(
    new sso.CreatePermissionSetCommand({ InstanceArn, Name: 'DataEngineer', Tags: tagList({ team: 'data' }) }),
  );
  const set = { InstanceArn, PermissionSetArn: created.PermissionSet?.PermissionSetArn };
  await admin.send(
    new sso.AttachManagedPolicyToPermissionSetCommand({
      ...set,
      ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    }),
  );
  await admin.send(
    new sso.AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
      ...set,
      CustomerManagedPolicyReference: { Name: 'ReadAppData', Path: '/app/' },
    }),
  );
  await admin.send(
    new sso.PutInlinePolicyToPermissionSetCommand({
      ...set,
      InlinePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'athena:*', Resource: '*' }],
      }),
    }),
  );
  await admin.send(
    new sso.PutPermissionsBoundaryToPermissionSetCommand({
      ...set,
      PermissionsBoundary: { ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
    }),
  );
  await admin.send(
    new sso.CreateAccountAssignmentCommand({
      ...set,
      TargetId: account,
      TargetType: 'AWS_ACCOUNT',
      PrincipalType: 'GROUP',
      PrincipalId: group.GroupId,
    }),
  );
  admin.destroy();
}
