/**
 * What a push found and did, summed over a run's chunks: how many item-locations were compared, how
 * many differed in Shopify, how many were fixed, what was left for later and why, and the largest
 * differences. A full reconciliation keeps it as the drift report an admin reads.
 */
export interface Difference {
  itemId: string;
  inventoryItemGid: string;
  locationGid: string;
  /** What Shopify should show (NetSuite available − buffer). */
  netsuite: number;
  /** What Shopify showed before the fix. */
  shopify: number;
}

export interface PushTally {
  compared: number;
  differed: number;
  fixed: number;
  /** Left as Shopify has them: sold in Shopify between the read and the write (pushed again later). */
  skippedStale: number;
  /** Not stocked at their Shopify location (activate them there in Shopify). */
  notStocked: number;
  /** The largest differences, biggest first. */
  largest: Difference[];
}

export const LARGEST_KEPT = 20;

export function emptyTally(): PushTally {
  return { compared: 0, differed: 0, fixed: 0, skippedStale: 0, notStocked: 0, largest: [] };
}

const size = (d: Difference) => Math.abs(d.netsuite - d.shopify);

function largestOf(differences: Difference[], keep: number): Difference[] {
  return [...differences].sort((a, b) => size(b) - size(a) || a.itemId.localeCompare(b.itemId, 'en', { numeric: true }) || a.locationGid.localeCompare(b.locationGid)).slice(0, keep);
}

/** Adds one chunk's differences, keeping only the largest (a run's output stays small at any scale). */
export function withDifferences(tally: PushTally, differences: Difference[], keep = LARGEST_KEPT): PushTally {
  return { ...tally, differed: tally.differed + differences.length, largest: largestOf([...tally.largest, ...differences], keep) };
}

export function mergeTallies(tallies: PushTally[], keep = LARGEST_KEPT): PushTally {
  const total = emptyTally();
  for (const t of tallies) {
    total.compared += t.compared;
    total.differed += t.differed;
    total.fixed += t.fixed;
    total.skippedStale += t.skippedStale;
    total.notStocked += t.notStocked;
  }
  total.largest = largestOf(
    tallies.flatMap((t) => t.largest),
    keep,
  );
  return total;
}

export interface DriftNames {
  /** NetSuite item names (SKUs) by internal id. */
  items?: Record<string, string>;
  /** Shopify location names (the NetSuite locations mapped there) by gid. */
  locations?: Record<string, string>;
}

export function driftSummary(tally: PushTally): string {
  return (
    `Compared ${tally.compared} item-locations; ${tally.differed} differed in Shopify, ${tally.fixed} fixed` +
    `, ${tally.skippedStale} left as Shopify has them (sold in Shopify during the run; pushed again once the order reaches NetSuite)` +
    `, ${tally.notStocked} not stocked at their Shopify location.`
  );
}

/** The drift report as an admin reads it. */
export function describeDrift(tally: PushTally, names: DriftNames = {}, reference?: string): string {
  const lines = [driftSummary(tally)];
  if (tally.largest.length) {
    lines.push('', `Largest differences (what Shopify showed → what NetSuite says it should show):`);
    for (const d of tally.largest) {
      const item = names.items?.[d.itemId] ? `${names.items[d.itemId]} (item ${d.itemId})` : `item ${d.itemId}`;
      const location = names.locations?.[d.locationGid] ? `${names.locations[d.locationGid]} (${d.locationGid})` : d.locationGid;
      const diff = d.netsuite - d.shopify;
      lines.push(`- ${item} at ${location}: Shopify ${d.shopify} → ${d.netsuite} (${diff > 0 ? '+' : ''}${diff})`);
    }
  }
  if (tally.skippedStale > 0) lines.push('', 'Items sold in Shopify while this run compared them were left alone: overwriting them would sell units NetSuite has not yet seen sold.');
  if (tally.notStocked > 0) lines.push('', 'Items not stocked at a Shopify location are not pushed there: activate them at that location in Shopify to sync them.');
  if (reference) lines.push('', `Shopify's inventory history shows these changes with reference ${reference}.`);
  return lines.join('\n');
}
