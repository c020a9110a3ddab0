/**
 * Known IAM privilege-escalation combinations: sets of actions that, allowed together, let a
 * principal obtain permissions it was not given. Sources:
 * - Rhino Security Labs, "AWS IAM Privilege Escalation – Methods and Mitigation" (Spencer Gietzen),
 *   https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/ (methods 1-21);
 * - Rhino Security Labs' Pacu, module iam__privesc_scan (the same methods as action sets),
 *   https://github.com/RhinoSecurityLabs/pacu;
 * - Bishop Fox, iam-vulnerable (the SSM, EC2 Instance Connect, CodeBuild and SageMaker paths),
 *   https://github.com/BishopFox/iam-vulnerable.
 *
 * The check looks at actions only: it ignores Resource and Condition (a scoped iam:PassRole may be
 * harmless) and treats an action as allowed when an Allow statement grants it and no unconditional
 * Deny on every resource takes it away. Findings are warnings to review, not proof.
 */
import { globMatcher, hasWildcard } from '../expand/action-catalog.js';
import type { ListElement, StatementView } from './grammar.js';
import type { JsonPath } from './json-source.js';
import type { Reporter } from './report.js';

export interface EscalationMethod {
  /** Rhino Security Labs' / Bishop Fox's name for the method. */
  name: string;
  /** Every one of these must be allowed. */
  actions: readonly string[];
  /** What a principal with these actions can do. */
  how: string;
}

export const ESCALATION_METHODS: readonly EscalationMethod[] = [
  {
    name: 'CreateNewPolicyVersion',
    actions: ['iam:CreatePolicyVersion'],
    how: 'write a new default version of a managed policy attached to itself',
  },
  {
    name: 'SetExistingDefaultPolicyVersion',
    actions: ['iam:SetDefaultPolicyVersion'],
    how: 'make a more permissive old version of an attached policy the default',
  },
  {
    name: 'CreateEC2WithExistingIP',
    actions: ['iam:PassRole', 'ec2:RunInstances'],
    how: "start an instance with a more privileged instance profile and use the role's credentials",
  },
  {
    name: 'CreateAccessKey',
    actions: ['iam:CreateAccessKey'],
    how: 'create access keys for another user',
  },
  {
    name: 'CreateLoginProfile',
    actions: ['iam:CreateLoginProfile'],
    how: 'set a console password for another user',
  },
  {
    name: 'UpdateLoginProfile',
    actions: ['iam:UpdateLoginProfile'],
    how: "change another user's console password",
  },
  {
    name: 'AttachUserPolicy',
    actions: ['iam:AttachUserPolicy'],
    how: 'attach any managed policy (AdministratorAccess) to a user',
  },
  {
    name: 'AttachGroupPolicy',
    actions: ['iam:AttachGroupPolicy'],
    how: 'attach any managed policy to a group it belongs to',
  },
  {
    name: 'AttachRolePolicy',
    actions: ['iam:AttachRolePolicy', 'sts:AssumeRole'],
    how: 'attach any managed policy to a role it can assume',
  },
  {
    name: 'PutUserPolicy',
    actions: ['iam:PutUserPolicy'],
    how: 'write an inline policy with any permissions on a user',
  },
  {
    name: 'PutGroupPolicy',
    actions: ['iam:PutGroupPolicy'],
    how: 'write an inline policy with any permissions on a group it belongs to',
  },
  {
    name: 'PutRolePolicy',
    actions: ['iam:PutRolePolicy', 'sts:AssumeRole'],
    how: 'write an inline policy with any permissions on a role it can assume',
  },
  {
    name: 'AddUserToGroup',
    actions: ['iam:AddUserToGroup'],
    how: 'add a user to a more privileged group',
  },
  {
    name: 'UpdateRolePolicyToAssumeIt',
    actions: ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'],
    how: "rewrite a privileged role's trust policy to let itself assume it",
  },
  {
    name: 'PassExistingRoleToNewLambdaThenInvoke',
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'],
    how: 'create a function with a more privileged role and invoke it',
  },
  {
    name: 'PassExistingRoleToNewLambdaThenTriggerWithNewDynamo',
    actions: [
      'iam:PassRole',
      'lambda:CreateFunction',
      'lambda:CreateEventSourceMapping',
      'dynamodb:CreateTable',
      'dynamodb:PutItem',
    ],
    how: 'create a function with a more privileged role and trigger it from a new DynamoDB stream',
  },
  {
    name: 'PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo',
    actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'],
    how: 'create a function with a more privileged role and trigger it from an existing DynamoDB stream',
  },
  {
    name: 'EditExistingLambdaFunctionWithRole',
    actions: ['lambda:UpdateFunctionCode'],
    how: "replace the code of a function and run it with the function's role",
  },
  {
    name: 'PassExistingRoleToNewGlueDevEndpoint',
    actions: ['iam:PassRole', 'glue:CreateDevEndpoint'],
    how: 'create a Glue development endpoint with a more privileged role and log in to it',
  },
  {
    name: 'UpdateExistingGlueDevEndpoint',
    actions: ['glue:UpdateDevEndpoint'],
    how: "add its SSH key to a Glue development endpoint and use the endpoint's role",
  },
  {
    name: 'PassExistingRoleToCloudFormation',
    actions: ['iam:PassRole', 'cloudformation:CreateStack'],
    how: 'create a stack that runs with a more privileged role',
  },
  {
    name: 'PassExistingRoleToNewDataPipeline',
    actions: ['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition'],
    how: 'create a data pipeline that runs commands with a more privileged role',
  },
  {
    name: 'SsmSendCommand',
    actions: ['ssm:SendCommand'],
    how: "run commands on managed instances and use their instance profiles' credentials",
  },
  {
    name: 'SsmStartSession',
    actions: ['ssm:StartSession'],
    how: "open a shell on managed instances and use their instance profiles' credentials",
  },
  {
    name: 'Ec2InstanceConnect',
    actions: ['ec2-instance-connect:SendSSHPublicKey'],
    how: "log in to instances over SSH and use their instance profiles' credentials",
  },
  {
    name: 'CodeBuildCreateProjectPassRole',
    actions: ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuild'],
    how: 'run a build with a more privileged service role',
  },
  {
    name: 'SageMakerCreateNotebookPassRole',
    actions: ['iam:PassRole', 'sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'],
    how: 'create a notebook instance with a more privileged role and open it',
  },
  {
    name: 'SageMakerCreatePresignedNotebookURL',
    actions: ['sagemaker:CreatePresignedNotebookInstanceUrl'],
    how: "open an existing notebook instance and use its role's credentials",
  },
  {
    name: 'SageMakerCreateTrainingJobPassRole',
    actions: ['iam:PassRole', 'sagemaker:CreateTrainingJob'],
    how: 'run a training job with a more privileged role',
  },
  {
    name: 'SageMakerCreateProcessingJobPassRole',
    actions: ['iam:PassRole', 'sagemaker:CreateProcessingJob'],
    how: 'run a processing job with a more privileged role',
  },
];

/** The statements that allow an action, and whether an unconditional Deny on every resource takes it away. */
interface Allowance {
  /** The first Allow statement that grants the action, and where it lists it. */
  by?: { statement: StatementView; path: JsonPath } | undefined;
  denied: boolean;
}

/** Every action of every method, by lower-cased name: a policy is scanned once for all of them. */
const ACTIONS = new Map(ESCALATION_METHODS.flatMap((m) => m.actions.map((a) => [a.toLowerCase(), a] as const)));
const SERVICES = new Set([...ACTIONS.keys()].map((a) => a.slice(0, a.indexOf(':'))));

/** Calls `found` with each escalation action (lower-cased) the statement's Action or NotAction selects. */
function forEachSelected(statement: StatementView, found: (lower: string) => void): void {
  const element = statement.action ?? statement.notAction;
  if (!element) return;
  if (element.key === 'Action') {
    forEachListed(element, found);
    return;
  }
  const listed = new Set<string>();
  forEachListed(element, (lower) => listed.add(lower));
  for (const lower of ACTIONS.keys()) if (!listed.has(lower)) found(lower);
}

/** Calls `found` with each escalation action (lower-cased) an Action or NotAction list names. */
function forEachListed(element: ListElement, found: (lower: string) => void): void {
  for (const { value } of element.items) {
    if (!hasWildcard(value)) {
      const lower = value.toLowerCase();
      if (ACTIONS.has(lower)) found(lower);
      continue;
    }
    // Most wildcards name a service none of the methods uses.
    const colon = value.indexOf(':');
    const service = value.slice(0, colon).toLowerCase();
    if (colon > 0 && !hasWildcard(service) && !SERVICES.has(service)) continue;
    const matches = globMatcher(value);
    for (const [lower, action] of ACTIONS) if (matches(action)) found(lower);
  }
}

export function checkPrivilegeEscalation(statements: readonly StatementView[], reporter: Reporter): void {
  const allowances = new Map<string, Allowance>([...ACTIONS.keys()].map((lower) => [lower, { denied: false }]));
  for (const statement of statements) {
    const element = statement.action ?? statement.notAction;
    if (!element) continue;
    // Only a Deny that holds everywhere certainly removes an action.
    const everywhere = statement.resource?.items.some(({ value }) => value === '*') && !statement.hasCondition;
    if (statement.effect !== 'Allow' && !(statement.effect === 'Deny' && everywhere)) continue;
    forEachSelected(statement, (lower) => {
      const allowance = allowances.get(lower)!;
      if (statement.effect === 'Deny') allowance.denied = true;
      else allowance.by ??= { statement, path: element.path };
    });
  }
  const grantedBy = (action: string) => {
    const allowance = allowances.get(action.toLowerCase())!;
    return allowance.denied ? undefined : allowance.by;
  };
  for (const method of ESCALATION_METHODS) {
    const granting = method.actions.map(grantedBy);
    if (granting.some((by) => by === undefined)) continue;
    const first = granting[0]!;
    const where = [...new Set(granting.map((by) => by!.statement.index))].sort((a, b) => a - b);
    const noun = where.length === 1 ? 'statement' : 'statements';
    reporter.report(
      'privilege-escalation',
      `${method.actions.join(' + ')} (${method.name}, allowed by ${noun} ${where.join(', ')}): a principal can ${method.how}`,
      first.path,
      first.statement,
    );
  }
}
