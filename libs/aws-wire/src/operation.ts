import type { Type } from '@nestjs/common';
import type { Principal } from '@orgs/shared/nest';
import type { WireObject } from './protocol/shapes';

/**
 * One AWS operation served by its GraphQL twin's resolver method: the same validation, command
 * handlers and read services, so no rule is written twice. `args` turns the (validated,
 * lowerCamelCase) input and the caller's minimum position into the method's arguments after the
 * principal; `output` (default: the method's answer as is) names what the output shape is read from.
 */
export interface WireOperation {
  resolver: Type<unknown>;
  method: string;
  args(input: WireInput, minPosition: string | undefined): unknown[];
  output?(result: never): unknown;
}

/** The validated input; each operation knows its own members. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WireInput = Record<string, any>;

type Method<R, K extends keyof R> = R[K] extends (principal: Principal, ...rest: infer A) => Promise<infer O> ? { args: A; result: O } : never;

/** A typed entry of an operation table: the arguments must fit the resolver method's signature. */
export function served<R, K extends keyof R & string>(resolver: Type<R>, method: K) {
  return (args: (input: WireInput, minPosition: string | undefined) => Method<R, K>['args'], output?: (result: Method<R, K>['result']) => unknown): WireOperation => ({
    resolver,
    method,
    args: args as WireOperation['args'],
    output: output as WireOperation['output'],
  });
}

export type OperationTable = Record<string, WireOperation>;

export type { WireObject };
