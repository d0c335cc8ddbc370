/**
 * `npm start` end to end: the demo's business day runs through the built bundle and ends with
 * Shopify and NetSuite agreeing. A step that does not turn out as the story says fails here, naming it.
 */
import { runDemo } from '../../sandbox/demo/story';

it('tells the whole business day and ends with both sides agreeing', async () => {
  const lines: string[] = [];
  const result = await runDemo({ print: (line) => lines.push(line) });
  expect(result.problems).toEqual([]);
  expect(result.rows.filter((r) => !r.agree)).toEqual([]);
  expect(result.ok).toBe(true);
  // Every chapter was told, faults included.
  const story = lines.join('\n');
  for (const chapter of ['The connector is installed', 'first reconciliation', 'Initech orders', 'retail storefront', 'ships Globex', 'pallet of M8 bolts', 'A bad afternoon', 'End of day']) {
    expect(story).toContain(chapter);
  }
  expect(result.stats.throttled).toBeGreaterThan(0);
}, 240_000);

it('names what disagrees when the two sides do not agree at the end of the day (npm start then exits 1)', async () => {
  const result = await runDemo({
    beforeReconciliation: (world) => {
      // Someone deletes one of the day's sales orders in NetSuite.
      const [latest] = world.netsuite.query(`SELECT id FROM transaction WHERE type = 'SalesOrd' ORDER BY id DESC`);
      world.netsuite.ui.delete('salesorder', Number(latest.id));
    },
  });
  expect(result.ok).toBe(false);
  expect(result.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^B2B orders → sales orders: Shopify 6, NetSuite 5$/)]));
}, 240_000);
