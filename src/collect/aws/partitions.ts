/** Where global services (IAM, Organizations, STS) are called in each partition. */
const HOME_REGIONS: Record<string, string> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
  'aws-iso': 'us-iso-east-1',
  'aws-iso-b': 'us-isob-east-1',
};

export function homeRegion(partition: string): string {
  return HOME_REGIONS[partition] ?? 'us-east-1';
}

/** The partition of a region name (`cn-north-1` -> `aws-cn`). */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

/** `/path/name` or `path/name` -> `arn:<partition>:iam::<account>:role/path/name`. */
export function roleArn(partition: string, account: string, pathAndName: string): string {
  return `arn:${partition}:iam::${account}:role/${pathAndName.replace(/^\/+/, '')}`;
}
