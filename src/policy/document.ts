/**
 * The IAM policy document iamwright writes: policy_sentry's shape, with Action and Resource
 * always lists and the statement keys in this order (renderers keep insertion order).
 */

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string[];
  /** Only when the template asks for conditions (an iamwright extension): operator -> key -> values. */
  Condition?: Record<string, Record<string, string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}
