/**
 * Webhook subscriptions made through the Admin API (or seeded through the control API). Each
 * belongs to the app that made it: deliveries are signed with that app's secret and carry the
 * subscription's API version.
 */
import { userError, type UserError } from '../errors';
import { idOf } from '../gid';
import type { ShopState } from './shop';
import type { WebhookSubscription } from './types';

export interface SubscriptionInput {
  uri?: string | null;
  callbackUrl?: string | null;
  format?: 'JSON' | 'XML' | null;
  filter?: string | null;
  includeFields?: string[] | null;
  metafieldNamespaces?: string[] | null;
  name?: string | null;
}

/**
 * Shopify requires HTTPS endpoints (or Pub/Sub and EventBridge addresses). The stand-in also
 * accepts plain HTTP to this machine, where test receivers listen.
 */
function uriProblem(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return uri.startsWith('pubsub://') || uri.startsWith('arn:aws:events:') ? undefined : 'Address is invalid';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return undefined;
  return `Address protocol ${url.protocol}// is not supported`;
}

export function subscriptionCreate(shop: ShopState, appId: string, apiVersion: string, topic: string, input: SubscriptionInput): { subscription: WebhookSubscription | null; userErrors: UserError[] } {
  const uri = input.uri ?? input.callbackUrl ?? null;
  if (!uri) return { subscription: null, userErrors: [userError(['webhookSubscription', 'uri'], "Address can't be blank")] };
  const problem = uriProblem(uri);
  if (problem) return { subscription: null, userErrors: [userError(['webhookSubscription', 'callbackUrl'], problem)] };
  for (const s of shop.webhookSubscriptions.values()) {
    if (s.appId === appId && s.topic === topic && s.uri === uri && (s.filter ?? null) === (input.filter ?? null)) {
      return { subscription: null, userErrors: [userError(['webhookSubscription', 'callbackUrl'], 'Address for this topic has already been taken')] };
    }
  }
  const now = shop.now();
  const subscription: WebhookSubscription = {
    id: shop.allocateId(),
    topic,
    uri,
    format: input.format ?? 'JSON',
    filter: input.filter ?? null,
    includeFields: input.includeFields ?? [],
    metafieldNamespaces: input.metafieldNamespaces ?? [],
    name: input.name ?? null,
    apiVersion,
    appId,
    createdAt: now,
    updatedAt: now,
  };
  shop.webhookSubscriptions.set(subscription.id, subscription);
  return { subscription, userErrors: [] };
}

export function subscriptionDelete(shop: ShopState, appId: string, id: string): { deletedId: string | null; userErrors: UserError[] } {
  const numeric = idOf(id, 'WebhookSubscription');
  const subscription = numeric !== undefined ? shop.webhookSubscriptions.get(numeric) : undefined;
  if (!subscription || subscription.appId !== appId) return { deletedId: null, userErrors: [userError(['id'], 'Webhook subscription does not exist')] };
  shop.webhookSubscriptions.delete(subscription.id);
  return { deletedId: id, userErrors: [] };
}
