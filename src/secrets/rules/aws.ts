import { isDecoyToken, decoyReason } from '../decoys.js';
import { fake, BASE64, DIGITS, UPPER } from '../fake.js';
import { nameWords } from '../names.js';
import { CREDENTIAL_ANCHORS, CREDENTIAL_WORDS } from '../triggers.js';
import type { AssignmentRule, PatternRule } from '../rule.js';

const B32 = UPPER + '234567';
const keyId = (seed: string) => 'AKIA' + fake(B32, 16, seed);
const secretKey = (seed: string) => fake(BASE64, 40, seed);
// AWS's own documented example pair, built in pieces so this file never holds it whole.
const DOC_ID = 'AKIA' + 'IOSFODNN7' + 'EXAMPLE';
const DOC_SECRET = 'wJalrXUtnFEMI/K7MDENG/' + 'bPxRfiCY' + 'EXAMPLEKEY';

export const awsAccessKey: PatternRule = {
  kind: 'pattern',
  id: 'secret.aws-access-key',
  severity: 'critical',
  label: 'AWS access key ID',
  summary: 'AWS access key ID committed to the repository',
  docs: {
    what: 'Finds AWS access key IDs (AKIA…, ASIA…, ABIA…, ACCA… followed by 16 base-32 characters).',
    why: 'An access key ID is half of an AWS credential; the secret key is rarely far away, and together they act as the IAM user on every AWS API. Bots scrape public commits for them within minutes.',
    example: 'aws_access_key_id = AKIA<16 characters A-Z 2-7>',
    fix: 'Deactivate the key in IAM, create a new one, and give the code an IAM role or read the key from the environment (AWS_ACCESS_KEY_ID) or AWS Secrets Manager.',
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html'],
  },
  keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
  trigger: 'A(?:KIA|SIA|BIA|CCA|3T)',
  anchors: ['[KSBC][IC]A', 'A3T'],
  pattern: /(?<![A-Za-z0-9])(?<s>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9])/g,
  validate: (v) => !isDecoyToken(v),
  examples: {
    bad: [
      { file: 'deploy/aws.ini', text: `[default]\naws_access_key_id = ${keyId('aws-1')}\n`, line: 2 },
      { file: 'app/storage.py', text: `boto3.client("s3", aws_access_key_id="${keyId('aws-2')}")\n` },
      { file: 'static/app.min.js', text: `var a=1;var k="${keyId('aws-3')}";var b=2;` },
    ],
    good: [
      { file: 'docs/aws.py', text: `aws_access_key_id = "${DOC_ID}"\n` },
      { file: 'app/x.py', text: `ID = "AKIA${DIGITS}"  # too short\n` },
      { file: 'app/y.py', text: `aws_access_key_id = os.environ["AWS_ACCESS_KEY_ID"]\n` },
    ],
  },
};

/** `aws_secret_access_key`, `AWS_SECRET_KEY`, `secret_access_key`: the name says it. */
function isAwsSecretName(name: string): boolean {
  const w = nameWords(name).join('_');
  return /secret_access_key$|aws_secret(?:_key)?$|aws_.*secret_key$/.test(w);
}

export const awsSecretKey: AssignmentRule = {
  kind: 'assignment',
  id: 'secret.aws-secret-key',
  severity: 'critical',
  label: 'AWS secret access key',
  summary: 'AWS secret access key committed to the repository',
  docs: {
    what: 'Finds a 40-character AWS secret access key assigned to a name such as aws_secret_access_key (Python, INI credentials files, .env, YAML, shell).',
    why: 'With the access key ID it signs any request the IAM user may make: read every bucket, start instances, run up the bill.',
    example: 'aws_secret_access_key = <40 characters of base64>',
    fix: 'Deactivate the key pair in IAM and create a new one; prefer an IAM role, or read the keys from the environment or AWS Secrets Manager.',
  },
  keywords: ['secret'],
  trigger: CREDENTIAL_WORDS,
  anchors: CREDENTIAL_ANCHORS,
  accept: (a) =>
    isAwsSecretName(a.name) && /^[A-Za-z0-9/+=]{40}$/.test(a.value) && !a.templated && !isDecoyToken(a.value) && decoyReason(a.value, { weak: false }) === null,
  examples: {
    bad: [
      { file: 'deploy/credentials', text: `[default]\naws_access_key_id = ${keyId('aws-4')}\naws_secret_access_key = ${secretKey('aws-5')}\n`, line: 3 },
      { file: '.env', text: `AWS_SECRET_ACCESS_KEY=${secretKey('aws-6')}\n` },
      { file: 'app/s3.py', text: `client = boto3.client("s3", aws_secret_access_key="${secretKey('aws-7')}")\n` },
      // Credentials pasted where no extension says "config": extensionless, .txt, .md.
      { file: 'ops/aws_keys', text: `[prod]\naws_secret_access_key = ${secretKey('aws-8')}\n`, line: 2 },
      { file: 'notes/aws.txt', text: `aws_secret_access_key=${secretKey('aws-9')}\n` },
      { file: 'HANDOVER.md', text: `Keys:\n\naws_secret_access_key = ${secretKey('aws-10')}\n`, line: 3 },
    ],
    good: [
      { file: 'docs/setup.py', text: `aws_secret_access_key = "${DOC_SECRET}"\n` },
      { file: 'app/s3.py', text: `aws_secret_access_key = os.getenv("AWS_SECRET_ACCESS_KEY")\n` },
      { file: '.env.example', text: 'AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}\n' },
    ],
  },
};
