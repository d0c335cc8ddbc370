/**
 * The engine's Shopify client under a backlog: a Standard store (100 points a second) with a
 * 200-point bucket, and a burst of B2B orders that mr_inbound re-reads one by one (OrderForSync,
 * requested cost 36). Target (issue 5): while the backlog exists the client keeps at least 90% of
 * the store's restore rate busy, with at most 1% of its calls throttled.
 *
 * How the share is computed, from the local store's metrics and the shared virtual clock:
 *
 *   share = points spent / (points in the bucket when the backlog appeared + restore rate × seconds the backlog lasted)
 *
 * The denominator is every point Shopify could have let the connector spend while there was work:
 * what the bucket held at the start plus what it restored until the last order was synced. Points
 * spent are the actual query costs the store charged (what requested costs leave taken after
 * Shopify's refund). A client that waits longer than the bucket needs, sends less than it could, or
 * gives waits back to the queue leaves points unspent and the share drops. The sandbox charges no
 * time for NetSuite's own work (records, SuiteQL), so the seconds are those the client spent pacing:
 * the share measures the client, not NetSuite's speed. docs/performance.md explains the figures.
 */
import { createWorld } from '../../sandbox/world';
import { demoShop } from '../../sandbox/shopify/demo';
import { perEntity, resetMeters, shopifyTotals, unitsOf, type Scenario } from '../harness';

const ORDERS = 200;
const RESTORE_RATE = 100; // Shopify Standard
const BUCKET_SIZE = 200;

export const scenarios: Scenario[] = [
  {
    sync: 'engine',
    name: 'backlog-standard-small-bucket',
    description: `${ORDERS} B2B orders queued at once on a Standard store (${RESTORE_RATE} points/s) with a ${BUCKET_SIZE}-point bucket`,
    async run() {
      const world = await createWorld({ shop: { ...demoShop(), plan: 'standard', bucketSize: BUCKET_SIZE } });
      try {
        const order = (po: string) => ({ company: 'NS-CUST-1001', poNumber: po, lines: [{ sku: 'HB-M8-40', quantity: 10 }, { sku: 'FW-M8-100', quantity: 2 }] });
        await world.shopify.post(`/shops/${world.shop}/actions/place-order`, order('PO-WARMUP'));
        await world.settle(); // the company comes in with the first order
        for (let i = 1; i <= ORDERS; i++) await world.shopify.post(`/shops/${world.shop}/actions/place-order`, order(`PO-${i}`));
        await resetMeters(world);

        // The backlog appears: the webhooks are in flight, the bucket holds what it holds.
        const startLevel = (await world.shopify.post<{ currentlyAvailable: number }>(`/shops/${world.shop}/bucket`, {})).currentlyAvailable;
        const startedAt = world.clock.now();
        await world.settle();
        const seconds = (world.clock.now() - startedAt) / 1000;

        const shopify = await shopifyTotals(world);
        const share = shopify.actualCost / (startLevel + RESTORE_RATE * seconds);
        const throttledShare = shopify.calls === 0 ? 0 : shopify.throttled / shopify.calls;
        const synced = Number(world.netsuite.query(`SELECT COUNT(*) AS n FROM customrecord_sb2b_queue WHERE custrecord_sb2b_q_topic = 'order/sync' AND custrecord_sb2b_q_status = 'done'`)[0].n) - 1;
        const firstAttempt = Number(
          world.netsuite.query(`SELECT COUNT(*) AS n FROM customrecord_sb2b_queue WHERE custrecord_sb2b_q_topic = 'order/sync' AND custrecord_sb2b_q_attempts = 1 AND custrecord_sb2b_q_status = 'done'`)[0].n,
        ) - 1;
        const units = unitsOf(world);
        return {
          entities: ORDERS,
          entityName: 'orders',
          netsuiteUnits: units,
          shopifyCalls: shopify.calls,
          minimumCalls: ORDERS,
          requestedCost: shopify.requestedCost,
          actualCost: shopify.actualCost,
          throttled: shopify.throttled,
          rateLimitShare: Math.round(share * 1000) / 1000,
          targets: [
            { name: 'share of the restore rate used while the backlog lasted', value: Math.round(share * 1000) / 1000, limit: 0.9, atLeast: true },
            { name: 'share of calls throttled', value: Math.round(throttledShare * 10000) / 10000, limit: 0.01 },
            { name: 'orders synced on their first attempt', value: firstAttempt, limit: ORDERS, atLeast: true },
          ],
          notes: [
            `${shopify.actualCost} points spent in ${seconds.toFixed(1)} virtual seconds with ${startLevel} in the bucket at the start: ` +
              `${shopify.actualCost} / (${startLevel} + ${RESTORE_RATE} × ${seconds.toFixed(1)}) = ${(share * 100).toFixed(1)}% of the restore rate; ` +
              `${shopify.throttled} of ${shopify.calls} calls throttled; ${synced} orders synced, ${perEntity(units, ORDERS)} units each (all scripts)`,
          ],
        };
      } finally {
        await world.close();
      }
    },
  },
];
