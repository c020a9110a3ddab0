/**
 * AWS global condition context keys and their types, from the IAM User Guide ("AWS global condition
 * context keys"). `${TagKey}` stands for any tag key. Service tables in the dataset list only the
 * tag keys among these, so the rest are known from here.
 */
export const GLOBAL_CONDITION_KEYS: Readonly<Record<string, readonly string[]>> = {
  'aws:CalledVia': ['ArrayOfString'],
  'aws:CalledViaFirst': ['String'],
  'aws:CalledViaLast': ['String'],
  'aws:ChatbotSourceArn': ['ARN'],
  'aws:CurrentTime': ['Date'],
  // Seconds since the epoch: documented for both Date and Numeric operators.
  'aws:EpochTime': ['Date', 'Numeric'],
  'aws:Ec2InstanceSourcePrivateIPv4': ['IPAddress'],
  'aws:Ec2InstanceSourceVpc': ['String'],
  'aws:FederatedProvider': ['String'],
  'aws:MultiFactorAuthAge': ['Numeric'],
  'aws:MultiFactorAuthPresent': ['Bool'],
  'aws:PrincipalAccount': ['String'],
  'aws:PrincipalArn': ['ARN'],
  'aws:PrincipalIsAWSService': ['Bool'],
  'aws:PrincipalOrgID': ['String'],
  'aws:PrincipalOrgPaths': ['ArrayOfString'],
  'aws:PrincipalServiceName': ['String'],
  'aws:PrincipalServiceNamesList': ['ArrayOfString'],
  'aws:PrincipalTag/${TagKey}': ['String'],
  'aws:PrincipalType': ['String'],
  'aws:referer': ['String'],
  'aws:RequestedRegion': ['String'],
  'aws:RequestTag/${TagKey}': ['String'],
  'aws:ResourceAccount': ['String'],
  'aws:ResourceOrgID': ['String'],
  'aws:ResourceOrgPaths': ['ArrayOfString'],
  'aws:ResourceTag/${TagKey}': ['String'],
  'aws:SecureTransport': ['Bool'],
  'aws:SourceAccount': ['String'],
  'aws:SourceArn': ['ARN'],
  'aws:SourceIdentity': ['String'],
  'aws:SourceIp': ['IPAddress'],
  'aws:SourceOrgID': ['String'],
  'aws:SourceOrgPaths': ['ArrayOfString'],
  // Legacy key, still common in SNS topic policies.
  'aws:SourceOwner': ['String'],
  'aws:SourceVpc': ['String'],
  'aws:SourceVpcArn': ['ARN'],
  'aws:SourceVpce': ['String'],
  'aws:TagKeys': ['ArrayOfString'],
  'aws:TokenIssueTime': ['Date'],
  'aws:UserAgent': ['String'],
  'aws:userid': ['String'],
  'aws:username': ['String'],
  'aws:ViaAWSService': ['Bool'],
  'aws:VpceAccount': ['String'],
  'aws:VpceOrgID': ['String'],
  'aws:VpceOrgPaths': ['ArrayOfString'],
  'aws:VpcSourceIp': ['IPAddress'],
};

/**
 * Global keys whose availability depends on the action (the dataset lists them per action and
 * resource type): checked like service keys when the action's service lists them.
 */
export const PER_ACTION_GLOBAL_KEYS: readonly string[] = [
  'aws:RequestTag/${TagKey}',
  'aws:ResourceTag/${TagKey}',
  'aws:TagKeys',
];
