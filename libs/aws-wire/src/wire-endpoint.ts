import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { LogCheckpoint } from '@orgs/shared/event-store';
import { accessDenied, AWS_TARGET_PREFIX, awsOperations, OrgsError } from '@orgs/shared/kernel';
import { ACCESS_KEY, AccessKeyPrincipals, decodeConsistencyToken, encodeConsistencyToken, LOGGER, type Access, type Principal } from '@orgs/shared/nest';
import { ProjectionWaiter, reached } from '@orgs/shared/projector';
import type { Logger } from '@orgs/shared/runtime';
import type { WireOperation } from './operation';
import { WIRE_OPERATIONS } from './operations';
import { FrontEndError, wireErrorOf } from './protocol/errors';
import { readInput, writeOutput } from './protocol/shapes';
import { checkScope, parseAuthorization, verifySignature } from './protocol/sigv4';

export const WIRE_CONTENT_TYPE = 'application/x-amz-json-1.1';
/** Sent on every answer: the log position the state it reflects includes (`<transaction>.<position>`). */
export const POSITION_HEADER = 'x-orgs-position';
/** A request's minimum position (e.g. an earlier answer's x-orgs-position): the read waits for it. */
export const MIN_POSITION_HEADER = 'x-orgs-min-position';

interface Served {
  operation: WireOperation;
  instance: Record<string, (...args: unknown[]) => Promise<unknown>>;
  writes: boolean;
}

/**
 * The AWS JSON 1.1 protocol at `POST /` of the API's own server: X-Amz-Target picks the operation,
 * SigV4 with an access key fixes tenant, account and role (as an API key does), and the
 * operation runs through its GraphQL twin's resolver method.
 */
@Injectable()
export class WireEndpoint implements OnModuleInit {
  private readonly served = new Map<string, Served>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly moduleRef: ModuleRef,
    private readonly accessKeys: AccessKeyPrincipals,
    private readonly waiter: ProjectionWaiter,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    for (const [name, operation] of Object.entries(WIRE_OPERATIONS)) {
      if (!awsOperations[name]) throw new Error(`The wire table serves ${name}, which the AWS model does not have`);
      const instance = this.moduleRef.get(operation.resolver, { strict: false }) as Served['instance'];
      const method = instance[operation.method];
      if (typeof method !== 'function') throw new Error(`${operation.resolver.name}.${operation.method} is not a method`);
      const access = Reflect.getMetadata(ACCESS_KEY, method) as Access | undefined;
      this.served.set(name, { operation, instance, writes: access === 'write' });
    }
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.register(async (scope) => {
      // The raw body: the signature covers its exact bytes.
      scope.addContentTypeParser(WIRE_CONTENT_TYPE, { parseAs: 'string' }, (_request, body, done) => done(null, body));
      scope.post('/', (request, reply) => this.answer(request, reply));
    });
  }

  private async answer(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const requestId = randomUUID();
    reply.header('x-amzn-RequestId', requestId).header('content-type', WIRE_CONTENT_TYPE);
    try {
      const { status, body, position } = await this.run(request, requestId);
      reply.header(POSITION_HEADER, encodeConsistencyToken(position)).status(status).send(Buffer.from(JSON.stringify(body)));
    } catch (error) {
      const wire = wireErrorOf(error, this.logger);
      reply.header('x-amzn-ErrorType', wire.type).header(POSITION_HEADER, encodeConsistencyToken(this.waiter.position)).status(wire.status).send(Buffer.from(JSON.stringify(wire.body)));
    }
  }

  private async run(request: FastifyRequest, requestId: string): Promise<{ status: number; body: unknown; position: LogCheckpoint }> {
    const name = operationName(request);
    const raw = typeof request.body === 'string' ? request.body : '';
    const principal = await this.authenticate(request, raw, requestId);
    const served = this.served.get(name);
    if (!served) throw new OrgsError('UnsupportedAPIEndpointException', `${name} is not served by this installation.`);
    const model = awsOperations[name];
    const input = readInput(model.input?.shape, parseBody(raw));
    if (served.writes && principal.role !== 'ADMIN') throw accessDenied('This access key is read-only.');
    const minPosition = headerOf(request, MIN_POSITION_HEADER);
    const min = minPosition ? decodeConsistencyToken(minPosition) : undefined;
    const before = this.waiter.position;
    const { operation, instance } = served;
    const result = await instance[operation.method].call(instance, principal, ...operation.args(input, minPosition));
    const token = (result as { consistencyToken?: string } | null)?.consistencyToken;
    const position = token ? decodeConsistencyToken(token) : min && !reached(before, min) ? min : before;
    const answer = operation.output ? operation.output(result as never) : result;
    return { status: 200, body: writeOutput(model.output?.shape, answer), position };
  }

  /** SigV4: the scope and clock first, then the key, then the signature over the exact request. */
  private async authenticate(request: FastifyRequest, body: string, requestId: string): Promise<Principal> {
    const signed = { method: request.method, url: request.url, headers: request.headers, body };
    const authorization = parseAuthorization(signed);
    const signingDate = checkScope(signed, authorization);
    const key = await this.accessKeys.find(authorization.accessKeyId);
    if (!key) throw new FrontEndError('UnrecognizedClientException', 'The security token included in the request is invalid.');
    await verifySignature(signed, authorization, signingDate, key.secretAccessKey);
    return { ...key.principal, requestId, sourceAddress: request.ip ?? 'unknown' };
  }
}

function operationName(request: FastifyRequest): string {
  const target = headerOf(request, 'x-amz-target') ?? '';
  const [prefix, name] = target.split('.');
  if (prefix !== AWS_TARGET_PREFIX || !name || !awsOperations[name]) throw new FrontEndError('UnknownOperationException', `Unknown operation ${target}.`);
  return name;
}

function parseBody(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new FrontEndError('SerializationException', 'The request body is not valid JSON.');
  }
}

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
