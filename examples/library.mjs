// iamwright as a library: write a policy from a template object, and query the database.
import { createTemplate, loadDataset, queryActionTable, writePolicy } from 'iamwright';

const dataset = loadDataset(); // the bundled IAM database (or pass a path, like --data)
const { policy, warnings } = writePolicy(
  { mode: 'crud', read: ['arn:aws:ssm:us-east-1:111122223333:parameter/app/*'] },
  { dataset, shrink: true },
);
console.log(JSON.stringify(policy.Statement[0]));
console.log(warnings.length, 'warnings');

const getObject = queryActionTable(dataset, { service: 's3', name: 'GetObject' });
console.log(JSON.stringify(getObject).slice(0, 60));

console.log(createTemplate('actions').split('\n')[0]);
