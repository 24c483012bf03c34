import { assertValidInput, awsShape, invalidInput, type AwsShape } from '@orgs/shared/kernel';
import { FrontEndError } from './front-end-error';

/**
 * The AWS JSON 1.1 body <-> the GraphQL edge's objects, driven by the model: PascalCase member
 * names become the GraphQL edge's lowerCamelCase (`ParentId` -> `parentId`), timestamps travel as
 * epoch seconds, and every input is validated against its shape before anything runs.
 */
export type WireObject = Record<string, unknown>;

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** Validates the request body against the operation's input shape and returns it in lowerCamelCase. */
export function readInput(shapeName: string | undefined, body: unknown): WireObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw serialization('The request body must be a JSON object.');
  if (!shapeName) return {};
  return readStructure(awsShape(shapeName), body as WireObject, '');
}

function readStructure(shape: AwsShape, value: WireObject, path: string): WireObject {
  const out: WireObject = {};
  for (const name of shape.required ?? []) {
    if (value[name] === undefined || value[name] === null) throw invalidInput('INPUT_REQUIRED', `${path}${name} is required.`);
  }
  // Unknown members are ignored, and null is taken as absent (botocore never sends null).
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const member = value[name];
    if (member === undefined || member === null) continue;
    out[lowerFirst(name)] = readValue(ref.shape, member, `${path}${name}`);
  }
  return out;
}

function readValue(shapeName: string, value: unknown, path: string): unknown {
  const shape = awsShape(shapeName);
  switch (shape.type) {
    case 'structure':
      if (typeof value !== 'object' || Array.isArray(value)) throw serialization(`${path} must be an object.`);
      return readStructure(shape, value as WireObject, `${path}.`);
    case 'list': {
      if (!Array.isArray(value)) throw serialization(`${path} must be a list.`);
      if (shape.min !== undefined && value.length < shape.min) throw invalidInput('MIN_LENGTH_EXCEEDED', `${path} must have at least ${shape.min} members.`);
      if (shape.max !== undefined && value.length > shape.max) throw invalidInput('MAX_LENGTH_EXCEEDED', `${path} must have at most ${shape.max} members.`);
      return value.map((item, i) => readValue(shape.member!.shape, item, `${path}[${i}]`));
    }
    case 'string':
      if (typeof value !== 'string') throw serialization(`${path} must be a string.`);
      assertValidInput(shapeName, path, value);
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw serialization(`${path} must be an integer.`);
      assertValidInput(shapeName, path, value);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw serialization(`${path} must be a boolean.`);
      return value;
    case 'timestamp': {
      const seconds = typeof value === 'number' ? value : Date.parse(String(value)) / 1000;
      if (!Number.isFinite(seconds)) throw serialization(`${path} must be a timestamp (epoch seconds).`);
      return new Date(seconds * 1000).toISOString();
    }
    default:
      throw new Error(`Shape ${shapeName} of type ${shape.type} is not supported`);
  }
}

/** The GraphQL edge's answer as the output shape: only the model's members, absent when null. */
export function writeOutput(shapeName: string | undefined, result: unknown): WireObject {
  if (!shapeName || result === null || typeof result !== 'object') return {};
  return writeStructure(awsShape(shapeName), result as WireObject);
}

function writeStructure(shape: AwsShape, value: WireObject): WireObject {
  const out: WireObject = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const member = value[lowerFirst(name)];
    if (member === undefined || member === null) continue;
    out[name] = writeValue(ref.shape, member);
  }
  return out;
}

function writeValue(shapeName: string, value: unknown): unknown {
  const shape = awsShape(shapeName);
  switch (shape.type) {
    case 'structure':
      return writeStructure(shape, value as WireObject);
    case 'list':
      return (value as unknown[]).map((item) => writeValue(shape.member!.shape, item));
    case 'timestamp': {
      const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
      return ms / 1000;
    }
    default:
      return value;
  }
}

const serialization = (message: string) => new FrontEndError('SerializationException', message);
