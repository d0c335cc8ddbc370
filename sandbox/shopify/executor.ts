/**
 * One Admin GraphQL request, from body to response, in Shopify's order of checks:
 * parse → validate → pick the operation → check variables → requested cost (over 1000 refused)
 * → leaky bucket (THROTTLED if short) → input array sizes → root fields implemented here →
 * execute on the real schema → actual cost, refund, `extensions.cost`.
 * HTTP concerns (routing, auth, versions, faults) live in routes.ts.
 */
import {
  type GraphQLError,
  Kind,
  executeSync,
  getOperationAST,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { actualCost, MAX_QUERY_COST, requestedCost, type CostInput } from './cost';
import {
  MULTIPLE_OPERATIONS_ERROR,
  maxCostExceededError,
  maxInputSizeError,
  notImplementedError,
  parseError,
  throttledError,
  unknownOperationError,
  type ShopifyGraphQLError,
} from './errors';
import type { App, ShopState } from './models/shop';
import { fieldResolver, isImplementedRoot, typeResolver } from './resolvers';
import type { RequestContext } from './resolvers/common';
import { loadSchema, type ApiVersion } from './schema';
import { location, validateDocument } from './validation';
import { checkVariables } from './variables';

export interface GraphQLBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface CostReport {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

export interface ExecutionResult {
  /** The JSON body Shopify would send (HTTP 200). */
  body: Record<string, unknown>;
  /** What the request was, for metrics and fault matching. */
  operationName: string | null;
  rootFields: string[];
  cost: CostReport | null;
  throttled: boolean;
  executed: boolean;
}

/** Input lists allowed to exceed 250, as documented per field. */
const INPUT_LIMITS: Record<string, number> = {
  'ProductSetInput.variants': 2048,
  'ProductVariantSetInput.inventoryQuantities': 50000,
  'FulfillmentOrderLineItemsInput.fulfillmentOrderLineItems': 512,
};

function rootFieldsOf(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  const out: FieldNode[] = [];
  const walk = (set: SelectionSetNode) => {
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) out.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet);
      else if (fragments[s.name.value]) walk(fragments[s.name.value]!.selectionSet);
    }
  };
  walk(operation.selectionSet);
  return out;
}

/** Finds input lists longer than allowed in a root field's arguments. */
function oversizedInputs(schema: GraphQLSchema, root: 'query' | 'mutation', field: FieldNode, variables: Record<string, unknown>): ShopifyGraphQLError[] {
  const type = root === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  const def = type?.getFields()[field.name.value];
  if (!def) return [];
  const errors: ShopifyGraphQLError[] = [];
  const walk = (inputType: GraphQLInputType, value: unknown, path: string[], owner: string | null) => {
    if (value === null || value === undefined) return;
    if (isNonNullType(inputType)) return walk(inputType.ofType, value, path, owner);
    if (isListType(inputType)) {
      if (!Array.isArray(value)) return walk(inputType.ofType, value, path, owner);
      const limit = (owner && INPUT_LIMITS[owner]) || 250;
      if (value.length > limit) errors.push(maxInputSizeError(value.length, limit, location(field), [field.name.value, ...path]));
      for (const item of value) walk(inputType.ofType, item, path, null);
      return;
    }
    if (isInputObjectType(inputType) && typeof value === 'object') {
      for (const [name, f] of Object.entries(inputType.getFields())) walk(f.type, (value as Record<string, unknown>)[name], [...path, name], `${inputType.name}.${name}`);
    }
  };
  for (const argDef of def.args) {
    const node = field.arguments?.find((a) => a.name.value === argDef.name);
    if (!node) continue;
    walk(argDef.type, valueFromAST(node.value, argDef.type, variables), [argDef.name], null);
  }
  return errors;
}

export interface ExecuteOptions {
  shop: ShopState;
  app: App;
  version: ApiVersion;
  body: GraphQLBody;
  maxQueryCost?: number;
  /** Answer THROTTLED regardless of the bucket (fault injection). */
  forceThrottle?: boolean;
}

export function executeAdminGraphQL(options: ExecuteOptions): ExecutionResult {
  const { shop, app, version, body } = options;
  const schema = loadSchema(version);
  const bucket = shop.bucketFor(app.id);
  const result = (partial: Partial<ExecutionResult> & { body: Record<string, unknown> }): ExecutionResult => ({
    operationName: null, rootFields: [], cost: null, throttled: false, executed: false, ...partial,
  });

  let document: DocumentNode;
  try {
    document = parse(String(body.query));
  } catch (e) {
    return result({ body: { errors: [parseError(e as GraphQLError, String(body.query))] } });
  }
  const validationErrors = validateDocument(schema, document);
  if (validationErrors.length) return result({ body: { errors: validationErrors } });

  const operationName = typeof body.operationName === 'string' && body.operationName ? body.operationName : null;
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    return result({ body: { errors: [operationName ? unknownOperationError(operationName) : operations.length > 1 ? MULTIPLE_OPERATIONS_ERROR : unknownOperationError('')] } });
  }
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const rootFieldNodes = rootFieldsOf(operation, fragments);
  const rootFields = rootFieldNodes.map((f) => f.name.value);
  const name = operation.name?.value ?? operationName;

  const rawVariables = body.variables && typeof body.variables === 'object' && !Array.isArray(body.variables) ? (body.variables as Record<string, unknown>) : {};
  const variables = checkVariables(schema, operation, rawVariables);
  if (!variables.ok) return result({ body: { errors: variables.errors }, operationName: name, rootFields });

  const costInput: CostInput = { schema, operation, fragments, variables: variables.values };
  const requested = requestedCost(costInput);
  const report = (actual: number | null): CostReport => ({ requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() });
  const maxCost = options.maxQueryCost ?? MAX_QUERY_COST;
  if (requested > maxCost) {
    const cost = report(null);
    return result({ body: { errors: [maxCostExceededError(requested, maxCost)], extensions: { cost } }, operationName: name, rootFields, cost });
  }
  if (options.forceThrottle || !bucket.tryTake(requested)) {
    const cost = report(null);
    return result({ body: { errors: [throttledError()], extensions: { cost } }, operationName: name, rootFields, cost, throttled: true });
  }
  const opType = operation.operation === 'mutation' ? 'mutation' : 'query';
  const inputErrors = rootFieldNodes.flatMap((f) => oversizedInputs(schema, opType, f, variables.values));
  if (inputErrors.length) {
    const cost = report(null);
    return result({ body: { errors: inputErrors, extensions: { cost } }, operationName: name, rootFields, cost });
  }
  const missing = rootFieldNodes.filter((f) => !isImplementedRoot(opType, f.name.value));
  if (missing.length) {
    bucket.refund(requested);
    const rootType = opType === 'mutation' ? 'Mutation' : 'QueryRoot';
    const cost = report(0);
    return result({
      body: { errors: missing.map((f) => notImplementedError(rootType, f.name.value, location(f), [f.alias?.value ?? f.name.value])), extensions: { cost } },
      operationName: name,
      rootFields,
      cost,
    });
  }

  const context: RequestContext = { shop, app, version, searchWarnings: [], notes: [] };
  const executed = executeSync({ schema, document, variableValues: variables.values, operationName: operationName ?? undefined, contextValue: context, fieldResolver, typeResolver });
  const data = (executed.data ?? null) as Record<string, unknown> | null;
  const actual = Math.min(requested, actualCost(costInput, data));
  bucket.refund(requested - actual);
  const cost = report(actual);
  const response: Record<string, unknown> = {};
  if (executed.errors?.length) response.errors = executed.errors.map((e) => formatError(e));
  response.data = data;
  const extensions: Record<string, unknown> = { cost };
  if (context.searchWarnings.length) extensions.search = context.searchWarnings;
  response.extensions = extensions;
  return result({ body: response, operationName: name, rootFields, cost, executed: true });
}

function formatError(error: GraphQLError): ShopifyGraphQLError {
  const json = error.toJSON() as ShopifyGraphQLError;
  const out: ShopifyGraphQLError = { message: json.message };
  if (json.locations) out.locations = json.locations;
  if (json.extensions && Object.keys(json.extensions).length) out.extensions = json.extensions;
  if (json.path) out.path = json.path;
  return out;
}
