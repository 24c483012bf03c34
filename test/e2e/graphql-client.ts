export interface GraphqlResult<T = Record<string, unknown>> {
  status: number;
  data: T | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
}

/** A GraphQL call over HTTP, as a portal would make it. */
export function graphqlClient(baseUrl: string) {
  return async <T = Record<string, unknown>>(query: string, options: { key?: string; variables?: object } = {}) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
      },
      body: JSON.stringify({ query, variables: options.variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: GraphqlResult['errors'] };
    return { status: response.status, data: body.data ?? null, errors: body.errors } as GraphqlResult<T>;
  };
}

export const errorCode = (result: GraphqlResult) => result.errors?.[0]?.extensions?.code;
