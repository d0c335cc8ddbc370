#!/usr/bin/env node
/**
 * Reference relay: Shopify webhooks → the connector's RESTlet in NetSuite.
 *
 * Shopify cannot sign NetSuite's OAuth, so something small must stand between them. This file is all
 * of it: plain Node.js 18+, no dependencies. It receives a webhook, wraps it in the envelope the
 * RESTlet expects (topic, shop, webhook and event ids, HMAC header, API version, trigger time and the
 * raw body as a string, byte for byte, because the HMAC is over those bytes), and forwards it with
 * NetSuite token-based authentication (OAuth 1.0a, HMAC-SHA256). It answers Shopify with 200 only
 * when NetSuite accepted the webhook; otherwise 502, so Shopify retries it (8 times over 4 hours).
 * It keeps nothing: the RESTlet verifies the HMAC and drops duplicates.
 *
 * Settings (environment):
 *   NETSUITE_RESTLET_URL  the RESTlet's external URL (…/app/site/hosting/restlet.nl?script=…&deploy=…)
 *   NETSUITE_AUTH         "tba" (default) or "bearer"
 *   NETSUITE_ACCOUNT_ID   account id as the OAuth realm, like 1234567 or 1234567_SB1 (tba)
 *   NETSUITE_CONSUMER_KEY, NETSUITE_CONSUMER_SECRET, NETSUITE_TOKEN_ID, NETSUITE_TOKEN_SECRET (tba)
 *   NETSUITE_BEARER_TOKEN an OAuth 2.0 access token (bearer; also what the local sandbox accepts)
 *   SHOPIFY_WEBHOOK_SECRETS optional, comma-separated: refuse (401) webhooks no secret signs, before
 *                         they reach NetSuite. The RESTlet checks again either way.
 *   PORT (default 8787), RELAY_PATH (default /webhooks), FORWARD_TIMEOUT_MS (default 4000: Shopify
 *   waits about 5 s)
 *
 * Run it behind HTTPS (a load balancer, a tunnel, a serverless wrapper); point Shopify's webhook
 * subscriptions at https://<relay host>/webhooks (see relay/subscribe-webhooks.js).
 */
'use strict';

const crypto = require('crypto');
const http = require('http');

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** RFC 3986 percent-encoding, as OAuth 1.0a requires. */
function percentEncode(value) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * The OAuth 1.0a Authorization header NetSuite token-based authentication expects, signed with
 * HMAC-SHA256. `nonce` and `timestamp` are parameters so that tests can fix them.
 */
function tbaAuthorization({ method, url, accountId, consumerKey, consumerSecret, tokenId, tokenSecret, nonce, timestamp }) {
  const target = new URL(url);
  const oauth = {
    oauth_consumer_key: consumerKey,
    oauth_nonce: nonce || crypto.randomBytes(16).toString('hex'),
    oauth_signature_method: 'HMAC-SHA256',
    oauth_timestamp: String(timestamp || Math.floor(Date.now() / 1000)),
    oauth_token: tokenId,
    oauth_version: '1.0',
  };
  // The base string covers the OAuth parameters and the query string parameters, sorted.
  const params = [];
  for (const [k, v] of target.searchParams) params.push([percentEncode(k), percentEncode(v)]);
  for (const [k, v] of Object.entries(oauth)) params.push([percentEncode(k), percentEncode(v)]);
  params.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1));
  const baseUrl = `${target.protocol}//${target.host}${target.pathname}`;
  const base = [method.toUpperCase(), percentEncode(baseUrl), percentEncode(params.map(([k, v]) => `${k}=${v}`).join('&'))].join('&');
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  const signature = crypto.createHmac('sha256', key).update(base).digest('base64');
  const header = { realm: accountId, ...oauth, oauth_signature: signature };
  return 'OAuth ' + Object.entries(header).map(([k, v]) => `${k}="${percentEncode(v)}"`).join(', ');
}

/** Constant-time check of Shopify's X-Shopify-Hmac-Sha256 against each secret. */
function signedByOneOf(rawBody, hmacHeader, secrets) {
  if (!hmacHeader) return false;
  const given = Buffer.from(hmacHeader, 'utf8');
  return secrets.some((secret) => {
    const expected = Buffer.from(crypto.createHmac('sha256', secret).update(rawBody).digest('base64'), 'utf8');
    return expected.length === given.length && crypto.timingSafeEqual(expected, given);
  });
}

/** The envelope the RESTlet takes (see docs/inbound.md). */
function envelopeOf(headers, rawBody) {
  const h = (name) => headers[name.toLowerCase()] || '';
  return {
    topic: h('x-shopify-topic'),
    shopDomain: h('x-shopify-shop-domain'),
    webhookId: h('x-shopify-webhook-id'),
    eventId: h('x-shopify-event-id'),
    hmac: h('x-shopify-hmac-sha256'),
    apiVersion: h('x-shopify-api-version'),
    triggeredAt: h('x-shopify-triggered-at'),
    body: rawBody.toString('utf8'),
  };
}

function settingsFromEnv(env) {
  const auth = (env.NETSUITE_AUTH || 'tba').toLowerCase();
  const settings = {
    restletUrl: env.NETSUITE_RESTLET_URL,
    auth,
    accountId: env.NETSUITE_ACCOUNT_ID,
    consumerKey: env.NETSUITE_CONSUMER_KEY,
    consumerSecret: env.NETSUITE_CONSUMER_SECRET,
    tokenId: env.NETSUITE_TOKEN_ID,
    tokenSecret: env.NETSUITE_TOKEN_SECRET,
    bearerToken: env.NETSUITE_BEARER_TOKEN,
    shopifySecrets: (env.SHOPIFY_WEBHOOK_SECRETS || '').split(',').map((s) => s.trim()).filter(Boolean),
    port: Number(env.PORT || 8787),
    path: env.RELAY_PATH || '/webhooks',
    timeoutMs: Number(env.FORWARD_TIMEOUT_MS || 4000),
  };
  const missing = [];
  if (!settings.restletUrl) missing.push('NETSUITE_RESTLET_URL');
  if (auth === 'tba') {
    for (const k of ['NETSUITE_ACCOUNT_ID', 'NETSUITE_CONSUMER_KEY', 'NETSUITE_CONSUMER_SECRET', 'NETSUITE_TOKEN_ID', 'NETSUITE_TOKEN_SECRET']) if (!env[k]) missing.push(k);
  } else if (auth === 'bearer') {
    if (!settings.bearerToken) missing.push('NETSUITE_BEARER_TOKEN');
  } else {
    missing.push('NETSUITE_AUTH (tba or bearer)');
  }
  if (missing.length) throw new Error(`relay: set ${missing.join(', ')}`);
  return settings;
}

/** Forwards one envelope; resolves with NetSuite's status and body. */
async function forward(settings, envelope) {
  const authorization =
    settings.auth === 'bearer'
      ? `Bearer ${settings.bearerToken}`
      : tbaAuthorization({ method: 'POST', url: settings.restletUrl, ...settings });
  const response = await fetch(settings.restletUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: authorization },
    body: JSON.stringify(envelope),
    signal: AbortSignal.timeout(settings.timeoutMs),
  });
  return { status: response.status, body: await response.text() };
}

function createRelay(settings, log = console) {
  return http.createServer((req, res) => {
    const reply = (status, text) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (req.method === 'GET' && req.url === '/health') return reply(200, 'ok');
    if (req.method !== 'POST' || new URL(req.url, 'http://relay').pathname !== settings.path) return reply(404, 'not found');
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      if (settings.shopifySecrets.length && !signedByOneOf(raw, req.headers['x-shopify-hmac-sha256'], settings.shopifySecrets)) {
        log.warn(`relay: refused a webhook whose HMAC no configured secret matches (topic ${req.headers['x-shopify-topic']})`);
        return reply(401, 'HMAC does not match');
      }
      const envelope = envelopeOf(req.headers, raw);
      try {
        const answer = await forward(settings, envelope);
        if (answer.status >= 200 && answer.status < 300) return reply(200, 'accepted');
        log.error(`relay: NetSuite answered ${answer.status} for ${envelope.topic} ${envelope.webhookId}: ${answer.body.slice(0, 500)}`);
        // 4xx from NetSuite means the envelope itself is refused (unknown store, bad HMAC): retrying
        // the same bytes cannot help, but Shopify's retries are how a fixed setup catches up.
        return reply(502, 'NetSuite did not accept the webhook');
      } catch (e) {
        log.error(`relay: forwarding ${envelope.topic} ${envelope.webhookId} failed: ${e.message}`);
        return reply(502, 'NetSuite did not answer');
      }
    });
  });
}

module.exports = { tbaAuthorization, percentEncode, signedByOneOf, envelopeOf, settingsFromEnv, createRelay, forward };

if (require.main === module) {
  const settings = settingsFromEnv(process.env);
  createRelay(settings).listen(settings.port, () => {
    console.log(`relay: listening on :${settings.port}${settings.path}, forwarding to ${settings.restletUrl} (${settings.auth})`);
  });
}
