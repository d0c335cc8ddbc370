/** The benchmark's printout: per-entity figures, targets missed named, changes since the last run. */
import { changes, table } from '../../../bench/report';
import type { ScenarioResult } from '../../../bench/harness';

function result(overrides: Partial<ScenarioResult> = {}): ScenarioResult {
  return {
    sync: 'orders',
    scenario: 'burst',
    entities: 50,
    entityName: 'orders',
    netsuiteUnits: 2660,
    shopifyCalls: 50,
    minimumCalls: 50,
    requestedCost: 2350,
    actualCost: 1450,
    throttled: 0,
    wallMs: 12_345,
    peakRssMb: 310,
    targets: [{ name: 'units per order', value: 53.2, limit: 60 }],
    notes: [],
    ...overrides,
  };
}

describe('table', () => {
  it('prints figures per entity, the rate used where measured, and "all met"', () => {
    const [head, , row] = table([result({ rateLimitShare: 0.996 })]).split('\n');
    expect(head.split(/\s{2,}/)).toEqual(['sync', 'scenario', 'entities', 'units/entity', 'calls/entity', 'min calls/entity', 'cost/entity', 'throttled', 'rate used', 'wall s', 'rss MB', 'targets']);
    expect(row.split(/\s{2,}/)).toEqual(['orders', 'burst', '50 orders', '53.2', '1', '1', '29', '0', '100%', '12.3', '310', 'all met']);
  });

  it('names every missed target with its value and limit', () => {
    const row = table([result({ targets: [{ name: 'units per order', value: 61, limit: 60 }, { name: 'rate used', value: 0.8, limit: 0.9, atLeast: true }] })]).split('\n')[2];
    expect(row).toContain('MISSED: units per order 61 (limit 60); rate used 0.8 (limit 0.9)');
  });
});

describe('changes since the previous run', () => {
  it('lists the per-entity figures that moved, and only scenarios that ran both times', () => {
    const previous = [result({ netsuiteUnits: 2750 }), result({ scenario: 'gone' })];
    expect(changes([result(), result({ scenario: 'new' })], previous)).toEqual(['  orders/burst: units/entity 55 → 53.2']);
  });

  it('is empty when nothing moved', () => {
    expect(changes([result()], [result({ wallMs: 99_999 })])).toEqual([]);
  });
});
