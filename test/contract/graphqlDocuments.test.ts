/**
 * Every GraphQL document the bundle sends is valid for Shopify's real Admin schema, for every API
 * version a store may choose, so schema drift breaks the build and not a customer's sync.
 */
import fs from 'fs';
import path from 'path';
import zlib from 'zlib';
import { Kind, buildClientSchema, parse, validate, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { requestedCost } from '../../sandbox/shopify/cost';
import { SUPPORTED_API_VERSIONS } from '../../src/shopify/apiVersions';
import { defineOperation } from '../../src/shopify/operation';
import { PROJECT_ROOT } from '../../tools/build';

const OPERATIONS_DIR = path.join(PROJECT_ROOT, 'src/shopify/operations');

function documents(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? documents(full) : e.name.endsWith('.graphql') ? [full] : [];
  });
}

const schemas = new Map<string, GraphQLSchema>();
function schemaFor(version: string): GraphQLSchema {
  let schema = schemas.get(version);
  if (!schema) {
    const file = path.join(PROJECT_ROOT, 'sandbox/shopify/schema', `admin_${version}.json.gz`);
    schema = buildClientSchema(JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')).data);
    schemas.set(version, schema);
  }
  return schema;
}

const files = documents(OPERATIONS_DIR);
const cases = files.flatMap((file) => SUPPORTED_API_VERSIONS.map((version) => [path.relative(OPERATIONS_DIR, file), version] as const));

describe('GraphQL documents in src/shopify/operations', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(cases)('%s is valid against the %s Admin schema', (relative, version) => {
    const source = fs.readFileSync(path.join(OPERATIONS_DIR, relative), 'utf8');
    const errors = validate(schemaFor(version), parse(source)).map((e) => e.message);
    expect(errors).toEqual([]);
  });

  it.each(files.map((f) => [path.relative(OPERATIONS_DIR, f)]))('%s holds one named operation (and its fragments) named like its file, with its cost declared', (relative) => {
    const source = fs.readFileSync(path.join(OPERATIONS_DIR, relative), 'utf8');
    const operations = parse(source).definitions.filter((d) => d.kind === 'OperationDefinition');
    expect(operations).toHaveLength(1);
    const operation = defineOperation(source);
    expect(operation.name).toBe(path.basename(relative, '.graphql'));
    expect(operation.cost).toBeGreaterThan(0);
    expect(operation.cost).toBeLessThanOrEqual(1000);
  });
});

describe('the requested cost each document declares', () => {
  // Pacing reserves the declared cost before each call; the local store prices it by Shopify's rules.
  const variables = { ids: Array.from({ length: 250 }, (_, i) => `gid://shopify/InventoryItem/${i + 1}`) };
  it.each(cases)('%s declares what the %s schema prices it at', (relative, version) => {
    const source = fs.readFileSync(path.join(OPERATIONS_DIR, relative), 'utf8');
    const document = parse(source);
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
    const fragments = Object.fromEntries(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    expect(defineOperation(source).cost).toBe(requestedCost({ schema: schemaFor(version), operation, fragments, variables }));
  });
});
