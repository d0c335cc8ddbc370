import { escapeHtml, MAX_RETRIES_PER_REQUEST, parseRetryRequest, renderStatusPage, type StatusModel } from '../../../src/sync/status/statusPage';

const model = (over: Partial<StatusModel> = {}): StatusModel => ({
  generatedAt: '2026-11-02 09:00 UTC',
  stores: [{ id: '1', name: 'Acme <Wholesale>', shopDomain: 'acme.myshopify.com', status: 'ok', problems: [], connection: 'Connected', cursors: [{ label: 'Orders reconciled up to', value: '' }] }],
  counts: [
    { storeId: '1', direction: 'inbound', status: 'done', count: 4 },
    { storeId: '1', direction: 'inbound', status: 'dead', count: 1 },
  ],
  attention: [
    { id: '7', storeId: '1', direction: 'inbound', topic: 'order/sync', status: 'dead', attempts: 8, shopifyGid: 'gid://shopify/Order/1', netsuite: '', error: 'SKU_NOT_FOUND: no item "A&B"', errorAt: '2026-11-02 08:00', nextAttemptAt: '', url: '/app/x?id=7' },
  ],
  reports: [],
  ...over,
});

describe('status page', () => {
  it('escapes everything that comes from records', () => {
    const html = renderStatusPage(model(), '/app/site/hosting/scriptlet.nl?script=1&deploy=1');
    expect(html).toContain('Acme &lt;Wholesale&gt;');
    expect(html).toContain('no item &quot;A&amp;B&quot;');
    expect(html).not.toContain('<Wholesale>');
    expect(escapeHtml(`<script>'x'</script>`)).toBe('&lt;script&gt;&#39;x&#39;&lt;/script&gt;');
  });

  it('counts the queue by direction and status, and offers Retry per entry and for every dead entry of a store', () => {
    const html = renderStatusPage(model(), '/s');
    expect(html).toContain('<tr><th>Direction</th><th>dead</th><th>done</th></tr>');
    expect(html).toContain('<tr><td>inbound</td><td>1</td><td>4</td></tr>');
    expect(html).toContain('<input type="hidden" name="ids" value="7">');
    expect(html).toContain('Retry all 1 dead entries');
    expect(html).toContain('Orders reconciled up to: <b>not yet</b>');
  });

  it('says when there is no store, and shows entries whose store is gone', () => {
    expect(renderStatusPage(model({ stores: [] }), '/s')).toContain('No Shopify B2B Store record yet');
    expect(renderStatusPage(model({ stores: [] }), '/s')).toContain('Entries of no store');
  });

  it('reads retry requests: entry ids, a store, or a clear refusal', () => {
    expect(parseRetryRequest({ action: 'retry', ids: '3, 4 5' })).toEqual({ kind: 'entries', ids: ['3', '4', '5'] });
    expect(parseRetryRequest({ action: 'retry', store: '2' })).toEqual({ kind: 'deadOfStore', storeId: '2' });
    expect(parseRetryRequest({ action: 'retry', ids: Array.from({ length: 150 }, (_, i) => i + 1).join(',') })).toMatchObject({ kind: 'entries', ids: expect.any(Array) });
    expect((parseRetryRequest({ action: 'retry', ids: Array.from({ length: 150 }, (_, i) => i + 1).join(',') }) as { ids: string[] }).ids).toHaveLength(MAX_RETRIES_PER_REQUEST);
    expect(parseRetryRequest({ action: 'delete' })).toEqual({ kind: 'invalid', message: 'Unknown action "delete": the status page knows "retry".' });
    expect(parseRetryRequest({ action: 'retry', store: 'x' })).toEqual({ kind: 'invalid', message: '"x" is not a store record id.' });
  });
});
