import { defaultErrorFormatter } from 'mercurius';

type Formatter = typeof defaultErrorFormatter;
interface FormattedError {
  message: string;
  extensions?: Record<string, unknown>;
}

/**
 * Resolver errors already carry their AWS code (GraphqlErrorFilter); the ones that do not were
 * refused before any resolver ran (a query that does not parse or fit the schema): bad input.
 * An unavailable dependency answers HTTP 503, so that clients and proxies retry.
 */
export const mercuriusErrorFormatter: Formatter = (execution, context) => {
  const formatted = defaultErrorFormatter(execution, context);
  const errors = (formatted.response.errors as FormattedError[] | undefined)?.map((error) => ({
    ...error,
    extensions: { ...error.extensions, code: error.extensions?.code ?? 'InvalidInputException' },
  }));
  const unavailable = errors?.some((e) => e.extensions.code === 'ServiceUnavailableException');
  return {
    statusCode: unavailable ? 503 : formatted.statusCode,
    response: { ...formatted.response, errors } as typeof formatted.response,
  };
};
