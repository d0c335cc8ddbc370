/**
 * The root fields the stand-in implements, wired onto the real schema: graphql-js executes every
 * request against Shopify's schema with `rootValue` holding these resolvers and a strict field
 * resolver for everything below them. Root fields not listed here are refused before execution
 * with an error naming them (see executor.ts).
 */
import { GraphQLError, getDirectiveValues, isAbstractType, type GraphQLFieldResolver, type GraphQLSchema, type GraphQLTypeResolver } from 'graphql';
import { ShopifyFieldError, userError } from '../errors';
import { gid, idOf, parseGid } from '../gid';
import { subscriptionCreate, subscriptionDelete, type SubscriptionInput } from '../models/webhookSubscriptions';
import type { WebhookSubscription } from '../models/types';
import { loadSchema } from '../schema';
import { adjustmentGroupView, catalogMutations, catalogQueries, inventoryItemView, inventoryLevelView, locationView, productSetOperationView, productView, variantView } from './catalog';
import { isoTime, listConnection, type RequestContext, type View } from './common';
import { companyLocationView, companyMutations, companyQueries, companyView, contactView, customerView } from './companies';
import { fulfillmentOrderView, fulfillmentView, orderMutations, orderQueries, orderView } from './orders';
import { setQuantities } from '../models/catalog';
import { topicToWire, wireToTopic } from '../webhooks/topics';
import type { PageArgs } from '../pagination';

type RootResolver = (args: never, ctx: RequestContext, info: Parameters<GraphQLFieldResolver<unknown, RequestContext>>[3]) => unknown;

// ---- webhook subscriptions ------------------------------------------------------------------------

export function subscriptionView(ctx: RequestContext, s: WebhookSubscription): View {
  return {
    __typename: 'WebhookSubscription',
    id: gid('WebhookSubscription', s.id),
    legacyResourceId: String(s.id),
    topic: wireToTopic(s.topic, ctx.version) ?? s.topic,
    uri: s.uri,
    callbackUrl: s.uri,
    format: s.format,
    filter: s.filter,
    includeFields: s.includeFields,
    metafieldNamespaces: s.metafieldNamespaces,
    metafields: [],
    name: s.name,
    apiVersion: { __typename: 'ApiVersion', handle: s.apiVersion, displayName: s.apiVersion, supported: true },
    endpoint: { __typename: 'WebhookHttpEndpoint', callbackUrl: s.uri },
    createdAt: isoTime(s.createdAt),
    updatedAt: isoTime(s.updatedAt),
  };
}

const webhookQueries = {
  webhookSubscription: (args: { id: string }, ctx: RequestContext) => {
    const s = ctx.shop.webhookSubscriptions.get(idOf(args.id, 'WebhookSubscription') ?? -1);
    return s && s.appId === ctx.app.id ? subscriptionView(ctx, s) : null;
  },
  webhookSubscriptions: (args: PageArgs & { topics?: string[] | null; uri?: string | null; callbackUrl?: string | null; format?: string | null }, ctx: RequestContext) => {
    const wanted = args.topics?.map((t) => topicToWire(t, ctx.version));
    const all = [...ctx.shop.webhookSubscriptions.values()].filter(
      (s) => s.appId === ctx.app.id && (!wanted || wanted.includes(s.topic)) && (!args.uri || s.uri === args.uri) && (!args.callbackUrl || s.uri === args.callbackUrl) && (!args.format || s.format === args.format),
    );
    return listConnection(all, args, (s) => subscriptionView(ctx, s), (s) => s.createdAt);
  },
};

const webhookMutations = {
  webhookSubscriptionCreate: (args: { topic: string; webhookSubscription: SubscriptionInput }, ctx: RequestContext) => {
    const r = subscriptionCreate(ctx.shop, ctx.app.id, ctx.version, topicToWire(args.topic, ctx.version), args.webhookSubscription);
    return { __typename: 'WebhookSubscriptionCreatePayload', webhookSubscription: r.subscription ? subscriptionView(ctx, r.subscription) : null, userErrors: r.userErrors };
  },
  webhookSubscriptionDelete: (args: { id: string }, ctx: RequestContext) => {
    const r = subscriptionDelete(ctx.shop, ctx.app.id, args.id);
    return { __typename: 'WebhookSubscriptionDeletePayload', deletedWebhookSubscriptionId: r.deletedId, userErrors: r.userErrors };
  },
};

// ---- @idempotent ------------------------------------------------------------------------------------

/** Mutations that require `@idempotent(key:)` from 2026-04 (the ones this stand-in implements). */
export const IDEMPOTENT_MUTATIONS = new Set(['inventorySetQuantities']);

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The key of `@idempotent(key:)` on this field. Shopify refuses the mutation without it (captured:
 * BAD_REQUEST "The @idempotent directive is required for this mutation but was not provided.").
 */
function idempotencyKey(schema: GraphQLSchema, info: Parameters<GraphQLFieldResolver<unknown, RequestContext>>[3]): string {
  const directive = schema.getDirective('idempotent');
  const values = directive ? getDirectiveValues(directive, info.fieldNodes[0]!, info.variableValues) : undefined;
  const key = values?.key;
  if (typeof key !== 'string') throw new ShopifyFieldError('The @idempotent directive is required for this mutation but was not provided.', 'BAD_REQUEST');
  // The directive's description: the key "cannot be an empty string or whitespace only". Wording not verified.
  if (!key.trim()) throw new ShopifyFieldError('The @idempotent directive key cannot be an empty string or whitespace only.', 'BAD_REQUEST');
  return key;
}

const inventorySetQuantities: RootResolver = (args: never, ctx, info) => {
  const input = (args as { input: Parameters<typeof setQuantities>[1] }).input;
  const shop = ctx.shop;
  const key = idempotencyKey(info.schema, info);
  const recordKey = `${ctx.app.id}|inventorySetQuantities|${key}`;
  const parameters = canonical(args);
  const record = shop.idempotency.get(recordKey);
  let result: ReturnType<typeof setQuantities>;
  if (record) {
    if (record.parameters !== parameters) {
      return {
        __typename: 'InventorySetQuantitiesPayload',
        inventoryAdjustmentGroup: null,
        userErrors: [userError(null, 'The same idempotency key cannot be used with different operation parameters.', 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH')],
      };
    }
    // Same key, same parameters: the original result, and nothing applied again.
    result = record.result as ReturnType<typeof setQuantities>;
  } else {
    result = setQuantities(shop, input, ctx.version);
    shop.idempotency.set(recordKey, { key, mutation: 'inventorySetQuantities', parameters, result, createdAt: shop.now() });
  }
  const group = result.groupId !== null ? shop.adjustmentGroups.get(result.groupId)! : null;
  return { __typename: 'InventorySetQuantitiesPayload', inventoryAdjustmentGroup: group ? adjustmentGroupView(ctx, group) : null, userErrors: result.userErrors };
};

// ---- node ------------------------------------------------------------------------------------------

function nodeById(ctx: RequestContext, value: string): View | null {
  const parsed = parseGid(value);
  if (!parsed) return null;
  const shop = ctx.shop;
  const { type, id } = parsed;
  const views: Record<string, () => View | null | undefined> = {
    Order: () => (shop.orders.has(id) ? orderView(ctx, shop.orders.get(id)!) : null),
    Product: () => (shop.products.has(id) ? productView(ctx, shop.products.get(id)!) : null),
    ProductSetOperation: () => (shop.productSetOperations.has(id) ? productSetOperationView(ctx, shop.productSetOperations.get(id)!) : null),
    ProductVariant: () => (shop.variants.has(id) ? variantView(ctx, shop.variants.get(id)!) : null),
    InventoryItem: () => (shop.inventoryItems.has(id) ? inventoryItemView(ctx, shop.inventoryItems.get(id)!) : null),
    InventoryLevel: () => (shop.levelsById.has(id) ? inventoryLevelView(ctx, shop.levelsById.get(id)!) : null),
    Location: () => (shop.locations.has(id) ? locationView(ctx, shop.locations.get(id)!) : null),
    Company: () => (shop.companies.has(id) ? companyView(ctx, shop.companies.get(id)!) : null),
    CompanyLocation: () => (shop.companyLocations.has(id) ? companyLocationView(ctx, shop.companyLocations.get(id)!) : null),
    CompanyContact: () => (shop.companyContacts.has(id) ? contactView(ctx, shop.companyContacts.get(id)!) : null),
    Customer: () => (shop.customers.has(id) ? customerView(ctx, shop.customers.get(id)!) : null),
    FulfillmentOrder: () => (shop.fulfillmentOrders.has(id) ? fulfillmentOrderView(ctx, shop.fulfillmentOrders.get(id)!) : null),
    Fulfillment: () => (shop.fulfillments.has(id) ? fulfillmentView(ctx, shop.fulfillments.get(id)!) : null),
    WebhookSubscription: () => (shop.webhookSubscriptions.has(id) ? subscriptionView(ctx, shop.webhookSubscriptions.get(id)!) : null),
  };
  return views[type]?.() ?? null;
}

const nodeQueries = {
  node: (args: { id: string }, ctx: RequestContext) => nodeById(ctx, args.id),
  nodes: (args: { ids: string[] }, ctx: RequestContext) => args.ids.map((id) => nodeById(ctx, id)),
};

// ---- assembly ----------------------------------------------------------------------------------------

export const QUERY_RESOLVERS: Record<string, RootResolver> = { ...catalogQueries, ...companyQueries, ...orderQueries, ...webhookQueries, ...nodeQueries } as unknown as Record<string, RootResolver>;

export const MUTATION_RESOLVERS: Record<string, RootResolver> = {
  ...catalogMutations,
  ...companyMutations,
  ...orderMutations,
  ...webhookMutations,
  inventorySetQuantities,
} as unknown as Record<string, RootResolver>;

/**
 * Resolves every field below the root: a view's property, called if it is a function. A field
 * the view does not define is an error naming it, so "not modelled" never reads as "empty".
 */
export const fieldResolver: GraphQLFieldResolver<unknown, RequestContext> = (source, args, ctx, info) => {
  const isRoot = info.parentType === info.schema.getQueryType() || info.parentType === info.schema.getMutationType();
  if (isRoot) {
    const resolver = (info.parentType === info.schema.getMutationType() ? MUTATION_RESOLVERS : QUERY_RESOLVERS)[info.fieldName];
    if (!resolver) throw new ShopifyFieldError(`${info.parentType.name}.${info.fieldName} is not implemented by the local Shopify store`, 'NOT_IMPLEMENTED_IN_SANDBOX');
    return resolver(args as never, ctx, info);
  }
  if (source !== null && typeof source === 'object' && info.fieldName in source) {
    const value = (source as Record<string, unknown>)[info.fieldName];
    return typeof value === 'function' ? (value as (a: unknown, c: RequestContext) => unknown).call(source, args, ctx) : value;
  }
  throw new GraphQLError(`${info.parentType.name}.${info.fieldName} is not modelled by the local Shopify store (sandbox/shopify); add it to the view, or leave it out of the query.`, {
    extensions: { code: 'NOT_IMPLEMENTED_IN_SANDBOX', typeName: info.parentType.name, fieldName: info.fieldName },
  });
};

export const typeResolver: GraphQLTypeResolver<unknown, RequestContext> = (value, _ctx, info, abstractType) => {
  const name = (value as { __typename?: string } | null)?.__typename;
  if (name && isAbstractType(abstractType) && info.schema.getType(name)) return name;
  return undefined;
};

export function isImplementedRoot(operation: 'query' | 'mutation', field: string): boolean {
  if (field.startsWith('__')) return true;
  return Boolean((operation === 'mutation' ? MUTATION_RESOLVERS : QUERY_RESOLVERS)[field]);
}

export { loadSchema };
