/**
 * The benchmark's organization: a member account at depth 5 (root, five OUs, the account: seven
 * levels) with five SCPs at every level, FullAWSAccess and four deny-list SCPs with conditions,
 * NotAction, wildcards and ARNs, so that every level has statements to test.
 */
export const LEVELS = 7;
export const CUSTOM_SCPS_PER_LEVEL = 4;

export function scpFor(level: number, n: number): string {
  const statements = [
    { Sid: `Region${level}${n}`, Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'support:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-north-1'] } } },
    { Sid: `Guard${level}${n}`, Effect: 'Deny', Action: ['iam:*Role*', 'organizations:Leave*'], Resource: `arn:aws:iam::*:role/platform-${level}-${n}-*` },
    { Sid: `Tls${level}${n}`, Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } },
    { Sid: `Net${level}${n}`, Effect: 'Deny', Action: 'ec2:*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] }, Bool: { 'aws:ViaAWSService': 'false' } } },
  ];
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** The simulated request: allowed, so every statement of every level is tested (no early exit on a deny). */
export const REQUEST = { action: 's3:GetObject', resource: 'arn:aws:s3:::bench-data/key', region: 'eu-west-1', context: { 'aws:SecureTransport': ['true'], 'aws:SourceIp': ['10.1.2.3'] } };

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
}
