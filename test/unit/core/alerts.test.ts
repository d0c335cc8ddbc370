import { THROTTLING_ALERT_THRESHOLD, planDigest, type DigestInputs } from '../../../src/core/alerts';
import type { QueueEntry } from '../../../src/core/queueEntry';

const NOW = Date.parse('2026-11-02T12:00:00Z');
const dead = (id: string, code: string, message: string): QueueEntry => ({
  id,
  key: `k${id}`,
  direction: 'outbound',
  topic: 'fulfillment/push',
  storeId: '7',
  netsuiteType: 'itemfulfillment',
  netsuiteId: id,
  status: 'dead',
  attempts: 8,
  retryRequested: false,
  lastError: { code, message, at: '2026-11-02T11:00:00Z' },
});

function inputs(overrides: Partial<DigestInputs> = {}): DigestInputs {
  return {
    store: { id: '7', name: 'Acme', recipients: ['ops@acme.com'], intervalMinutes: 60 },
    deadEntries: [],
    problems: [],
    throttledCount: 0,
    backlog: 0,
    ...overrides,
  };
}
const link = (e: QueueEntry) => `https://123.app.netsuite.com/app/common/custom/custrecordentry.nl?rectype=9&id=${e.id}`;

describe('the alert digest', () => {
  it('says nothing when nothing needs a person', () => {
    expect(planDigest(inputs({ throttledCount: THROTTLING_ALERT_THRESHOLD - 1, backlog: 40 }), NOW, link)).toBeUndefined();
  });

  it('names each failed record, its error and a link, and says what to do', () => {
    const digest = planDigest(inputs({ deadEntries: [dead('55', 'SHOPIFY_USER_ERROR', 'fulfillmentCreate was refused by Shopify: order is cancelled')] }), NOW, link)!;
    expect(digest.subject).toBe('Shopify B2B: Acme: 1 failed entry');
    expect(digest.body).toContain('- fulfillment/push (itemfulfillment 55): SHOPIFY_USER_ERROR: fulfillmentCreate was refused by Shopify: order is cancelled');
    expect(digest.body).toContain('rectype=9&id=55');
    expect(digest.body).toContain('tick Retry');
  });

  it('reports a refused token once, as a store problem', () => {
    const digest = planDigest(
      inputs({
        store: { id: '7', name: 'Acme', recipients: ['ops@acme.com'], intervalMinutes: 60, tokenSecretId: 'custsecret_sb2b_acme_token' },
        problems: [{ code: 'SHOPIFY_AUTH', message: 'Shopify refused the access token for acme-b2b.myshopify.com (HTTP 401).' }],
      }),
      NOW,
      link,
    )!;
    expect(digest.subject).toBe('Shopify B2B: Acme: 1 store problem');
    expect(digest.body).toMatch(/Store problem \(SHOPIFY_AUTH\).*\n {2}Put a valid Admin API access token in the API Secret custsecret_sb2b_acme_token .*\n.*nothing syncs for this store/);
  });

  it('reports a store that keeps throttling', () => {
    expect(planDigest(inputs({ throttledCount: THROTTLING_ALERT_THRESHOLD }), NOW, link)?.subject).toBe('Shopify B2B: Acme: heavy throttling');
  });

  it('sends at most one digest per store per interval', () => {
    const problems = [{ code: 'SHOPIFY_AUTH', message: 'refused' }];
    const recent = inputs({ problems, store: { id: '7', name: 'Acme', recipients: ['ops@acme.com'], intervalMinutes: 60, lastAlertAt: '2026-11-02T11:30:00Z' } });
    expect(planDigest(recent, NOW, link)).toBeUndefined();
    const older = inputs({ problems, store: { ...recent.store, lastAlertAt: '2026-11-02T11:00:00Z' } });
    expect(planDigest(older, NOW, link)).toBeDefined();
  });

  it('caps the list of entries in one email', () => {
    const many = Array.from({ length: 60 }, (_, i) => dead(String(i), 'X', 'broke'));
    const digest = planDigest(inputs({ deadEntries: many }), NOW, link)!;
    expect(digest.body.match(/^- /gm)).toHaveLength(50);
    expect(digest.body).toContain('… and 10 more');
  });
});
