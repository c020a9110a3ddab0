/**
 * Seeds one resource of every type the resource-policy sources beyond iam-collect collect (logs ...
 * route53resolver), each with a resource policy and tags, in one account and region: through moto's
 * APIs where moto has the resource, and in a `BacklogState` (served by `backlogEmulators`) where it
 * does not. For the benchmark's every-service organization and for `sources-backlog.test.ts`.
 */
import { readFileSync } from 'node:fs';
import {
  ACMPCAClient,
  CreateCertificateAuthorityCommand,
  ImportCertificateAuthorityCertificateCommand,
  PutPolicyCommand,
} from '@aws-sdk/client-acm-pca';
import {
  CloudWatchLogsClient,
  PutDeliveryDestinationCommand,
  PutDeliveryDestinationPolicyCommand,
  PutDestinationCommand,
  PutDestinationPolicyCommand,
  PutResourcePolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CodeBuildClient, CreateProjectCommand } from '@aws-sdk/client-codebuild';
import { CreatePolicyCommand, IoTClient } from '@aws-sdk/client-iot';
import { CreateClusterCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import {
  CreateResolverQueryLogConfigCommand,
  CreateResolverRuleCommand,
  Route53ResolverClient,
} from '@aws-sdk/client-route53resolver';
import { CreateEmailIdentityCommand, CreateEmailIdentityPolicyCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { AwsCredentialIdentity } from '@smithy/types';
import { type BacklogState, redshiftNamespaceArn } from './backlog-emulators.js';

export interface BacklogSeedTarget {
  /** The proxy's endpoint (the emulations answer there). */
  endpoint: string;
  region: string;
  account: string;
  /** The account's credentials (default: the environment's, i.e. the management account). */
  credentials?: AwsCredentialIdentity;
}

const CA_CERTIFICATE = new URL('./fixtures/acm-pca/ca-certificate.pem', import.meta.url);

/** A policy letting account 111122223333 call `actions` on `resource`. */
function sharedWith(resource: string, actions: string[]): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: actions, Resource: resource }],
  };
}

/** One resource of every type, named `seeded`, with a policy and a `seeded: "true"` tag. Returns their ARNs. */
export async function seedBacklogResources(target: BacklogSeedTarget, state: BacklogState): Promise<string[]> {
  const { account, region } = target;
  const config = {
    endpoint: target.endpoint,
    region,
    ...(target.credentials ? { credentials: target.credentials } : {}),
  };
  const arn = (service: string, resource: string, inRegion = region) =>
    `arn:aws:${service}:${inRegion}:${account}:${resource}`;
  const tags = { seeded: 'true' };
  const arns: string[] = [];

  // moto: logs, ses, codebuild projects, iot, redshift, acm-pca, route53resolver.
  const logs = new CloudWatchLogsClient(config);
  const logGroups = arn('logs', 'log-group:/seeded/*');
  await logs.send(
    new PutResourcePolicyCommand({
      policyName: 'seeded',
      policyDocument: JSON.stringify(sharedWith(logGroups, ['logs:PutLogEvents'])),
    }),
  );
  arns.push(arn('logs', 'resource-policy:seeded'));
  const destination = arn('logs', 'destination:seeded');
  await logs.send(
    new PutDestinationCommand({
      destinationName: 'seeded',
      targetArn: arn('kinesis', 'stream/seeded'),
      roleArn: `arn:aws:iam::${account}:role/seeded`,
      tags,
    }),
  );
  await logs.send(
    new PutDestinationPolicyCommand({
      destinationName: 'seeded',
      accessPolicy: JSON.stringify(sharedWith(destination, ['logs:PutSubscriptionFilter'])),
    }),
  );
  arns.push(destination);
  const deliveryDestination = arn('logs', 'delivery-destination:seeded');
  await logs.send(
    new PutDeliveryDestinationCommand({
      name: 'seeded',
      deliveryDestinationConfiguration: { destinationResourceArn: `arn:aws:s3:::seeded-${account}-${region}` },
      tags,
    }),
  );
  await logs.send(
    new PutDeliveryDestinationPolicyCommand({
      deliveryDestinationName: 'seeded',
      deliveryDestinationPolicy: JSON.stringify(sharedWith(deliveryDestination, ['logs:CreateDelivery'])),
    }),
  );
  arns.push(deliveryDestination);
  logs.destroy();

  const ses = new SESv2Client(config);
  const identity = arn('ses', 'identity/seeded.example.com');
  await ses.send(
    new CreateEmailIdentityCommand({ EmailIdentity: 'seeded.example.com', Tags: [{ Key: 'seeded', Value: 'true' }] }),
  );
  await ses.send(
    new CreateEmailIdentityPolicyCommand({
      EmailIdentity: 'seeded.example.com',
      PolicyName: 'seeded',
      Policy: JSON.stringify(sharedWith(identity, ['ses:SendEmail'])),
    }),
  );
  arns.push(identity);
  ses.destroy();

  const codebuild = new CodeBuildClient(config);
  await codebuild.send(
    new CreateProjectCommand({
      name: 'seeded',
      source: { type: 'S3', location: `seeded-${account}/source.zip` },
      artifacts: { type: 'NO_ARTIFACTS' },
      environment: {
        type: 'LINUX_CONTAINER',
        image: 'aws/codebuild/standard:7.0',
        computeType: 'BUILD_GENERAL1_SMALL',
      },
      serviceRole: `arn:aws:iam::${account}:role/seeded`,
      tags: [{ key: 'seeded', value: 'true' }],
    }),
  );
  codebuild.destroy();
  const project = arn('codebuild', 'project/seeded');
  state.setPolicy(project, sharedWith(project, ['codebuild:BatchGetProjects']));
  arns.push(project);

  const iot = new IoTClient(config);
  const iotPolicy = arn('iot', 'policy/seeded');
  await iot.send(
    new CreatePolicyCommand({
      policyName: 'seeded',
      policyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }],
      }),
    }),
  );
  iot.destroy();
  state.tags.set(iotPolicy, tags);
  arns.push(iotPolicy);

  const redshift = new RedshiftClient(config);
  await redshift.send(
    new CreateClusterCommand({
      ClusterIdentifier: 'seeded',
      NodeType: 'ra3.xlplus',
      MasterUsername: 'admin',
      MasterUserPassword: 'Passw0rd-seeded',
      Tags: [{ Key: 'seeded', Value: 'true' }],
    }),
  );
  redshift.destroy();
  const namespace = redshiftNamespaceArn(account, region, 'seeded');
  state.setPolicy(namespace, sharedWith(namespace, ['redshift:CreateInboundIntegration']));
  arns.push(namespace);

  const pca = new ACMPCAClient(config);
  const ca = await pca.send(
    new CreateCertificateAuthorityCommand({
      CertificateAuthorityType: 'ROOT',
      CertificateAuthorityConfiguration: {
        KeyAlgorithm: 'RSA_2048',
        SigningAlgorithm: 'SHA256WITHRSA',
        Subject: { CommonName: 'seeded.example.internal' },
      },
      Tags: [{ Key: 'seeded', Value: 'true' }],
    }),
  );
  const caArn = ca.CertificateAuthorityArn ?? '';
  await pca.send(
    new ImportCertificateAuthorityCertificateCommand({
      CertificateAuthorityArn: caArn,
      Certificate: readFileSync(CA_CERTIFICATE),
    }),
  );
  await pca.send(
    new PutPolicyCommand({
      ResourceArn: caArn,
      Policy: JSON.stringify(sharedWith(caArn, ['acm-pca:IssueCertificate'])),
    }),
  );
  pca.destroy();
  arns.push(caArn);

  const resolver = new Route53ResolverClient(config);
  const config_ = await resolver.send(
    new CreateResolverQueryLogConfigCommand({
      Name: 'seeded',
      DestinationArn: `arn:aws:s3:::seeded-${account}-${region}`,
      CreatorRequestId: 'seeded',
    }),
  );
  const rule = await resolver.send(
    new CreateResolverRuleCommand({
      CreatorRequestId: 'seeded',
      RuleType: 'SYSTEM',
      DomainName: 'seeded.example.internal',
      Name: 'seeded',
      Tags: [{ Key: 'seeded', Value: 'true' }],
    }),
  );
  resolver.destroy();
  for (const resolverArn of [config_.ResolverQueryLogConfig?.Arn ?? '', rule.ResolverRule?.Arn ?? '']) {
    state.setPolicy(resolverArn, sharedWith(resolverArn, ['route53resolver:GetResolverRule']));
    arns.push(resolverArn);
  }
  state.tags.set(config_.ResolverQueryLogConfig?.Arn ?? '', tags);

  // Emulated: everything moto lacks.
  const emulated: Array<[string, Record<string, unknown>]> = [
    [
      arn('codebuild', 'report-group/seeded'),
      { name: 'seeded', type: 'TEST', exportConfig: { exportConfigType: 'NO_EXPORT' } },
    ],
    [arn('codeartifact', 'domain/seeded'), { name: 'seeded', owner: account, status: 'Active' }],
    [
      arn('codeartifact', 'repository/seeded/seeded'),
      { name: 'seeded', domainName: 'seeded', domainOwner: account, administratorAccount: account },
    ],
    [
      arn('redshift-serverless', 'namespace/00000000-0000-4000-8000-000000000001'),
      {
        namespaceArn: arn('redshift-serverless', 'namespace/00000000-0000-4000-8000-000000000001'),
        namespaceId: '00000000-0000-4000-8000-000000000001',
        namespaceName: 'seeded',
      },
    ],
    [
      arn('redshift-serverless', 'snapshot/00000000-0000-4000-8000-000000000002'),
      {
        snapshotArn: arn('redshift-serverless', 'snapshot/00000000-0000-4000-8000-000000000002'),
        snapshotName: 'seeded',
        ownerAccount: account,
      },
    ],
    [arn('cloudtrail', 'eventdatastore/00000000-0000-4000-8000-000000000003'), { Name: 'seeded' }],
    [arn('cloudtrail', 'channel/00000000-0000-4000-8000-000000000004'), { Name: 'seeded' }],
    [arn('cloudtrail', 'dashboard/seeded'), { Type: 'CUSTOM' }],
    [arn('schemas', 'registry/seeded'), { RegistryName: 'seeded' }],
    [arn('lex', 'bot/SEEDEDBOT1'), { botId: 'SEEDEDBOT1', botName: 'seeded', botStatus: 'Available' }],
    [
      arn('lex', 'bot-alias/SEEDEDBOT1/SEEDALIAS1'),
      { botAliasId: 'SEEDALIAS1', botAliasName: 'seeded', botVersion: '1' },
    ],
    [arn('ssm-contacts', 'contact/seeded'), { Alias: 'seeded', Type: 'PERSONAL' }],
    [arn('ssm-incidents', 'response-plan/seeded', ''), { name: 'seeded' }],
  ];
  for (const [resourceArn, attributes] of emulated) {
    state.add(resourceArn, attributes, { policy: sharedWith(resourceArn, ['*']), tags });
    arns.push(resourceArn);
  }
  const application = arn('serverlessrepo', 'applications/seeded');
  state.add(
    application,
    { name: 'seeded', author: 'seed' },
    {
      policy: [{ statementId: 'shared', actions: ['Deploy'], principals: ['111122223333'] }],
    },
  );
  arns.push(application);
  return arns;
}
