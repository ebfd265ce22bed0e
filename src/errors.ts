/**
 * Errors a client can act on. Each carries `extensions.code`; anything else thrown in a resolver is an
 * unexpected fault and yoga masks it (the server logs it with the request id).
 */
import { GraphQLError } from 'graphql';

export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'FORBIDDEN';

export function clientError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** The request asked for something malformed: name the argument so the client can fix it. */
export function badInput(message: string, argument?: string): GraphQLError {
  return clientError('BAD_USER_INPUT', message, argument ? { argument } : {});
}

export function notFound(message: string): GraphQLError {
  return clientError('NOT_FOUND', message);
}
