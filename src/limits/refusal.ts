/**
 * How a request over a limit is refused: a GraphQL error whose extensions say which limit, the value
 * measured and the limit, so a client can tell what to shrink without reading the message.
 */
import { GraphQLError } from 'graphql';

export type LimitCode = 'REQUEST_TOO_LARGE' | 'QUERY_TOO_COMPLEX';

export function limitRefusal(
  code: LimitCode,
  measure: string,
  value: number,
  limit: number,
  message: string,
  httpStatus?: number,
): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code,
      measure,
      value,
      limit,
      // Read by yoga to pick the response status; it removes `http` before the error is sent.
      ...(httpStatus ? { http: { status: httpStatus } } : {}),
    },
  });
}
