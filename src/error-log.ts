/**
 * Unexpected errors: the faults of the server, as opposed to the errors made for clients. Each is logged
 * once with its request id (yoga hands a masked error to its logger once when masking it and again when
 * it fails a whole request), and the masked error a client gets carries the same id in `extensions`.
 * An error learns its request when execution ends (`useErrorRequestIds`, which runs before yoga masks).
 */
import { PothosValidationError } from '@pothos/core';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const requestOfError = new WeakMap<object, string>();

function requestIdOfError(error: unknown): string | undefined {
  const original = originalOf(error);
  return typeof original === 'object' && original !== null ? requestOfError.get(original) : undefined;
}

/** Note, for each error an execution ends with, the id of the request it happened in. */
export function useErrorRequestIds<C extends { requestId: string }>(): Plugin<C> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result }) => {
        const errors = (result as ExecutionResult).errors;
        if (!errors) return;
        for (const error of errors) {
          const original = originalOf(error);
          if (typeof original === 'object' && original !== null) requestOfError.set(original, args.contextValue.requestId);
        }
      },
    }),
  };
}

/** The error that was thrown, under the GraphQLErrors that wrap it on its way out. */
export function originalOf(error: unknown): unknown {
  let inner = error;
  while (inner instanceof GraphQLError && inner.originalError) inner = inner.originalError;
  return inner;
}

const isAbort = (error: unknown) => error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');

/** Client errors are GraphQLErrors or Pothos's input validation; a request given up by its client is no fault either. */
export function isUnexpected(error: unknown): boolean {
  const original = originalOf(error);
  if (original instanceof GraphQLError || original instanceof PothosValidationError || isAbort(original)) return false;
  // A statement failed because its request stopped (the driver's error has the stop reason as its cause).
  for (let cause = (original as { cause?: unknown })?.cause, depth = 0; cause != null && depth < 5; depth++) {
    if (cause instanceof GraphQLError || isAbort(cause)) return false;
    cause = (cause as { cause?: unknown }).cause;
  }
  return true;
}

export type ErrorReport = (requestId: string, error: unknown) => void;

/** For yoga's logger: report each unexpected error once, with the id of the request it happened in. */
export function reportUnexpectedOnce(report: ErrorReport): (error: unknown) => void {
  const reported = new WeakSet<object>();
  return (error) => {
    const original = originalOf(error);
    if (!isUnexpected(original)) return;
    if (typeof original === 'object' && original !== null) {
      if (reported.has(original)) return;
      reported.add(original);
    }
    report(requestIdOfError(original) ?? 'none', original);
  };
}

type MaskError = (error: unknown, message: string, isDev?: boolean) => Error;

/** `mask`, plus the request id in the extensions of an error masked as unexpected, so a client can quote it. */
export function withRequestId(mask: MaskError): MaskError {
  return (error, message, isDev) => {
    const masked = mask(error, message, isDev);
    const requestId = requestIdOfError(error);
    if (masked === error || !requestId || !(masked instanceof GraphQLError) || !isUnexpected(error)) return masked;
    return new GraphQLError(masked.message, {
      nodes: masked.nodes,
      source: masked.source,
      positions: masked.positions,
      path: masked.path,
      originalError: masked.originalError,
      extensions: { ...masked.extensions, requestId },
    });
  };
}
