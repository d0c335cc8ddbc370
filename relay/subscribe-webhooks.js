#!/usr/bin/env node
/**
 * Creates the Shopify webhook subscriptions the connector needs, pointing at the relay. Safe to run
 * again: topics already subscribed to the same URL are left as they are.
 *
 *   SHOPIFY_SHOP=acme-b2b.myshopify.com SHOPIFY_ACCESS_TOKEN=shpat_… RELAY_URL=https://relay.example.com/webhooks \
 *     node relay/subscribe-webhooks.js
 *
 * SHOPIFY_API_VERSION defaults to 2026-10; SHOPIFY_ADMIN_URL overrides https://<shop> (the local
 * sandbox: http://127.0.0.1:<port>, with SHOPIFY_SHOP still naming the shop).
 */
'use strict';

const TOPICS = [
  'ORDERS_CREATE',
  'ORDERS_UPDATED',
  'ORDERS_EDITED',
  'ORDERS_CANCELLED',
  'COMPANIES_CREATE',
  'COMPANIES_UPDATE',
  'COMPANY_LOCATIONS_CREATE',
  'COMPANY_LOCATIONS_UPDATE',
  'COMPANY_CONTACTS_CREATE',
  'COMPANY_CONTACTS_UPDATE',
  'COMPANY_CONTACT_ROLES_ASSIGN',
  'COMPANY_CONTACT_ROLES_REVOKE',
];

const LIST = `query Existing($after: String) {
  webhookSubscriptions(first: 100, after: $after) {
    nodes { id topic uri }
    pageInfo { hasNextPage endCursor }
  }
}`;

const CREATE = `mutation Subscribe($topic: WebhookSubscriptionTopic!, $uri: String!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) {
    webhookSubscription { id topic uri }
    userErrors { field message }
  }
}`;

/**
 * One Admin API call. node:http(s) rather than fetch: fetch does not send a Host header of its own
 * choosing, and a SHOPIFY_ADMIN_URL that is not the shop's own host (a proxy, the local sandbox)
 * needs the Host to say which shop is meant.
 */
function graphql(settings, query, variables) {
  const url = new URL(`${settings.adminUrl}/admin/api/${settings.apiVersion}/graphql.json`);
  const payload = JSON.stringify({ query, variables });
  const transport = url.protocol === 'http:' ? require('http') : require('https');
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
          'X-Shopify-Access-Token': settings.token,
          Host: settings.shop,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          let body = {};
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            // not JSON: reported below with the status
          }
          if (res.statusCode !== 200 || body.errors || !body.data) reject(new Error(`Shopify answered ${res.statusCode}: ${JSON.stringify(body.errors ?? body)}`));
          else resolve(body.data);
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function subscribe(settings, topics = TOPICS) {
  const existing = [];
  let after = null;
  do {
    const page = (await graphql(settings, LIST, { after })).webhookSubscriptions;
    existing.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  const result = { created: [], kept: [] };
  for (const topic of topics) {
    if (existing.some((s) => s.topic === topic && s.uri === settings.relayUrl)) {
      result.kept.push(topic);
      continue;
    }
    const payload = (await graphql(settings, CREATE, { topic, uri: settings.relayUrl })).webhookSubscriptionCreate;
    if (payload.userErrors.length) throw new Error(`${topic}: ${payload.userErrors.map((e) => e.message).join('; ')}`);
    result.created.push(topic);
  }
  return result;
}

module.exports = { subscribe, TOPICS };

if (require.main === module) {
  const env = process.env;
  const missing = ['SHOPIFY_SHOP', 'SHOPIFY_ACCESS_TOKEN', 'RELAY_URL'].filter((k) => !env[k]);
  if (missing.length) {
    console.error(`set ${missing.join(', ')}`);
    process.exit(2);
  }
  subscribe({
    shop: env.SHOPIFY_SHOP,
    token: env.SHOPIFY_ACCESS_TOKEN,
    relayUrl: env.RELAY_URL,
    apiVersion: env.SHOPIFY_API_VERSION || '2026-10',
    adminUrl: env.SHOPIFY_ADMIN_URL || `https://${env.SHOPIFY_SHOP}`,
  }).then(
    (r) => console.log(`subscribed: ${r.created.join(', ') || 'none new'}; already there: ${r.kept.join(', ') || 'none'}`),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
