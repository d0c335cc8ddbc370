/**
 * Webhook topics: the GraphQL enum (ORDERS_CREATE) and the wire name (orders/create) that
 * X-Shopify-Topic carries. The mapping is read from the schema's own enum descriptions
 * ("The webhook topic for `orders/create` events."), so every topic of the version is known.
 */
import { isEnumType } from 'graphql';
import { loadSchema, type ApiVersion } from '../schema';

const cache = new Map<ApiVersion, { toWire: Map<string, string>; toEnum: Map<string, string> }>();

function maps(version: ApiVersion) {
  let entry = cache.get(version);
  if (!entry) {
    entry = { toWire: new Map(), toEnum: new Map() };
    const type = loadSchema(version).getType('WebhookSubscriptionTopic');
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        const wire = /`([a-z_]+\/[a-z_]+)`/.exec(value.description ?? '')?.[1] ?? value.name.toLowerCase().replace('_', '/');
        entry.toWire.set(value.name, wire);
        entry.toEnum.set(wire, value.name);
      }
    }
    cache.set(version, entry);
  }
  return entry;
}

export function topicToWire(topic: string, version: ApiVersion = '2026-10'): string {
  return maps(version).toWire.get(topic) ?? topic.toLowerCase().replace('_', '/');
}

export function wireToTopic(wire: string, version: ApiVersion = '2026-10'): string | undefined {
  return maps(version).toEnum.get(wire);
}
