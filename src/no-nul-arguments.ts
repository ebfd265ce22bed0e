/**
 * PostgreSQL text cannot hold a NUL character: a string argument carrying one would reach SQL and fail
 * there as an unexpected error. No argument of this API has a use for NUL, so every string in the
 * operation's arguments (literals, and the variables they use) is checked once, before execution, and
 * a NUL is refused as BAD_USER_INPUT naming the argument.
 */
import { BREAK, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badInput } from './errors.js';

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsNul);
  return false;
}

/** The argument (dotted through input fields, e.g. `filter.search`) holding a NUL, if any. */
export function argumentWithNul(document: DocumentNode, variables: Record<string, unknown> | null | undefined): string | undefined {
  const path: string[] = [];
  let found: string | undefined;
  visit(document, {
    Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    StringValue: (node) => {
      if (!node.value.includes('\0')) return undefined;
      found = path.join('.') || 'a default value';
      return BREAK;
    },
    Variable: (node) => {
      // A variable's own definition has no argument around it; its uses do.
      if (path.length === 0 || !holdsNul(variables?.[node.name.value])) return undefined;
      found = path.join('.');
      return BREAK;
    },
  });
  return found;
}

export function useNoNulArguments(): Plugin {
  return {
    onExecute: ({ args, setResultAndStopExecution }) => {
      // Most documents and variables hold no NUL at all: one scan of the raw text settles those.
      const source = args.document.loc?.source.body;
      const variables = args.variableValues as Record<string, unknown> | null | undefined;
      if (source !== undefined && !source.includes('\\u0000') && !source.includes('\0') && !holdsNul(variables)) return;
      const argument = argumentWithNul(args.document, variables);
      if (argument === undefined) return;
      setResultAndStopExecution({
        errors: [badInput(`"${argument}" holds a NUL character (\\u0000), which no text in this API can contain.`, argument)],
      });
    },
  };
}
