import { OrgsError } from '@orgs/shared/kernel';

/** A policy document that does not follow its type's grammar: the message names where and why. */
export const malformedPolicy = (message: string) => new OrgsError('MalformedPolicyDocumentException', message);
