/**
 * The public contract of events sent outside (webhooks): each capability maps its internal events
 * to public ones in a `*.public-events.ts` file next to it. The public payload is versioned apart
 * from the internal event's schema and carries only the fields named in its JSON Schema.
 */
export interface PublicEventType {
  /** `organizations.account.created`: `<service>.<resource>.<past-tense verb>`. */
  type: string;
  /** The payload's version: bumped only when a field is removed or changes meaning. */
  version: number;
  description: string;
  /** JSON Schema (draft 2020-12) of `data`. */
  schema: Record<string, unknown>;
  example: Record<string, unknown>;
}

/** One public event made from an internal one, with what it is about (who may receive it). */
export interface PublicEvent {
  type: string;
  /** The organization it happened in, if any: an organization's endpoints receive its events. */
  organizationId: string | null;
  /** The accounts it is about: a member account's endpoint receives only events about itself. */
  accountIds: string[];
  data: Record<string, unknown>;
}

/** How one internal event type becomes public events (none: not published). */
export interface PublicEventMapping<Data = never> {
  internalType: string;
  publicType: string;
  toPublic(data: Data, streamId: string): PublicEvent[];
}

export interface PublicEventCatalogue {
  types: PublicEventType[];
  mappings: PublicEventMapping<never>[];
}

/** Joins the capabilities' catalogues; a public type defined twice or mapped but not defined is a programming error. */
export function composePublicEvents(parts: PublicEventCatalogue[]): PublicEventCatalogue {
  const types = parts.flatMap((p) => p.types);
  const mappings = parts.flatMap((p) => p.mappings);
  const names = new Set<string>();
  for (const t of types) {
    if (names.has(t.type)) throw new Error(`Public event type ${t.type} is defined twice`);
    names.add(t.type);
  }
  for (const m of mappings) if (!names.has(m.publicType)) throw new Error(`Public event type ${m.publicType} is mapped but not defined`);
  return { types, mappings };
}

/** Reads the public events of an internal event (none for an unpublished type). */
export function publicEventsOf(catalogue: PublicEventCatalogue, event: { type: string; data: unknown; streamId: string }): PublicEvent[] {
  return catalogue.mappings
    .filter((m) => m.internalType === event.type)
    .flatMap((m) => (m as PublicEventMapping<unknown>).toPublic(event.data, event.streamId));
}

/** Keeps only the properties the schema names: a field added internally never leaks. */
export function pickDeclared(schema: Record<string, unknown>, data: Record<string, unknown>): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(properties)) {
    const value = data[key];
    if (value === undefined) continue;
    out[key] = sub.type === 'object' && value && typeof value === 'object' && !Array.isArray(value) ? pickDeclared(sub, value as Record<string, unknown>) : value;
  }
  return out;
}

type JsonSchemaProperty = Record<string, unknown>;
export const schemaString = (description: string): JsonSchemaProperty => ({ type: 'string', description });
export const schemaStrings = (description: string): JsonSchemaProperty => ({ type: 'array', items: { type: 'string' }, description });

/** A public event type whose `data` is an object of the given properties, all required. */
export function publicEventType(
  type: string,
  version: number,
  description: string,
  properties: Record<string, JsonSchemaProperty>,
  example: Record<string, unknown>,
): PublicEventType {
  return {
    type,
    version,
    description,
    schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties, required: Object.keys(properties), additionalProperties: false },
    example,
  };
}

/** A mapping whose payload is cut down to the fields its public type declares. */
export function mapPublic<Data>(
  internalType: string,
  publicType: PublicEventType,
  toPublic: (data: Data, streamId: string) => (Omit<PublicEvent, 'type' | 'data'> & { data: object })[],
): PublicEventMapping<Data> {
  return {
    internalType,
    publicType: publicType.type,
    toPublic: (data, streamId) => toPublic(data, streamId).map((e) => ({ ...e, type: publicType.type, data: pickDeclared(publicType.schema, e.data as Record<string, unknown>) })),
  };
}
