/** The drift report a full reconciliation leaves: how far Shopify had drifted from NetSuite, and what was fixed. */
export interface Difference {
  itemId: string;
  inventoryItemGid: string;
  locationGid: string;
  netsuite: number;
  shopify: number | null;
}

export interface DriftReport {
  compared: number;
  differed: number;
  fixed: number;
  /** Left as Shopify has them: sold in Shopify during the run (pushed again later). */
  skippedStale: number;
  notStocked: number;
  largest: Difference[];
}

export function driftReport(compared: number, differences: Difference[], fixed: number, skippedStale: number, notStocked: number, keep = 20): DriftReport {
  const size = (d: Difference) => Math.abs(d.netsuite - (d.shopify ?? 0));
  return {
    compared,
    differed: differences.length,
    fixed,
    skippedStale,
    notStocked,
    largest: [...differences].sort((a, b) => size(b) - size(a) || a.inventoryItemGid.localeCompare(b.inventoryItemGid)).slice(0, keep),
  };
}

export function describeDrift(report: DriftReport): string {
  const lines = [
    `Compared ${report.compared} item-locations; ${report.differed} differed, ${report.fixed} fixed, ${report.skippedStale} left for the next run (sold in Shopify meanwhile), ${report.notStocked} not stocked at their Shopify location.`,
  ];
  if (report.largest.length) {
    lines.push('Largest differences (NetSuite → Shopify before the fix):');
    for (const d of report.largest) lines.push(`- item ${d.itemId} at ${d.locationGid}: NetSuite ${d.netsuite}, Shopify ${d.shopify ?? 'not stocked'}`);
  }
  return lines.join('\n');
}
