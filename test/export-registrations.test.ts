/**
 * Every network registered for /export: its document is valid against the schema, selects its field at the
 * root, and declares exactly the field's arguments as variables, with the field's types (nullable where
 * the field has a default). So a URL can give every argument the field takes, and nothing else.
 */
import { Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../schema/index.js';
import { networkArguments } from '../src/export/export-request.js';
import { networkExports } from '../src/export/networks/index.js';

describe('registered network exports', () => {
  it('include every network', () => {
    expect([...networkExports.keys()]).toEqual(expect.arrayContaining(['coauthorNetwork', 'collaborationPath', 'collaborationGraph', 'citationGraph']));
  });

  for (const [field, network] of networkExports) {
    it(`${field}: a valid query of the field whose variables are its arguments`, () => {
      const document = parse(network.document);
      expect(validate(schema, document)).toEqual([]);
      const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      expect(operations).toHaveLength(1);
      expect(operations[0]!.operation).toBe('query');
      const roots = operations[0]!.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : s.kind));
      expect(roots).toEqual([field]);

      const definition = schema.getQueryType()!.getFields()[field]!;
      const expected = definition.args.map((a) => ({
        name: a.name,
        type: a.defaultValue === undefined ? String(a.type) : String(a.type).replace(/!$/, ''),
        required: String(a.type).endsWith('!') && a.defaultValue === undefined,
      }));
      const declared = networkArguments(schema, network).map((a) => ({ name: a.name, type: String(a.type), required: a.required }));
      expect(declared).toEqual(expected);
    });
  }
});
