/**
 * Statement texts built once per shape instead of on every request.
 *
 * A page statement is assembled from many small `sql` fragments (the relation, its cursor and count, the
 * node JSON, the pages of the levels below); Drizzle walks them all again for every request to produce the
 * same text. On a paper page that walk was a sixth of the server's CPU. Here a statement is built once with
 * named placeholders for what changes between requests (the parents' ids, the cursor), cut into its text
 * pieces and parameters, and later requests of the same shape only fill the placeholders in: a flat
 * statement of a few chunks that Drizzle serializes at once. The text is the same as before, so the
 * driver's prepared statement (db/prepared-statements.ts) is reused as well.
 *
 * The key must name everything the builder puts into the statement other than the placeholders (see
 * PagedRelation.shape); constants such as filter values stay parameters of the cached template.
 */
import { Placeholder, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

interface Template {
  strings: TemplateStringsArray;
  /** A parameter of the statement: a constant, or the name of the value given at each use. */
  parameters: ({ constant: unknown } | { name: string })[];
}

const dialect = new PgDialect();

/** Shapes kept; user input (search words, filter values) can make many, so the oldest go first. */
const MAX_TEMPLATES = 2000;
const templates = new Map<string, Template | null>();

/**
 * The statement `build` makes, from the template of `key` when there is one. `build` takes each value that
 * changes between requests through `value(name)`: a placeholder while the template is made, the value
 * itself when a statement cannot be templated.
 */
export function templateStatement(
  key: string,
  build: (value: (name: string) => unknown) => SQL,
  values: Readonly<Record<string, unknown>>,
): SQL {
  let template = templates.get(key);
  if (template === undefined) {
    template = templateOf(build((name) => sql.placeholder(name)));
    if (templates.size >= MAX_TEMPLATES) templates.delete(templates.keys().next().value!);
    templates.set(key, template);
  }
  // A statement whose text could not be cut at its parameters is built every time.
  if (template === null) return build((name) => valueOf(values, name));
  return fill(template, values);
}

function valueOf(values: Readonly<Record<string, unknown>>, name: string): unknown {
  if (!(name in values)) throw new Error(`no value for statement placeholder "${name}"`);
  return values[name];
}

function fill(template: Template, values: Readonly<Record<string, unknown>>): SQL {
  const parameters = template.parameters.map((p) => ('constant' in p ? p.constant : valueOf(values, p.name)));
  return sql(template.strings, ...parameters);
}

/** The text cut at each `$n` (numbered in order by Drizzle), or null when it cannot be cut unambiguously. */
function templateOf(statement: SQL): Template | null {
  const query = dialect.sqlToQuery(statement);
  const pieces = query.sql.split(/\$(\d+)/);
  const numbers = pieces.filter((_, i) => i % 2 === 1).map(Number);
  if (numbers.length !== query.params.length || numbers.some((n, i) => n !== i + 1)) return null;
  const strings = pieces.filter((_, i) => i % 2 === 0);
  return {
    strings: Object.assign([...strings], { raw: [...strings] }) as unknown as TemplateStringsArray,
    parameters: query.params.map((p) => (p instanceof Placeholder ? { name: p.name as string } : { constant: p })),
  };
}
