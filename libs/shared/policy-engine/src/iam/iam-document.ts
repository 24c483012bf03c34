import type { ConditionClause } from './conditions';

/** Where an IAM-grammar document is used decides which elements it may hold (iam-rules.ts). */
export type IamDocumentKind = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY' | 'IDENTITY' | 'RESOURCE_BASED';

/** `"*"`, or the principals a resource-based policy names by kind (`AWS`, `Service`, ...). */
export type PrincipalElement = '*' | Readonly<Record<string, readonly string[]>>;

export interface IamStatement {
  /** Position in the document, from 0: how explanations and errors name a statement without a Sid. */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  principal?: PrincipalElement;
  notPrincipal?: PrincipalElement;
  action?: readonly string[];
  notAction?: readonly string[];
  /** Absent with NotResource absent too: an SCP without Resource means every resource. */
  resource?: readonly string[];
  notResource?: readonly string[];
  conditions: readonly ConditionClause[];
}

export interface IamDocument {
  version: string;
  statements: readonly IamStatement[];
}

/** `Statement[1] ("EuOnly")`: how messages name a statement. */
export const statementName = (index: number, sid?: string) => `Statement[${index}]${sid ? ` ("${sid}")` : ''}`;
