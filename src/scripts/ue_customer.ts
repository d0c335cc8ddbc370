/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

// Company push trigger (stores where NetSuite masters companies): saving a company customer marked
// "Sync to Shopify as a company", or one of its sub-customers, queues the company for Shopify.
import type { EntryPoints } from 'N/types';
import * as search from 'N/search';
import { COMPANY_PUSH_TOPIC } from '../handlers/companyPush';
import { LOCATION_GID_FIELD, PUSH_FIELD } from '../netsuite/companyCustomers';
import { ENTITY_UPDATED_AT_FIELD } from '../netsuite/customers';
import { nudgeProcessor } from '../netsuite/nudge';
import { enqueue } from '../netsuite/queueStore';
import { SHOPIFY_GID_FIELDS, STORE_LINK_FIELDS } from '../netsuite/shopifyLinks';
import { loadStores, lookupStore } from '../netsuite/stores';

/** Fields only the connector writes (the Shopify ids written back): an edit of nothing else is not a change to push. */
const CONNECTOR_FIELDS = new Set<string>([SHOPIFY_GID_FIELDS.customer, LOCATION_GID_FIELD, ENTITY_UPDATED_AT_FIELD]);

function onlyConnectorFields(fields: string[]): boolean {
  return fields.every((f) => CONNECTOR_FIELDS.has(f));
}

function text(value: unknown): string {
  if (Array.isArray(value)) return text((value[0] as { value?: unknown } | undefined)?.value);
  return value === null || value === undefined ? '' : String(value);
}

export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  const T = context.UserEventType;
  if (context.type === T.DELETE) return;
  const rec = context.newRecord;
  if (context.type === T.XEDIT && onlyConnectorFields(rec.getFields())) return;
  const parentId = text(rec.getValue({ fieldId: 'parent' }));
  const topId = parentId || String(rec.id);
  const top = parentId
    ? search.lookupFields({ type: search.Type.CUSTOMER, id: parentId, columns: [PUSH_FIELD, STORE_LINK_FIELDS.entity] })
    : { [PUSH_FIELD]: rec.getValue({ fieldId: PUSH_FIELD }), [STORE_LINK_FIELDS.entity]: rec.getValue({ fieldId: STORE_LINK_FIELDS.entity }) };
  const marked = top[PUSH_FIELD] === true || top[PUSH_FIELD] === 'T';
  const storeId = text(top[STORE_LINK_FIELDS.entity]);
  if (!marked || !storeId) return;
  const lookup = lookupStore(loadStores(), storeId);
  if (lookup.status !== 'ok' || lookup.config.companyMaster !== 'netsuite' || !lookup.config.syncs.companies) return;
  const queued = enqueue({
    key: `out:${lookup.config.shopDomain}:company:${topId}:${Date.now()}`,
    direction: 'outbound',
    topic: COMPANY_PUSH_TOPIC,
    storeId,
    netsuiteType: 'customer',
    netsuiteId: topId,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date().toISOString(),
    retryRequested: false,
  });
  if (queued.status === 'created') nudgeProcessor('outbound');
};
