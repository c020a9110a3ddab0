import type { ServiceCode } from '../config/services.js';
import { acmPcaCertificateAuthorities } from './acm-pca/certificate-authorities.js';
import { restApis } from './apigateway/rest-apis.js';
import { backupVaults } from './backup/vaults.js';
import { cloudtrailChannels } from './cloudtrail/channels.js';
import { cloudtrailDashboards } from './cloudtrail/dashboards.js';
import { cloudtrailEventDataStores } from './cloudtrail/event-data-stores.js';
import { codeartifactDomains } from './codeartifact/domains.js';
import { codeartifactRepositories } from './codeartifact/repositories.js';
import { codebuildProjects } from './codebuild/projects.js';
import { codebuildReportGroups } from './codebuild/report-groups.js';
import { vpcEndpoints } from './ec2/vpc-endpoints.js';
import { eksAccessEntries } from './eks/access-entries.js';
import { domains } from './es/domains.js';
import { eventBuses } from './events/event-buses.js';
import { glacierVaults } from './glacier/vaults.js';
import { glueCatalog } from './glue/catalog.js';
import { iotPolicies } from './iot/policies.js';
import { kafkaClusters } from './kafka/clusters.js';
import { lexBotAliases } from './lex/bot-aliases.js';
import { lexBots } from './lex/bots.js';
import { resourceShares } from './ram/resource-shares.js';
import { resolverQueryLogConfigs } from './route53resolver/query-log-configs.js';
import { resolverRules } from './route53resolver/resolver-rules.js';
import { ssmContacts } from './ssm-contacts/contacts.js';
import { ssmIncidentsResponsePlans } from './ssm-incidents/response-plans.js';
import { ssoInstances } from './sso/instances.js';
import { authorizationDetails } from './iam/authorization-details.js';
import { instanceProfiles } from './iam/instance-profiles.js';
import { oidcProviders } from './iam/oidc-providers.js';
import { samlProviders } from './iam/saml-providers.js';
import { logsDeliveryDestinations } from './logs/delivery-destinations.js';
import { logsDestinations } from './logs/destinations.js';
import { logsResourcePolicies } from './logs/resource-policies.js';
import { organization } from './organizations/organization.js';
import { redshiftServerlessNamespaces } from './redshift-serverless/namespaces.js';
import { redshiftServerlessSnapshots } from './redshift-serverless/snapshots.js';
import { redshiftClusterNamespaces } from './redshift/cluster-namespaces.js';
import { accountBpa } from './s3/account-bpa.js';
import { generalPurposeBuckets } from './s3/general-purpose-buckets.js';
import { accessPoints } from './s3/access-points.js';
import { multiRegionAccessPoints } from './s3/multi-region-access-points.js';
import { schemaRegistries } from './schemas/registries.js';
import { serverlessrepoApplications } from './serverlessrepo/applications.js';
import { sesIdentities } from './ses/identities.js';
import { objectLambdaAccessPoints } from './s3-object-lambda/access-points.js';
import { directoryBuckets } from './s3express/directory-buckets.js';
import { directoryAccessPoints } from './s3express/directory-access-points.js';
import { tableBuckets } from './s3tables/table-buckets.js';
import { kmsKeys } from './kms/keys.js';
import { kmsAliases } from './kms/aliases.js';
import { lambdaFunctions } from './lambda/functions.js';
import { lambdaLayerVersions } from './lambda/layer-versions.js';
import { sqsQueues } from './sqs/queues.js';
import { snsTopics } from './sns/topics.js';
import { secretsManagerSecrets } from './secretsmanager/secrets.js';
import { ecrRepositories } from './ecr/repositories.js';
import { ecrRegistryPolicy } from './ecr/registry-policy.js';
import { dynamoDbTables } from './dynamodb/tables.js';
import { dynamoDbStreams } from './dynamodb/streams.js';
import { kinesisDataStreams } from './kinesis/data-streams.js';
import { efsFileSystems } from './elasticfilesystem/file-systems.js';
import { s3VectorBuckets } from './s3vectors/vector-buckets.js';
import { latticeServices } from './vpc-lattice/services.js';
import { latticeServiceNetworks } from './vpc-lattice/service-networks.js';
import { mediastoreContainers } from './mediastore/containers.js';
import { aossAccessPolicies } from './aoss/access-policies.js';
import { aossNetworkPolicies } from './aoss/network-policies.js';
import { ecrPublicRepositories } from './ecr-public/repositories.js';
import { wafv2RuleGroups } from './wafv2/rule-groups.js';
import { networkFirewallFirewalls } from './network-firewall/firewalls.js';
import { networkFirewallPolicies } from './network-firewall/firewall-policies.js';
import { networkFirewallRuleGroups } from './network-firewall/rule-groups.js';
import { sagemakerModelPackageGroups } from './sagemaker/model-package-groups.js';
import { sagemakerLineageGroups } from './sagemaker/lineage-groups.js';
import { cloudfrontVpcOrigins } from './cloudfront/vpc-origins.js';
import { bedrockCustomModels } from './bedrock/custom-models.js';
import { bedrockGuardrails } from './bedrock/guardrails.js';
import { imagebuilderComponents } from './imagebuilder/components.js';
import { imagebuilderImages } from './imagebuilder/images.js';
import { imagebuilderImageRecipes } from './imagebuilder/image-recipes.js';
import { imagebuilderContainerRecipes } from './imagebuilder/container-recipes.js';
import { ssmParameters } from './ssm/parameters.js';
import { ssmOpsItemGroup } from './ssm/ops-item-group.js';
import { xrayResourcePolicies } from './xray/resource-policies.js';
import { apsWorkspaces } from './aps/workspaces.js';
import { agentCoreGateways } from './bedrock-agentcore/gateways.js';
import { agentCoreRuntimeEndpoints } from './bedrock-agentcore/runtime-endpoints.js';
import { agentCoreRuntimes } from './bedrock-agentcore/runtimes.js';
import { dsqlClusters } from './dsql/clusters.js';
import { rekognitionProjects } from './rekognition/projects.js';
import { comprehendDocumentClassifiers } from './comprehend/document-classifiers.js';
import { comprehendEntityRecognizers } from './comprehend/entity-recognizers.js';
import { rumAppMonitors } from './rum/app-monitors.js';
import { entityResolutionMatchingWorkflows } from './entityresolution/matching-workflows.js';
import { entityResolutionIdMappingWorkflows } from './entityresolution/id-mapping-workflows.js';
import { entityResolutionIdNamespaces } from './entityresolution/id-namespaces.js';
import { smsVoicePhoneNumbers } from './sms-voice/phone-numbers.js';
import { smsVoicePools } from './sms-voice/pools.js';
import { smsVoiceOptOutLists } from './sms-voice/opt-out-lists.js';
import { smsVoiceSenderIds } from './sms-voice/sender-ids.js';
import { qbusinessApplications } from './qbusiness/applications.js';
import { omicsSequenceStores } from './omics/sequence-stores.js';
import { networkmanagerCoreNetworks } from './networkmanager/core-networks.js';
import { refactorSpacesEnvironments } from './refactor-spaces/environments.js';
import { s3filesFileSystems } from './s3files/file-systems.js';
import { mediaPackageV2Channels } from './mediapackagev2/channels.js';
import { mediaPackageV2OriginEndpoints } from './mediapackagev2/origin-endpoints.js';
import { mediaTailorChannels } from './mediatailor/channels.js';
import { lookoutEquipmentDatasets } from './lookoutequipment/datasets.js';
import { lookoutEquipmentModels } from './lookoutequipment/models.js';
import { oamSinks } from './oam/sinks.js';
import { marketplaceEntities } from './aws-marketplace/entities.js';
import { wafRuleGroups } from './waf/rule-groups.js';
import { wafRegionalRuleGroups } from './waf-regional/rule-groups.js';
import { cloudformationStacks } from './cloudformation/stacks.js';
import { iotsitewiseAccessPolicies } from './iotsitewise/access-policies.js';
import type { Source } from './types.js';

/**
 * Every source, in scheduling order (long ones first, so they overlap with the short ones).
 * Adding a source: one file under `sources/<service>/`, one line here, one test.
 */
export const SOURCES: readonly Source[] = [
  organization,
  authorizationDetails,
  instanceProfiles,
  oidcProviders,
  samlProviders,
  accountBpa,
  restApis,
  backupVaults,
  vpcEndpoints,
  eksAccessEntries,
  domains,
  eventBuses,
  glacierVaults,
  glueCatalog,
  kafkaClusters,
  resourceShares,
  ssoInstances,
  generalPurposeBuckets,
  accessPoints,
  multiRegionAccessPoints,
  logsResourcePolicies,
  logsDestinations,
  logsDeliveryDestinations,
  sesIdentities,
  objectLambdaAccessPoints,
  directoryBuckets,
  directoryAccessPoints,
  tableBuckets,
  kmsKeys,
  kmsAliases,
  codebuildProjects,
  codebuildReportGroups,
  lambdaFunctions,
  lambdaLayerVersions,
  codeartifactDomains,
  codeartifactRepositories,
  iotPolicies,
  sqsQueues,
  snsTopics,
  secretsManagerSecrets,
  ecrRepositories,
  ecrRegistryPolicy,
  redshiftClusterNamespaces,
  redshiftServerlessNamespaces,
  redshiftServerlessSnapshots,
  cloudtrailEventDataStores,
  cloudtrailChannels,
  cloudtrailDashboards,
  dynamoDbTables,
  dynamoDbStreams,
  schemaRegistries,
  kinesisDataStreams,
  efsFileSystems,
  lexBots,
  lexBotAliases,
  serverlessrepoApplications,
  ssmContacts,
  ssmIncidentsResponsePlans,
  acmPcaCertificateAuthorities,
  resolverQueryLogConfigs,
  resolverRules,
  s3VectorBuckets,
  latticeServices,
  latticeServiceNetworks,
  mediastoreContainers,
  aossAccessPolicies,
  aossNetworkPolicies,
  ecrPublicRepositories,
  wafv2RuleGroups,
  ssmParameters,
  ssmOpsItemGroup,
  xrayResourcePolicies,
  apsWorkspaces,
  networkFirewallFirewalls,
  networkFirewallPolicies,
  networkFirewallRuleGroups,
  sagemakerModelPackageGroups,
  sagemakerLineageGroups,
  cloudfrontVpcOrigins,
  bedrockCustomModels,
  bedrockGuardrails,
  imagebuilderComponents,
  imagebuilderImages,
  imagebuilderImageRecipes,
  imagebuilderContainerRecipes,
  agentCoreRuntimes,
  agentCoreRuntimeEndpoints,
  agentCoreGateways,
  dsqlClusters,
  rekognitionProjects,
  comprehendDocumentClassifiers,
  comprehendEntityRecognizers,
  rumAppMonitors,
  entityResolutionMatchingWorkflows,
  entityResolutionIdMappingWorkflows,
  entityResolutionIdNamespaces,
  smsVoicePhoneNumbers,
  smsVoicePools,
  smsVoiceOptOutLists,
  smsVoiceSenderIds,
  qbusinessApplications,
  omicsSequenceStores,
  networkmanagerCoreNetworks,
  refactorSpacesEnvironments,
  s3filesFileSystems,
  wafRuleGroups,
  wafRegionalRuleGroups,
  cloudformationStacks,
  mediaPackageV2Channels,
  mediaPackageV2OriginEndpoints,
  mediaTailorChannels,
  lookoutEquipmentDatasets,
  lookoutEquipmentModels,
  oamSinks,
  marketplaceEntities,
  iotsitewiseAccessPolicies,
];

export function sourcesFor(services: readonly ServiceCode[]): Source[] {
  return SOURCES.filter((source) => services.includes(source.service));
}

/** Service codes that have at least one source in this version. */
export function supportedServices(): ServiceCode[] {
  return [...new Set(SOURCES.map((s) => s.service))].sort();
}
