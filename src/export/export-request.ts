/**
 * Reads `/export/<format>?network=<field>&<arguments>` into what to run: the format, the network's
 * registration, the GraphQL variables and the format's own parameters. Every parameter given must be one
 * of those (nothing is dropped), given once; a missing required argument is named. Values are turned into
 * the variable's type here only as far as a query string needs it (`depth=2` is the Int 2); ranges, ids
 * and enums are checked by the field itself when the document runs, with its own errors.
 */
import {
  Kind,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import { badInput, clientError, notFound } from '../errors.js';
import { exportFormats, type ExportFormat } from './formats/index.js';
import { EXPORT_KINDS } from '../bulk/export-kinds.js';
import type { NetworkExport } from './network-registration.js';

export const EXPORT_PATH = '/export';

export interface ExportRequest {
  format: ExportFormat;
  network: NetworkExport;
  variables: Record<string, unknown>;
  /** The format's own parameters (CSV's `table`). */
  parameters: Record<string, string>;
}

interface NetworkArgument {
  name: string;
  type: GraphQLInputType;
  required: boolean;
}

const argumentsByDocument = new WeakMap<NetworkExport, NetworkArgument[]>();

/** The variables of a registration's document, typed against the schema (read once per registration). */
export function networkArguments(schema: GraphQLSchema, network: NetworkExport): NetworkArgument[] {
  let args = argumentsByDocument.get(network);
  if (args) return args;
  const operation = parse(network.document).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error(`The export document of ${network.field} has no operation`);
  args = (operation.variableDefinitions ?? []).map((definition: VariableDefinitionNode) => {
    const type = typeFromAST(schema, definition.type as never) as GraphQLInputType | undefined;
    if (!type) throw new Error(`The export document of ${network.field} uses a type the schema lacks`);
    return { name: definition.variable.name.value, type, required: isNonNullType(type) && !definition.defaultValue };
  });
  argumentsByDocument.set(network, args);
  return args;
}

const WHOLE_NUMBER = /^[+-]?\d+$/;

/** A query-string value as the variable's type: numbers and booleans parsed, lists and input objects as JSON. */
function valueOf(argument: NetworkArgument, raw: string): unknown {
  const type = isNonNullType(argument.type) ? argument.type.ofType : argument.type;
  const name = argument.name;
  if (isListType(type) || isInputObjectType(type)) {
    try {
      return JSON.parse(raw);
    } catch {
      throw badInput(`"${name}" must be written as JSON (${String(type)}); got ${JSON.stringify(raw)}.`, name);
    }
  }
  if (isEnumType(type)) return raw;
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        if (!WHOLE_NUMBER.test(raw)) throw badInput(`"${name}" must be a whole number; got ${JSON.stringify(raw)}.`, name);
        return Number(raw);
      case 'Float': {
        const value = raw.trim() === '' ? Number.NaN : Number(raw);
        if (!Number.isFinite(value)) throw badInput(`"${name}" must be a number; got ${JSON.stringify(raw)}.`, name);
        return value;
      }
      case 'Boolean':
        if (raw !== 'true' && raw !== 'false') throw badInput(`"${name}" must be true or false; got ${JSON.stringify(raw)}.`, name);
        return raw === 'true';
      default:
        return raw;
    }
  }
  return raw;
}

const list = (names: Iterable<string>) => [...names].join(', ');

/** The format named by the path, or NOT_FOUND naming the formats there are. */
export function formatOfPath(pathname: string): ExportFormat {
  const name = pathname.startsWith(`${EXPORT_PATH}/`) ? pathname.slice(EXPORT_PATH.length + 1) : '';
  const format = exportFormats.get(name);
  if (!format) {
    const tables = Object.keys(EXPORT_KINDS).map((kind) => `${EXPORT_PATH}/${kind}.ndjson`);
    throw notFound(
      `No export at ${pathname}: use ${EXPORT_PATH}/<format>?network=<field>&<arguments>, with a format of ${list(exportFormats.keys())}; ` +
        `or a whole table, ${list(tables)} (or .csv).`,
    );
  }
  return format;
}

export function readExportRequest(
  schema: GraphQLSchema,
  networks: ReadonlyMap<string, NetworkExport>,
  pathname: string,
  search: URLSearchParams,
): ExportRequest {
  const format = formatOfPath(pathname);
  const given = new Map<string, string>();
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    if (values.length > 1) throw badInput(`"${key}" is given ${values.length} times; give it once.`, key);
    given.set(key, values[0]!);
  }

  const networkName = given.get('network');
  if (networkName === undefined) throw badInput(`Name the network to export: network=<field>, one of ${list(networks.keys())}.`, 'network');
  const network = networks.get(networkName);
  if (!network) throw badInput(`No network "${networkName}" can be exported; the networks are ${list(networks.keys())}.`, 'network');
  given.delete('network');

  const parameters: Record<string, string> = {};
  for (const parameter of format.parameters) {
    const value = given.get(parameter.name);
    if (value === undefined) throw badInput(`The ${format.name} format needs "${parameter.name}": one of ${list(parameter.values)}.`, parameter.name);
    if (!parameter.values.includes(value)) {
      throw badInput(`"${parameter.name}" must be one of ${list(parameter.values)}; got ${JSON.stringify(value)}.`, parameter.name);
    }
    parameters[parameter.name] = value;
    given.delete(parameter.name);
  }

  const args = networkArguments(schema, network);
  const variables: Record<string, unknown> = {};
  for (const [key, raw] of given) {
    const argument = args.find((a) => a.name === key);
    if (!argument) {
      const own = format.parameters.map((p) => p.name);
      throw badInput(
        `"${key}" is not an argument of ${network.field} (${list(args.map((a) => a.name))})` +
          (own.length ? ` nor a parameter of the ${format.name} format (${list(own)}).` : ` and the ${format.name} format takes no parameters of its own.`),
        key,
      );
    }
    variables[key] = valueOf(argument, raw);
  }
  const missing = args.filter((a) => a.required && !(a.name in variables)).map((a) => a.name);
  if (missing.length) {
    // `argument` names the first, as everywhere; `arguments` all of them.
    throw clientError('BAD_USER_INPUT', `${network.field} needs ${missing.map((m) => `"${m}"`).join(' and ')}: give ${missing.map((m) => `${m}=…`).join('&')}.`, {
      argument: missing[0],
      arguments: missing,
    });
  }
  return { format, network, variables, parameters };
}
