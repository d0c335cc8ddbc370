/**
 * @NApiVersion 2.1
 * @NScriptType UserEventScript
 * @NModuleScope SameAccount
 */

// Refuses a Shopify B2B Store or location mapping save that would not sync, telling the admin
// exactly what to fix; after an admin's change, clears the cached configuration and queues a
// connection check. Deployed on customrecord_sb2b_store and customrecord_sb2b_location_map.
import type { EntryPoints } from 'N/types';
import * as error from 'N/error';
import { describeProblems, validateLocationMapping, validateStoreValues } from '../core/storeConfig';
import { enqueue } from '../netsuite/queueStore';
import { nudgeProcessor } from '../netsuite/nudge';
import { verifyStoreEntry } from '../netsuite/storeSetup';
import {
  LOCATION_MAP_FIELDS,
  LOCATION_MAP_RECORD_TYPE,
  STORE_RECORD_TYPE,
  adminFieldsChanged,
  loadListMeanings,
  locationMappingsOf,
  recordReader,
  storeValuesFrom,
  storesWithDomain,
} from '../netsuite/storeRecord';
import { forgetStores } from '../netsuite/stores';

export const beforeSubmit: EntryPoints.UserEvent.beforeSubmit = (context) => {
  if (context.type === context.UserEventType.DELETE) return;
  const inlineEdit = context.type === context.UserEventType.XEDIT;
  // The connector's own bookkeeping (last alert, connection status) is not an admin's setup change.
  if (inlineEdit && !adminFieldsChanged(context.newRecord)) return;
  const read = recordReader(context.newRecord, context.oldRecord ?? undefined, inlineEdit);
  const id = String(context.newRecord.id ?? '');
  const recordType = String(context.newRecord.type);

  if (recordType === STORE_RECORD_TYPE) {
    const values = storeValuesFrom(id, read, loadListMeanings());
    if (values.isInactive) return; // an inactive store syncs nothing; let admins park a half-done setup
    const problems = validateStoreValues(values);
    const twins = values.shopDomain ? storesWithDomain(values.shopDomain, id) : [];
    if (twins.length > 0) {
      problems.push({
        setting: 'Shop domain',
        message: `Another active store record (id ${twins.join(', ')}) already syncs ${values.shopDomain.trim().toLowerCase()}. Keep one active record per Shopify store.`,
      });
    }
    if (problems.length > 0) throw error.create({ name: 'SB2B_INVALID_STORE_CONFIG', message: describeProblems('This Shopify B2B store', problems), notifyOff: true });
    return;
  }

  if (recordType === LOCATION_MAP_RECORD_TYPE) {
    if (read('isinactive') === true || read('isinactive') === 'T') return;
    const f = LOCATION_MAP_FIELDS;
    const storeId = String(read(f.store) ?? '');
    const mapping = {
      id,
      netsuiteLocationId: String(read(f.netsuiteLocationId) ?? ''),
      shopifyLocationGid: String(read(f.shopifyLocationGid) ?? ''),
      safetyBuffer: String(read(f.safetyBuffer) ?? ''),
    };
    const problems = validateLocationMapping(mapping, storeId ? locationMappingsOf(storeId) : []);
    if (problems.length > 0) throw error.create({ name: 'SB2B_INVALID_LOCATION_MAPPING', message: describeProblems('This location mapping', problems), notifyOff: true });
  }
};

export const afterSubmit: EntryPoints.UserEvent.afterSubmit = (context) => {
  if (context.type === context.UserEventType.XEDIT && !adminFieldsChanged(context.newRecord)) return;
  forgetStores();
  const isStore = String(context.newRecord.type) === STORE_RECORD_TYPE;
  const active = !(context.newRecord.getValue({ fieldId: 'isinactive' }) === true);
  if (isStore && context.type !== context.UserEventType.DELETE && active) {
    const queued = enqueue(verifyStoreEntry(String(context.newRecord.id), Date.now()));
    if (queued.status === 'created') nudgeProcessor('outbound');
  }
};
