/**
 * SuiteQL in the local NetSuite account, as N/query gives it to scripts: row caps and page sizes,
 * parameters, NetSuite's errors for tables and columns that do not exist, and the Oracle dialect
 * (NVL, DECODE, ROWNUM, FETCH FIRST, TO_CHAR/TO_DATE, SYSDATE on the account clock, BUILTIN.DF,
 * 'T'/'F' booleans, '' as NULL, case-sensitive comparisons, lower-case column names, expr1 …).
 */
import { VirtualClock } from '../../../sandbox/clock';
import { createNetSuiteAccount, type NetSuiteAccount } from '../../../sandbox/netsuite/account';
import { thrown } from '../../support/thrown';

let account: NetSuiteAccount;
let clock: VirtualClock;
beforeEach(async () => {
  clock = new VirtualClock(Date.parse('2026-11-02T09:00:00Z'));
  account = await createNetSuiteAccount({ clock });
});
afterEach(() => account.close());

const run = (sql: string, params: unknown[] = []) =>
  account.console(({ query }) => JSON.parse(JSON.stringify(query.runSuiteQL({ query: sql, params }).asMappedResults())) as Record<string, unknown>[]);

describe('N/query limits', () => {
  it('runSuiteQL returns at most 5,000 rows', () => {
    for (let i = 0; i < 72; i++) account.records.seed('location', { name: `L${i}` });
    const count = account.console(({ query }) => query.runSuiteQL({ query: 'SELECT a.id AS a, b.id AS b FROM location a CROSS JOIN location b' }).results.length);
    expect(count).toBe(5000);
    expect(account.query('SELECT COUNT(*) AS n FROM location a CROSS JOIN location b')).toEqual([{ n: 72 * 72 }]);
  });

  it('runSuiteQLPaged pages 5 to 1,000 rows, charges 10 units per page fetched, and knows its last page', () => {
    for (let i = 0; i < 12; i++) account.records.seed('location', { name: `L${String(i).padStart(2, '0')}` });
    const result = account.console(({ query }, exec) => {
      expect(thrown(() => query.runSuiteQLPaged({ query: 'SELECT id FROM location', pageSize: 4 }))).toEqual({ name: 'INVALID_PAGE_SIZE', message: 'The page size must be between 5 and 1000.' });
      expect(thrown(() => query.runSuiteQLPaged({ query: 'SELECT id FROM location', pageSize: 1001 })).name).toBe('INVALID_PAGE_SIZE');
      const paged = query.runSuiteQLPaged({ query: 'SELECT name FROM location ORDER BY name', pageSize: 5 });
      const pages = paged.pageRanges.map((r: { index: number }) => paged.fetch({ index: r.index }));
      expect(thrown(() => paged.fetch({ index: 3 })).name).toBe('INVALID_PAGE_RANGE');
      return {
        count: paged.count,
        sizes: paged.pageRanges.map((r: { size: number }) => r.size),
        last: pages.map((p: { isLast: boolean }) => p.isLast),
        lastPage: pages[2].data.asMappedResults().map((r: { name: string }) => r.name),
        used: exec.meter.used,
      };
    });
    expect(result).toEqual({ count: 12, sizes: [5, 5, 2], last: [false, false, true], lastPage: ['L10', 'L11'], used: 10 + 3 * 10 });
  });

  it('takes string, number and boolean parameters; anything else is SSS_INVALID_TYPE_ARG', () => {
    account.records.seed('location', { name: 'Main', isinactive: false });
    account.records.seed('location', { name: 'Old', isinactive: true });
    expect(run('SELECT name FROM location WHERE isinactive = ? AND name LIKE ?', [false, 'M%'])).toEqual([{ name: 'Main' }]);
    account.console(({ query }) => {
      expect(thrown(() => query.runSuiteQL({ query: 'SELECT id FROM location WHERE id = ?', params: [new Date()] })).name).toBe('SSS_INVALID_TYPE_ARG');
    });
  });
});

describe('NetSuite errors', () => {
  it('a column that does not exist is refused, as are columns NetSuite moved (transaction.createdfrom)', () => {
    account.console(({ query }) => {
      expect(thrown(() => query.runSuiteQL({ query: 'SELECT nope FROM customer' }))).toEqual({
        name: 'SSS_SEARCH_ERROR_OCCURRED',
        message: "Search error occurred: Unknown identifier 'nope'. Available identifiers are: {customer=customer}.",
      });
      expect(thrown(() => query.runSuiteQL({ query: 'SELECT t.createdfrom FROM transaction t' })).message).toContain("Unknown identifier 't.createdfrom'");
    });
  });

  it('a table that does not exist is refused', () => {
    account.console(({ query }) => {
      expect(thrown(() => query.runSuiteQL({ query: 'SELECT id FROM customrecord_nope' }))).toEqual({
        name: 'SSS_SEARCH_ERROR_OCCURRED',
        message: "Search error occurred: Record 'customrecord_nope' was not found.",
      });
    });
  });

  it('a column the dictionary does not confirm works and is reported', () => {
    run('SELECT id, foreignamount FROM transaction');
    expect(account.warnings).toContain('SuiteQL column transaction.foreignamount is not confirmed (see sandbox/netsuite/data/records.json suiteql.transaction).');
  });

  it('a column live accounts refuse is refused as they do (transaction.subsidiary: use transactionline.subsidiary)', () => {
    account.console(({ query }) => {
      expect(thrown(() => query.runSuiteQL({ query: 'SELECT t.id, t.subsidiary FROM transaction t' }))).toEqual({
        name: 'SSS_SEARCH_ERROR_OCCURRED',
        message: "Search error occurred: Field 'subsidiary' for record 'transaction' was not found. Reason: NOT_EXPOSED",
      });
      expect(query.runSuiteQL({ query: "SELECT tl.subsidiary FROM transactionline tl WHERE tl.mainline = 'T'" }).results).toEqual([]);
    });
  });
});

describe('the Oracle dialect', () => {
  beforeEach(() => {
    account.records.seed('location', { name: 'Main' });
    account.records.seed('location', { name: 'annex' });
    account.records.seed('location', { name: 'Depot', isinactive: true });
  });

  it("booleans are 'T'/'F', '' is NULL, comparisons and LIKE are case-sensitive", () => {
    expect(run("SELECT name FROM location WHERE isinactive = 'T'")).toEqual([{ name: 'Depot' }]);
    expect(run("SELECT name FROM location WHERE externalid = ''")).toEqual([]);
    expect(run("SELECT COUNT(*) AS n FROM location WHERE externalid IS NULL")).toEqual([{ n: 3 }]);
    expect(run("SELECT name FROM location WHERE name LIKE 'a%'")).toEqual([{ name: 'annex' }]);
    expect(run("SELECT name FROM location WHERE name = 'main'")).toEqual([]);
  });

  it('NVL, NVL2, DECODE, UPPER and || behave as in Oracle; unaliased expressions are expr1, expr2 …', () => {
    expect(run("SELECT NVL(externalid, 'none') AS ext, NVL2(externalid, 'y', 'n') AS has, DECODE(isinactive, 'T', 'off', 'on') AS state, UPPER(name) || '!', LENGTH(name) FROM location WHERE id = 1")).toEqual([
      { ext: 'none', has: 'n', state: 'on', expr1: 'MAIN!', expr2: 4 },
    ]);
  });

  it('ROWNUM and FETCH FIRST limit rows; OFFSET … FETCH NEXT pages', () => {
    expect(run('SELECT name FROM location WHERE ROWNUM <= 2 ORDER BY id')).toHaveLength(2);
    expect(run('SELECT * FROM (SELECT name FROM location ORDER BY name DESC) WHERE ROWNUM = 1')).toEqual([{ name: 'annex' }]);
    expect(run('SELECT name FROM location ORDER BY id FETCH FIRST 1 ROWS ONLY')).toEqual([{ name: 'Main' }]);
    expect(run('SELECT name FROM location ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY', [1, 1])).toEqual([{ name: 'annex' }]);
  });

  it('dates come back as the account shows them, TO_CHAR formats them, TO_DATE and SYSDATE compare on the account clock', () => {
    clock.advance(2 * 86400000);
    account.records.seed('location', { name: 'New' });
    expect(run("SELECT lastmodifieddate AS shown, TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS exact FROM location WHERE name = 'New'")).toEqual([
      { shown: '11/4/2026', exact: '2026-11-04 09:00:00' },
    ]);
    expect(run("SELECT name FROM location WHERE lastmodifieddate > TO_DATE('2026-11-03', 'YYYY-MM-DD')")).toEqual([{ name: 'New' }]);
    expect(run('SELECT name FROM location WHERE lastmodifieddate > SYSDATE - 1')).toEqual([{ name: 'New' }]);
    expect(run("SELECT TO_CHAR(SYSDATE, 'YYYY-MM-DD') AS today FROM location WHERE name = 'New'")).toEqual([{ today: '2026-11-04' }]);
  });

  it('BUILTIN.DF shows the display value of a select: custom lists, custom records, standard records', () => {
    const store = account.records.seed('customrecord_sb2b_store', {
      name: 'Acme',
      custrecord_sb2b_shop_domain: 'acme-b2b.myshopify.com',
      custrecord_sb2b_token_secret: 'custsecret_a',
      custrecord_sb2b_webhook_secret: 'custsecret_b',
      custrecord_sb2b_default_location: 1,
    });
    account.records.seed('customrecord_sb2b_location_map', { custrecord_sb2b_lm_store: store, custrecord_sb2b_lm_ns_location: 2, custrecord_sb2b_lm_shopify_location: 'gid://shopify/Location/1' });
    expect(run('SELECT BUILTIN.DF(custrecord_sb2b_order_status) AS status, BUILTIN.DF(custrecord_sb2b_default_location) AS location FROM customrecord_sb2b_store')).toEqual([
      { status: 'Pending Fulfillment', location: 'Main' },
    ]);
    expect(run('SELECT BUILTIN.DF(m.custrecord_sb2b_lm_store) AS store, BUILTIN.DF(m.custrecord_sb2b_lm_ns_location) AS location FROM customrecord_sb2b_location_map m')).toEqual([
      { store: 'Acme', location: 'annex' },
    ]);
  });

  it('custom lists are tables of id, name and upper-case scriptid; UNION ALL and MINUS work', () => {
    expect(run("SELECT 'status' AS field, id, scriptid FROM customlist_sb2b_order_status UNION ALL SELECT 'mode' AS field, id, scriptid FROM customlist_sb2b_hierarchy_mode")).toEqual([
      { field: 'status', id: 1, scriptid: 'VAL_SB2B_PENDING_APPROVAL' },
      { field: 'status', id: 2, scriptid: 'VAL_SB2B_PENDING_FULFILLMENT' },
      { field: 'mode', id: 1, scriptid: 'VAL_SB2B_LOCATION_SUBCUSTOMERS' },
      { field: 'mode', id: 2, scriptid: 'VAL_SB2B_BUYER_SUBCUSTOMERS' },
    ]);
    expect(run("SELECT name FROM location MINUS SELECT name FROM location WHERE isinactive = 'T'").map((r) => r.name).sort()).toEqual(['Main', 'annex']);
  });
});
