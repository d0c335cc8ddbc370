/** What the store record shows about its connection to Shopify, after the connector checked it. */
export interface ShopIdentity {
  name: string;
  myshopifyDomain: string;
  currencyCode: string;
  plan: { shopifyPlus: boolean; partnerDevelopment: boolean };
}

export function describeConnection(shop: ShopIdentity, expectedDomain: string, at: number): { ok: boolean; text: string } {
  const when = new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (shop.myshopifyDomain.toLowerCase() !== expectedDomain.toLowerCase()) {
    return {
      ok: false,
      text: `Wrong store: the token belongs to ${shop.myshopifyDomain}, not ${expectedDomain} (checked ${when}). Use the token of ${expectedDomain}'s app.`,
    };
  }
  const plan = shop.plan.shopifyPlus ? 'Shopify Plus' : shop.plan.partnerDevelopment ? 'development store' : 'not Shopify Plus: B2B needs Plus';
  return { ok: true, text: `Connected to ${shop.name} (${shop.myshopifyDomain}), ${plan}, ${shop.currencyCode}; checked ${when}.` };
}

export function describeConnectionFailure(message: string, at: number): string {
  return `Not connected (checked ${new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z')}): ${message}`;
}
