/**
 * record.transform: a new record pre-filled from another, carrying lines and quantities as NetSuite
 * does. Sales order → item fulfillment (the quantity still to fulfil per fulfillable line, marked
 * itemreceive, each kit followed by its members), → invoice (fulfilled but unbilled quantities of
 * fulfillable items, the rest of other lines), → return authorization; invoice → customer payment
 * (the invoice applied for what is due), → credit memo; return authorization → item receipt (what
 * is still to receive), → credit memo, → cash refund (what is still to refund); customer →
 * transactions for that customer.
 */
import { errors } from '../errors';
import type { LineData, RecordData, Value } from '../models/store';
import { FULFILLABLE_ITEM_TYPES, isChecked, refOf } from './transactions';
import { num } from './values';

export interface TransformWorld {
  newData(type: string): RecordData;
  newLine(data: RecordData, sublistId: string): LineData;
  itemType(itemId: number): string | undefined;
  /** The item's name as item lines show it (itemname). */
  itemName(itemId: number): string;
  /** A kit's members and the quantity of each in one kit. */
  kitMembers(kitId: number): { item: number; quantity: number }[];
  /** Custom column fields that apply to both types (copied from the source line). */
  sharedColumnFields(fromType: string, toType: string): string[];
  /** Custom body fields that apply to both types (copied from the source, as the Fulfill button does). */
  sharedBodyFields(fromType: string, toType: string): string[];
  openInvoicesOf(customer: number): RecordData[];
  today(): Date;
}

const ORDER_STATUSES_CLOSED = ['A', 'C', 'H'];

function copyFields(from: Record<string, Value>, to: Record<string, Value>, ids: string[]) {
  for (const id of ids) if (from[id] !== undefined && from[id] !== '') to[id] = from[id];
}

function addLine(world: TransformWorld, data: RecordData, sublistId: string, fields: Record<string, Value>): LineData {
  const line = world.newLine(data, sublistId);
  Object.assign(line.fields, fields);
  data.sublists[sublistId] ??= [];
  data.sublists[sublistId].push(line);
  return line;
}

/**
 * The source's lines with something left to do: an item, not closed, goods only when asked, and
 * the line's quantity less what `doneField` says was already done (fulfilled, received, refunded).
 */
function openLines(world: TransformWorld, source: RecordData, doneField: string, goodsOnly: boolean): { line: LineData; item: number; remaining: number }[] {
  const open: { line: LineData; item: number; remaining: number }[] = [];
  for (const line of source.sublists.item ?? []) {
    const item = refOf(line.fields.item);
    if (!item || isChecked(line.fields.isclosed) || (goodsOnly && !FULFILLABLE_ITEM_TYPES.includes(world.itemType(item) ?? ''))) continue;
    const remaining = num(line.fields.quantity) - num(line.fields[doneField]);
    if (remaining > 0) open.push({ line, item, remaining });
  }
  return open;
}

export function transformData(world: TransformWorld, source: RecordData, toType: string): RecordData {
  const target = world.newData(toType);
  target.meta.createdFromType = source.type;
  const sf = source.fields;
  const tf = target.fields;
  const today = world.today();
  const status = String(source.meta.status ?? sf.orderstatus ?? '');
  const shared = world.sharedColumnFields(source.type, toType);
  const header = (ids: string[]) => copyFields(sf, tf, ids);
  const refuse = () => errors.invalidInitializeRef(toType, source.id);

  const key = `${source.type}>${toType}`;
  switch (key) {
    case 'salesorder>itemfulfillment': {
      if (ORDER_STATUSES_CLOSED.includes(status)) throw refuse();
      tf.createdfrom = String(source.id);
      header(['entity', 'subsidiary', 'shipmethod']);
      // Oracle's help (custom fields, "View from Order Only"): on Fulfill, a custom body field applied
      // to both the sales order and the item fulfillment takes the sales order's value.
      header(world.sharedBodyFields(source.type, toType));
      tf.shipstatus = 'C';
      tf.trandate = today;
      for (const { line, item, remaining } of openLines(world, source, 'quantityfulfilled', true)) {
        const fields: Record<string, Value> = {
          item: String(item),
          itemname: world.itemName(item),
          quantity: remaining,
          quantityremaining: remaining,
          itemreceive: true,
          orderline: String(line.lineId),
          location: line.fields.location || sf.location || '',
        };
        if (line.fields.description) fields.description = line.fields.description;
        copyFields(line.fields, fields, shared);
        const kit = addLine(world, target, 'item', fields);
        // A kit ships as its members: each gets a line under the kit's, pointing at it (kitmemberof),
        // with no order line of its own. Member quantities follow the kit's (see RecordService.prepare).
        if (world.itemType(item) === 'kititem') {
          for (const member of world.kitMembers(item)) {
            addLine(world, target, 'item', {
              item: String(member.item),
              itemname: world.itemName(member.item),
              quantity: remaining * member.quantity,
              quantityremaining: remaining * member.quantity,
              itemreceive: true,
              kitmemberof: kit.lineId,
              location: fields.location,
            });
          }
        }
      }
      if ((target.sublists.item ?? []).length === 0) throw refuse();
      break;
    }
    case 'salesorder>invoice': {
      if (ORDER_STATUSES_CLOSED.includes(status)) throw refuse();
      tf.createdfrom = String(source.id);
      header(['entity', 'currency', 'subsidiary', 'terms', 'otherrefnum', 'location', 'memo', 'shippingcost', 'handlingcost']);
      tf.trandate = today;
      for (const line of source.sublists.item ?? []) {
        const item = refOf(line.fields.item);
        if (!item || isChecked(line.fields.isclosed)) continue;
        const fulfillable = FULFILLABLE_ITEM_TYPES.includes(world.itemType(item) ?? '');
        const ceiling = fulfillable ? num(line.fields.quantityfulfilled) : num(line.fields.quantity);
        const billable = ceiling - num(line.fields.quantitybilled);
        if (billable <= 0) continue;
        const fields: Record<string, Value> = { item: String(item), quantity: billable, rate: line.fields.rate ?? 0, orderline: String(line.lineId) };
        copyFields(line.fields, fields, ['description', 'location', 'price']);
        copyFields(line.fields, fields, shared);
        addLine(world, target, 'item', fields);
      }
      if ((target.sublists.item ?? []).length === 0) throw refuse();
      break;
    }
    case 'salesorder>returnauthorization':
    case 'invoice>returnauthorization': {
      if (source.type === 'salesorder' && ['A', 'C'].includes(status)) throw refuse();
      tf.createdfrom = String(source.id);
      header(['entity', 'currency', 'subsidiary', 'location', 'otherrefnum']);
      tf.trandate = today;
      for (const line of source.sublists.item ?? []) {
        const item = refOf(line.fields.item);
        if (!item) continue;
        const fields: Record<string, Value> = { item: String(item), quantity: num(line.fields.quantity), rate: line.fields.rate ?? 0, orderline: String(line.lineId) };
        copyFields(line.fields, fields, ['description', 'location']);
        copyFields(line.fields, fields, shared);
        addLine(world, target, 'item', fields);
      }
      break;
    }
    case 'invoice>customerpayment': {
      const remaining = num(sf.amountremaining ?? sf.total);
      if (remaining <= 0) throw refuse();
      tf.customer = sf.entity ?? '';
      header(['currency', 'subsidiary']);
      tf.payment = remaining;
      tf.trandate = today;
      for (const invoice of world.openInvoicesOf(Number(sf.entity))) {
        const isThis = invoice.id === source.id;
        addLine(world, target, 'apply', {
          doc: String(invoice.id),
          apply: isThis,
          amount: isThis ? remaining : '',
          due: num(invoice.fields.amountremaining),
          total: num(invoice.fields.total),
          refnum: invoice.fields.tranid ?? '',
          applydate: invoice.fields.trandate ?? '',
          type: 'Invoice',
        });
      }
      break;
    }
    case 'invoice>creditmemo': {
      tf.createdfrom = String(source.id);
      header(['entity', 'currency', 'subsidiary', 'location', 'otherrefnum']);
      tf.trandate = today;
      for (const line of source.sublists.item ?? []) {
        const item = refOf(line.fields.item);
        if (!item) continue;
        const fields: Record<string, Value> = { item: String(item), quantity: num(line.fields.quantity), rate: line.fields.rate ?? 0 };
        copyFields(line.fields, fields, ['description', 'location']);
        copyFields(line.fields, fields, shared);
        addLine(world, target, 'item', fields);
      }
      addLine(world, target, 'apply', {
        doc: String(source.id),
        apply: num(sf.amountremaining ?? sf.total) > 0,
        amount: num(sf.amountremaining ?? sf.total),
        due: num(sf.amountremaining ?? sf.total),
        total: num(sf.total),
        refnum: sf.tranid ?? '',
      });
      break;
    }
    case 'returnauthorization>itemreceipt': {
      if (['A', 'C', 'H'].includes(status)) throw refuse();
      tf.createdfrom = String(source.id);
      header(['entity', 'subsidiary', 'location', 'currency']);
      tf.trandate = today;
      for (const { line, item, remaining } of openLines(world, source, 'quantityreceived', true)) {
        const fields: Record<string, Value> = {
          item: String(item),
          quantity: remaining,
          quantityremaining: remaining,
          itemreceive: true,
          restock: true,
          orderline: String(line.lineId),
          location: line.fields.location || sf.location || '',
        };
        copyFields(line.fields, fields, shared);
        addLine(world, target, 'item', fields);
      }
      if ((target.sublists.item ?? []).length === 0) throw refuse();
      break;
    }
    case 'returnauthorization>creditmemo':
    case 'returnauthorization>cashrefund': {
      if (['A', 'C', 'H'].includes(status)) throw refuse();
      tf.createdfrom = String(source.id);
      header(['entity', 'currency', 'subsidiary', 'location', 'otherrefnum']);
      tf.trandate = today;
      for (const { line, item, remaining } of openLines(world, source, 'quantitybilled', false)) {
        const fields: Record<string, Value> = { item: String(item), quantity: remaining, rate: line.fields.rate ?? 0, orderline: String(line.lineId) };
        copyFields(line.fields, fields, ['description', 'location']);
        copyFields(line.fields, fields, shared);
        addLine(world, target, 'item', fields);
      }
      if ((target.sublists.item ?? []).length === 0) throw refuse();
      break;
    }
    default:
      if (source.type === 'customer') {
        if (toType === 'customerpayment') tf.customer = String(source.id);
        else tf.entity = String(source.id);
        header(['currency', 'subsidiary']);
        if (toType !== 'customerpayment' && sf.terms) tf.terms = sf.terms;
        tf.trandate = today;
        break;
      }
      throw errors.unsupported(`record.transform from ${source.type} to ${toType}`);
  }
  return target;
}
