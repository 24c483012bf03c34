import { malformedPolicy } from '../document/malformed';
import type { IamDocumentKind, IamStatement } from './iam-document';

/**
 * What each kind of IAM document forbids or requires beyond the common grammar (scp-rcp-evaluation.md
 * 5.1 and 5.3: the current, full-language SCP rules; RCPs are Deny-only with `Principal: "*"`).
 */
export function checkStatementForKind(statement: IamStatement, kind: IamDocumentKind, name: string): void {
  if (statement.notPrincipal !== undefined && kind !== 'RESOURCE_BASED') throw malformedPolicy(`${name}.NotPrincipal: not supported in ${KIND_NAMES[kind]}.`);
  switch (kind) {
    case 'SERVICE_CONTROL_POLICY':
    case 'IDENTITY':
      if (statement.principal !== undefined) throw malformedPolicy(`${name}.Principal: not supported in ${KIND_NAMES[kind]}.`);
      if (kind === 'IDENTITY') requireResource(statement, name);
      return;
    case 'RESOURCE_CONTROL_POLICY':
      return checkRcpStatement(statement, name);
    case 'RESOURCE_BASED':
      if (statement.principal === undefined && statement.notPrincipal === undefined) throw malformedPolicy(`${name}: a resource-based policy names a Principal.`);
      requireResource(statement, name);
      return;
  }
}

const KIND_NAMES: Record<IamDocumentKind, string> = {
  SERVICE_CONTROL_POLICY: 'service control policies',
  RESOURCE_CONTROL_POLICY: 'resource control policies',
  IDENTITY: 'identity-based policies',
  RESOURCE_BASED: 'resource-based policies',
};

function requireResource(statement: IamStatement, name: string): void {
  if (statement.resource === undefined && statement.notResource === undefined) throw malformedPolicy(`${name}: needs Resource or NotResource.`);
}

function checkRcpStatement(statement: IamStatement, name: string): void {
  if (statement.effect !== 'Deny') throw malformedPolicy(`${name}.Effect: customer resource control policies may only Deny.`);
  if (statement.principal !== '*') throw malformedPolicy(`${name}.Principal: required in resource control policies, and only "*" is accepted.`);
  if (statement.notAction !== undefined) throw malformedPolicy(`${name}.NotAction: not supported in resource control policies.`);
  const unprefixed = statement.action?.find((a) => a === '*' || a.startsWith('*:'));
  if (unprefixed) throw malformedPolicy(`${name}.Action: "${unprefixed}" needs a service prefix in resource control policies.`);
  requireResource(statement, name);
}
