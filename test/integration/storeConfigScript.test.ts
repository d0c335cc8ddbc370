/**
 * The built ue_store_config.js, loaded as NetSuite loads it, refuses a bad store setup with a message
 * that says what to fix and lets a good one through. N/query answers from a small in-test table; the
 * full local NetSuite account (sandbox/netsuite) runs the same file through real saves.
 */
import path from 'path';
import { BUILD_DIR } from '../../tools/build';
import { loadAmdFile } from '../../tools/sdf/builtScripts';

type Row = Record<string, unknown>;

function loadScript(tables: { lists: Row[]; stores: Row[]; mappings: Row[] }) {
  const queries: string[] = [];
  const modules: Record<string, unknown> = {
    'N/error': {
      create: ({ name, message }: { name: string; message: string }) => Object.assign(new Error(message), { name }),
    },
    'N/query': {
      runSuiteQL: ({ query }: { query: string }) => {
        queries.push(query);
        const rows = query.includes('UNION ALL') ? tables.lists : query.includes('customrecord_sb2b_location_map') ? tables.mappings : tables.stores;
        return { asMappedResults: () => rows };
      },
    },
  };
  const script = loadAmdFile(path.join(BUILD_DIR, 'ue_store_config.js'), (dep) => modules[dep]).exports as {
    beforeSubmit: (context: unknown) => void;
  };
  return { script, queries };
}

const UserEventType = { CREATE: 'create', EDIT: 'edit', XEDIT: 'xedit', DELETE: 'delete' };

function fakeRecord(type: string, id: number | null, values: Record<string, unknown>) {
  return { type, id, getValue: ({ fieldId }: { fieldId: string }) => values[fieldId] ?? '', getFields: () => Object.keys(values) };
}

const goodStore = {
  name: 'Acme',
  custrecord_sb2b_shop_domain: 'acme-b2b.myshopify.com',
  custrecord_sb2b_api_version: '2026-10',
  custrecord_sb2b_token_secret: 'custsecret_sb2b_acme_token',
  custrecord_sb2b_webhook_secret: 'custsecret_sb2b_acme_webhook',
  custrecord_sb2b_order_window_days: 90,
  custrecord_sb2b_sync_orders: true,
  custrecord_sb2b_alert_emails: 'ops@acme.com',
  custrecord_sb2b_order_status: '2',
};

const lists = [
  { field: 'newOrderStatus', id: 1, scriptid: 'VAL_SB2B_PENDING_APPROVAL' },
  { field: 'newOrderStatus', id: 2, scriptid: 'VAL_SB2B_PENDING_FULFILLMENT' },
];

describe('ue_store_config.js (built) on a Shopify B2B Store save', () => {
  it('lets a complete setup through', () => {
    const { script } = loadScript({ lists, stores: [], mappings: [] });
    expect(() =>
      script.beforeSubmit({ type: 'create', UserEventType, newRecord: fakeRecord('customrecord_sb2b_store', null, goodStore) }),
    ).not.toThrow();
  });

  it('refuses a bad setup, listing every fix in one message', () => {
    const { script } = loadScript({ lists, stores: [], mappings: [] });
    const bad = { ...goodStore, custrecord_sb2b_shop_domain: 'acme.com', custrecord_sb2b_order_window_days: 400 };
    expect(() => script.beforeSubmit({ type: 'edit', UserEventType, newRecord: fakeRecord('customrecord_sb2b_store', 7, bad) })).toThrow(
      expect.objectContaining({
        name: 'SB2B_INVALID_STORE_CONFIG',
        message: expect.stringMatching(/cannot be saved until these are fixed:\n1\. Shop domain "acme.com" .*\n2\. B2B order sync window is "400"/),
      }),
    );
  });

  it('refuses a second active record for the same shop', () => {
    const { script, queries } = loadScript({ lists, stores: [{ id: 3 }], mappings: [] });
    expect(() => script.beforeSubmit({ type: 'create', UserEventType, newRecord: fakeRecord('customrecord_sb2b_store', null, goodStore) })).toThrow(
      /Another active store record \(id 3\) already syncs acme-b2b.myshopify.com/,
    );
    expect(queries.some((q) => /FROM customrecord_sb2b_store WHERE LOWER\(custrecord_sb2b_shop_domain\) = \?/.test(q))).toBe(true);
  });

  it('reads unchanged fields from the old record on an inline edit', () => {
    const { script } = loadScript({ lists, stores: [], mappings: [] });
    const oldRecord = fakeRecord('customrecord_sb2b_store', 7, goodStore);
    const newRecord = fakeRecord('customrecord_sb2b_store', 7, { custrecord_sb2b_order_window_days: 30 });
    expect(() => script.beforeSubmit({ type: 'xedit', UserEventType, newRecord, oldRecord })).not.toThrow();
  });
});

describe('ue_store_config.js (built) on a location mapping save', () => {
  const mapping = {
    custrecord_sb2b_lm_store: '7',
    custrecord_sb2b_lm_ns_location: '3',
    custrecord_sb2b_lm_shopify_location: 'gid://shopify/Location/68',
    custrecord_sb2b_lm_safety_buffer: 0,
  };

  it('refuses a NetSuite location mapped twice for the store', () => {
    const { script } = loadScript({ lists, stores: [], mappings: [{ id: 12, nsloc: '3', gid: 'gid://shopify/Location/69', buffer: 0 }] });
    expect(() =>
      script.beforeSubmit({ type: 'create', UserEventType, newRecord: fakeRecord('customrecord_sb2b_location_map', null, mapping) }),
    ).toThrow(expect.objectContaining({ name: 'SB2B_INVALID_LOCATION_MAPPING', message: expect.stringContaining('already mapped for this store') }));
  });

  it('lets a unique mapping through', () => {
    const { script } = loadScript({ lists, stores: [], mappings: [{ id: 12, nsloc: '4', gid: 'gid://shopify/Location/68', buffer: 0 }] });
    expect(() =>
      script.beforeSubmit({ type: 'create', UserEventType, newRecord: fakeRecord('customrecord_sb2b_location_map', null, mapping) }),
    ).not.toThrow();
  });
});
