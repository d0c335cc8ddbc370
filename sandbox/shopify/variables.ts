/**
 * Variable checking with Shopify's error shape. graphql-ruby reports a bad variable as
 * "Variable $x of type T was provided invalid value[ for a.b (explanation), ...]" with
 * extensions { code: INVALID_VARIABLE, value, problems: [{ path, explanation }] }, located at the
 * variable definition, and runs nothing. graphql-js coerces the values once they pass.
 */
import {
  Kind,
  getVariableValues,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  typeFromAST,
  valueFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { ShopifyGraphQLError } from './errors';
import { location } from './validation';

interface Problem {
  path: (string | number)[];
  explanation: string;
}

/** Ruby's GraphQL::Language.serialize for JSON-ish values: strings quoted, objects as GraphQL input. */
function serialize(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(serialize).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${serialize(v)}`).join(', ')}}`;
  return String(value);
}

const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);

function check(type: GraphQLInputType, value: unknown, path: (string | number)[], problems: Problem[]): void {
  if (isNonNullType(type)) {
    if (value === null || value === undefined) {
      problems.push({ path, explanation: 'Expected value to not be null' });
      return;
    }
    check(type.ofType, value, path, problems);
    return;
  }
  if (value === null || value === undefined) return;
  if (isListType(type)) {
    // A single value where a list is expected is accepted as a list of one (GraphQL input coercion).
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, i) => check(type.ofType, item, Array.isArray(value) ? [...path, i] : path, problems));
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ path, explanation: `Expected ${JSON.stringify(value)} to be a key-value object.` });
      return;
    }
    const fields = type.getFields();
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!fields[key]) problems.push({ path: [...path, key], explanation: `Field is not defined on ${type.name}` });
    }
    for (const field of Object.values(fields)) {
      const present = Object.prototype.hasOwnProperty.call(record, field.name);
      if (!present && field.defaultValue !== undefined) continue;
      check(field.type, record[field.name], [...path, field.name], problems);
    }
    if (type.isOneOf) {
      const given = Object.keys(record).filter((k) => fields[k]);
      if (given.length !== 1) problems.push({ path, explanation: `'${type.name}' requires exactly one argument, but ${given.length} were provided.` });
    }
    return;
  }
  if (isEnumType(type)) {
    if (typeof value !== 'string' || !type.getValue(value)) {
      problems.push({ path, explanation: `Expected ${serialize(value)} to be one of: ${type.getValues().map((v) => v.name).join(', ')}` });
    }
    return;
  }
  if (isScalarType(type)) {
    const ok = (() => {
      switch (type.name) {
        case 'Int':
          return typeof value === 'number' && Number.isInteger(value) && value <= INT_MAX && value >= INT_MIN;
        case 'Float':
          return typeof value === 'number' && Number.isFinite(value);
        case 'String':
          return typeof value === 'string';
        case 'Boolean':
          return typeof value === 'boolean';
        case 'ID':
          return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));
        case 'JSON':
          return true;
        default:
          // Shopify's custom scalars (DateTime, Decimal, Money, URL, ...) arrive as strings or numbers.
          return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
      }
    })();
    if (!ok) problems.push({ path, explanation: `Could not coerce value ${serialize(value)} to ${type.name}` });
  }
}

export type VariablesResult = { ok: true; values: Record<string, unknown> } | { ok: false; errors: ShopifyGraphQLError[] };

export function checkVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, raw: Record<string, unknown>): VariablesResult {
  const errors: ShopifyGraphQLError[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type as never) as GraphQLInputType | undefined;
    if (!type) continue;
    const provided = Object.prototype.hasOwnProperty.call(raw, name);
    let value: unknown = raw[name];
    if (!provided && definition.defaultValue) value = valueFromAST(definition.defaultValue, type);
    const problems: Problem[] = [];
    check(type, value, [], problems);
    if (problems.length > 0) {
      const detail = problems.filter((p) => p.path.length > 0).map((p) => `${p.path.join('.')} (${p.explanation})`);
      errors.push({
        message: `Variable $${name} of type ${String(type)} was provided invalid value${detail.length ? ` for ${detail.join(', ')}` : ''}`,
        locations: location(definition),
        extensions: { code: 'INVALID_VARIABLE', value: value ?? null, problems },
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], raw);
  if (coerced.errors) {
    return {
      ok: false,
      errors: coerced.errors.map((e) => ({ message: e.message, locations: (e.locations ?? []).map(({ line, column }) => ({ line, column })), extensions: { code: 'INVALID_VARIABLE' } })),
    };
  }
  return { ok: true, values: coerced.coerced };
}

export { Kind };
