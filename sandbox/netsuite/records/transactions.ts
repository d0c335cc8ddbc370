/**
 * What transactions do to each other and to stock, as NetSuite does it:
 * - a sales order commits available stock for its open lines once approved; its status follows its
 *   fulfilled and billed quantities (Pending Fulfillment → Partially Fulfilled → Pending Billing → Billed);
 * - an item fulfillment raises the order's fulfilled quantities and, once Shipped, lowers on hand;
 * - an invoice raises the order's billed quantities; payments and credit memos pay invoices down;
 * - an item receipt raises a return's received quantities and puts stock back; credit memos and cash
 *   refunds from a return raise its refunded quantities;
 * - an inventory adjustment changes on hand by `adjustqtyby`.
 * Effects are derived from a record's data, so an edit reverts the old effects and applies the new
 * ones, and a delete reverts them.
 */
import type { LineData, RecordData, Value } from '../models/store';
import { num, round2 } from './values';

export type Effect =
  | { kind: 'fulfill'; order: number; line: number; qty: number }
  | { kind: 'bill'; order: number; line: number; qty: number }
  | { kind: 'receive'; order: number; line: number; qty: number }
  | { kind: 'refund'; order: number; line: number; qty: number }
  | { kind: 'stock'; item: number; location: number; qty: number }
  | { kind: 'pay'; invoice: number; amount: number };

export interface TransactionWorld {
  itemType(itemId: number): string | undefined;
  /** Location a line stocks from: the line's, else the header's. */
  lineLocation(data: RecordData, line: LineData): number | undefined;
}

export const STOCKED_ITEM_TYPES = ['inventoryitem', 'assemblyitem'];
export const FULFILLABLE_ITEM_TYPES = ['inventoryitem', 'assemblyitem', 'kititem', 'noninventoryitem'];

const SALES_LINE_TYPES = ['salesorder', 'invoice', 'creditmemo', 'returnauthorization', 'cashrefund'];

function isChecked(v: Value | undefined): boolean {
  return v === true || v === 'T';
}

function ref(v: Value | undefined): number | undefined {
  const n = Number(v);
  return v !== '' && v !== null && v !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Line amounts and the header's subtotal and total, as a save computes them. */
export function computeAmounts(data: RecordData) {
  if (!SALES_LINE_TYPES.includes(data.type)) return;
  let subtotal = 0;
  for (const line of data.sublists.item ?? []) {
    const f = line.fields;
    const hasQty = f.quantity !== undefined && f.quantity !== '';
    if (!hasQty) f.quantity = 1;
    const qty = num(f.quantity);
    const hasRate = f.rate !== undefined && f.rate !== '';
    const hasAmount = f.amount !== undefined && f.amount !== '';
    if (hasRate) f.amount = round2(qty * num(f.rate));
    else if (hasAmount && qty !== 0) f.rate = num(f.amount) / qty;
    else {
      f.rate = 0;
      f.amount = 0;
    }
    subtotal += num(f.amount);
  }
  data.fields.subtotal = round2(subtotal);
  const extra = num(data.fields.shippingcost) + num(data.fields.handlingcost) + num(data.fields.taxtotal) + num(data.fields.discounttotal);
  data.fields.total = round2(subtotal + extra);
}

/** The effects a committed transaction has on others and on stock. */
export function effectsOf(data: RecordData, world: TransactionWorld): Effect[] {
  const effects: Effect[] = [];
  const from = ref(data.fields.createdfrom);
  const lines = data.sublists.item ?? [];
  switch (data.type) {
    case 'itemfulfillment': {
      const shipped = (data.fields.shipstatus || 'C') === 'C';
      for (const line of lines) {
        if (!isChecked(line.fields.itemreceive)) continue;
        const qty = num(line.fields.quantity);
        const orderLine = ref(line.fields.orderline);
        if (from && orderLine) effects.push({ kind: 'fulfill', order: from, line: orderLine, qty });
        const item = ref(line.fields.item);
        const location = world.lineLocation(data, line);
        if (shipped && item && location && STOCKED_ITEM_TYPES.includes(world.itemType(item) ?? '')) {
          effects.push({ kind: 'stock', item, location, qty: -qty });
        }
      }
      break;
    }
    case 'invoice':
      for (const line of lines) {
        const orderLine = ref(line.fields.orderline);
        if (from && orderLine) effects.push({ kind: 'bill', order: from, line: orderLine, qty: num(line.fields.quantity) });
      }
      break;
    case 'itemreceipt':
      for (const line of lines) {
        if (!isChecked(line.fields.itemreceive)) continue;
        const qty = num(line.fields.quantity);
        const orderLine = ref(line.fields.orderline);
        if (from && orderLine) effects.push({ kind: 'receive', order: from, line: orderLine, qty });
        const item = ref(line.fields.item);
        const location = world.lineLocation(data, line);
        const restock = line.fields.restock === undefined || line.fields.restock === '' || isChecked(line.fields.restock);
        if (restock && item && location && STOCKED_ITEM_TYPES.includes(world.itemType(item) ?? '')) {
          effects.push({ kind: 'stock', item, location, qty });
        }
      }
      break;
    case 'creditmemo':
    case 'cashrefund':
      for (const line of lines) {
        const orderLine = ref(line.fields.orderline);
        if (from && orderLine && data.meta.createdFromType === 'returnauthorization') {
          effects.push({ kind: 'refund', order: from, line: orderLine, qty: num(line.fields.quantity) });
        }
      }
      break;
    case 'inventoryadjustment':
      for (const line of data.sublists.inventory ?? []) {
        const item = ref(line.fields.item);
        const location = ref(line.fields.location) ?? ref(data.fields.adjlocation);
        if (item && location && STOCKED_ITEM_TYPES.includes(world.itemType(item) ?? '')) {
          effects.push({ kind: 'stock', item, location, qty: num(line.fields.adjustqtyby) });
        }
      }
      break;
    default:
      break;
  }
  if (data.type === 'customerpayment' || data.type === 'creditmemo') {
    for (const line of data.sublists.apply ?? []) {
      const invoice = ref(line.fields.doc);
      if (isChecked(line.fields.apply) && invoice) effects.push({ kind: 'pay', invoice, amount: num(line.fields.amount) });
    }
  }
  return effects;
}

export const SALES_ORDER_STATUS: Record<string, [string, string]> = {
  A: ['Pending Approval', 'pendingApproval'],
  B: ['Pending Fulfillment', 'pendingFulfillment'],
  C: ['Cancelled', 'cancelled'],
  D: ['Partially Fulfilled', 'partiallyFulfilled'],
  E: ['Pending Billing/Partially Fulfilled', 'pendingBillingPartFulfilled'],
  F: ['Pending Billing', 'pendingBilling'],
  G: ['Billed', 'fullyBilled'],
  H: ['Closed', 'closed'],
};

export const RETURN_STATUS: Record<string, [string, string]> = {
  A: ['Pending Approval', 'pendingApproval'],
  B: ['Pending Receipt', 'pendingReceipt'],
  C: ['Cancelled', 'cancelled'],
  D: ['Partially Received', 'partiallyReceived'],
  E: ['Pending Refund/Partially Received', 'pendingRefundPartReceived'],
  F: ['Pending Refund', 'pendingRefund'],
  G: ['Refunded', 'refunded'],
  H: ['Closed', 'closed'],
};

export const FULFILLMENT_STATUS: Record<string, [string, string]> = {
  A: ['Picked', 'picked'],
  B: ['Packed', 'packed'],
  C: ['Shipped', 'shipped'],
};

export const INVOICE_STATUS: Record<string, [string, string]> = {
  A: ['Open', 'open'],
  B: ['Paid In Full', 'paidInFull'],
};

/** SuiteQL `transaction.status` letter and BUILTIN.DF text per type. */
export const STATUS_TABLES: Record<string, { label: string; statuses: Record<string, [string, string]> }> = {
  salesorder: { label: 'Sales Order', statuses: SALES_ORDER_STATUS },
  returnauthorization: { label: 'Return Authorization', statuses: RETURN_STATUS },
  itemfulfillment: { label: 'Item Fulfillment', statuses: FULFILLMENT_STATUS },
  invoice: { label: 'Invoice', statuses: INVOICE_STATUS },
  creditmemo: { label: 'Credit Memo', statuses: { A: ['Open', 'open'], B: ['Fully Applied', 'fullyApplied'] } },
  customerpayment: { label: 'Payment', statuses: { B: ['Not Deposited', 'notDeposited'], C: ['Deposited', 'deposited'] } },
  cashrefund: { label: 'Cash Refund', statuses: { A: ['Not Deposited', 'notDeposited'] } },
  customerdeposit: { label: 'Customer Deposit', statuses: { A: ['Not Deposited', 'notDeposited'] } },
};

export function setStatus(data: RecordData, letter: string) {
  const table = STATUS_TABLES[data.type];
  data.meta.status = letter;
  if (!table) return;
  const [text, ref] = table.statuses[letter] ?? ['', ''];
  data.fields.status = text;
  data.fields.statusRef = ref;
}

function lineIsOpen(line: LineData) {
  return !isChecked(line.fields.isclosed);
}

/** A sales order's status from its approval, closed lines and fulfilled and billed quantities. */
export function salesOrderStatus(data: RecordData, world: TransactionWorld): string {
  const requested = String(data.fields.orderstatus || 'A');
  if (requested === 'A' || requested === 'C') return requested;
  const lines = (data.sublists.item ?? []).filter((l) => ref(l.fields.item));
  const open = lines.filter(lineIsOpen);
  if (lines.length > 0 && open.length === 0) return 'H';
  const fulfillable = open.filter((l) => FULFILLABLE_ITEM_TYPES.includes(world.itemType(ref(l.fields.item)!) ?? ''));
  const fulfilled = (l: LineData) => num(l.fields.quantityfulfilled);
  const billed = (l: LineData) => num(l.fields.quantitybilled);
  const anyFulfilled = fulfillable.some((l) => fulfilled(l) > 0);
  const allFulfilled = fulfillable.every((l) => fulfilled(l) >= num(l.fields.quantity));
  const anyBilled = open.some((l) => billed(l) > 0);
  const allBilled = open.every((l) => billed(l) >= num(l.fields.quantity));
  if (!anyFulfilled && !anyBilled) return fulfillable.length === 0 && open.length > 0 ? 'F' : 'B';
  if (!allFulfilled) return open.some((l) => billed(l) < fulfilled(l)) ? 'E' : 'D';
  return allBilled ? 'G' : 'F';
}

export function returnStatus(data: RecordData): string {
  const requested = String(data.fields.orderstatus || 'A');
  if (requested === 'A' || requested === 'C') return requested;
  const lines = (data.sublists.item ?? []).filter((l) => ref(l.fields.item) && lineIsOpen(l));
  if (lines.length === 0) return 'H';
  const received = (l: LineData) => num(l.fields.quantityreceived);
  const refunded = (l: LineData) => num(l.fields.quantitybilled);
  const allRefunded = lines.every((l) => refunded(l) >= num(l.fields.quantity));
  if (allRefunded) return 'G';
  const anyReceived = lines.some((l) => received(l) > 0);
  const allReceived = lines.every((l) => received(l) >= num(l.fields.quantity));
  if (!anyReceived) return 'B';
  if (!allReceived) return lines.some((l) => refunded(l) < received(l)) ? 'E' : 'D';
  return 'F';
}

export { ref as refOf, isChecked };
