/**
 * Governance and the smaller N/ modules of the local NetSuite account: units per call by record
 * family, limits per script type with SSS_USAGE_LIMIT_EXCEEDED, the usage-exhausted fault; runtime,
 * log, email, crypto and encode, cache, format, url, task and error, with NetSuite's errors.
 */
import crypto from 'crypto';
import { VirtualClock } from '../../../sandbox/clock';
import type { NetSuiteAccount } from '../../../sandbox/netsuite/account';
import { fixtureAccount } from '../../support/netsuiteFixtures';
import { thrown } from '../../support/thrown';

let account: NetSuiteAccount;
let clock: VirtualClock;
beforeEach(async () => {
  clock = new VirtualClock(Date.parse('2026-11-02T09:00:00Z'));
  account = await fixtureAccount({
    clock,
    secrets: {
      custsecret_sbx_hook: 'hook-secret',
      custsecret_sbx_hex: '6b6579',
      custsecret_sbx_private: { value: 'only-for-echo', allowedScripts: ['customscript_sbx_echo'] },
    },
  });
});
afterEach(() => account.close());

describe('governance', () => {
  it('charges NetSuite\'s units per call: record operations by family, SuiteQL, email, task submit', () => {
    const customer = account.records.seed('customer', { companyname: 'Acme' });
    const calls = account.console(({ record, query, email, task }, exec) => {
      const so = record.create({ type: 'salesorder' }); // 10
      so.setValue({ fieldId: 'entity', value: customer });
      so.save(); // 20
      record.load({ type: 'customer', id: customer }).save(); // 5 + 10
      const note = record.create({ type: 'customrecord_sbx_note' }); // 2
      note.setValue({ fieldId: 'custrecord_sbx_source', value: 'test' });
      const id = note.save(); // 4
      record.submitFields({ type: 'customrecord_sbx_note', id, values: { custrecord_sbx_count: 3 } }); // 2
      record.delete({ type: 'customrecord_sbx_note', id }); // 4
      query.runSuiteQL({ query: 'SELECT id FROM customer' }); // 10
      email.send({ author: -5, recipients: 'a@b.test', subject: 's', body: 'b' }); // 20
      task.create({ taskType: task.TaskType.MAP_REDUCE, scriptId: 'customscript_sbx_strict', deploymentId: 'customdeploy_sbx_strict_ondemand' }).submit(); // 20 (the order's user event nudged the tally)
      return { calls: JSON.parse(JSON.stringify(exec.meter.record.calls)), used: exec.meter.used };
    });
    expect(calls.calls).toEqual({
      'record.create': { count: 2, units: 12 },
      'Record.save': { count: 3, units: 34 },
      'record.load': { count: 1, units: 5 },
      'record.submitFields': { count: 1, units: 2 },
      'record.delete': { count: 1, units: 4 },
      'query.runSuiteQL': { count: 1, units: 10 },
      'email.send': { count: 1, units: 20 },
      'MapReduceScriptTask.submit': { count: 1, units: 20 },
    });
    expect(calls.used).toBe(107);
  });

  it('a user event has 1,000 units: the call that would go past them throws SSS_USAGE_LIMIT_EXCEEDED and charges nothing', () => {
    const customer = account.records.seed('customer', { companyname: 'Acme' });
    account.console(
      ({ record, runtime }) => {
        for (let i = 0; i < 200; i++) record.load({ type: 'customer', id: customer });
        expect(runtime.getCurrentScript().getRemainingUsage()).toBe(0);
        expect(thrown(() => record.load({ type: 'customer', id: customer }))).toEqual({ name: 'SSS_USAGE_LIMIT_EXCEEDED', message: 'Script Execution Usage Limit Exceeded' });
      },
      { scriptType: 'USEREVENT', executionContext: 'USERINTERFACE' },
    );
    expect(account.governance.invocations.at(-1)).toMatchObject({ used: 1000, limit: 1000 });
  });

  it('each script type has its limit: RESTlet 5,000, Suitelet 1,000, scheduled 10,000, map/reduce by stage', () => {
    const limit = (scriptType: 'RESTLET' | 'SUITELET' | 'SCHEDULED' | 'MAPREDUCE') => account.console(({ runtime }) => runtime.getCurrentScript().getRemainingUsage(), { scriptType });
    expect([limit('RESTLET'), limit('SUITELET'), limit('SCHEDULED'), limit('MAPREDUCE')]).toEqual([5000, 1000, 10000, 1000]);
  });

  it('a usage-exhausted fault leaves an invocation the units it names', () => {
    account.addFault({ kind: 'usageExhausted', scriptId: 'customscript_sbx_echo', remaining: 5 });
    const get = JSON.parse(account.restlet('customdeploy_sbx_echo', { method: 'GET', contentType: 'application/json' }).body);
    expect(get.remainingUsage).toBe(5);
    account.addFault({ kind: 'usageExhausted', scriptId: 'customscript_sbx_echo' });
    const post = account.restlet('customdeploy_sbx_echo', { method: 'POST', body: { action: 'note', text: 'x' } });
    expect(post.status).toBe(400);
    expect(JSON.parse(post.body).error.code).toBe('SSS_USAGE_LIMIT_EXCEEDED');
    expect(account.restlet('customdeploy_sbx_echo', { method: 'POST', body: { action: 'note', text: 'x' } }).status).toBe(200);
  });
});

describe('runtime and log', () => {
  it('runtime tells the script who and where it is; an unknown parameter id fails loudly', () => {
    account.console(({ runtime }) => {
      expect(runtime.executionContext).toBe(runtime.ContextType.SCHEDULED);
      expect(runtime.accountId).toBe('TSTDRV1234567');
      expect(runtime.getCurrentScript().id).toBe('customscript_sandbox_console');
      expect(runtime.getCurrentUser().id).toBe(-5);
      expect(thrown(() => runtime.getCurrentScript().getParameter({ name: 'custscript_sbx_nope' })).name).toBe('SANDBOX_UNKNOWN_ID');
    });
  });

  it('log keeps titles to 99 characters and details to 3,999, objects as JSON', () => {
    account.console(({ log }) => {
      log.debug({ title: 'T'.repeat(150), details: 'd'.repeat(5000) });
      log.audit('object', { a: 1 });
      log.error('error', { name: 'X', message: 'y' });
    });
    expect(account.logs.map((l) => [l.level, l.title.length, l.details.length])).toEqual([
      ['DEBUG', 99, 3999],
      ['AUDIT', 6, 7],
      ['ERROR', 5, 26],
    ]);
  });
});

describe('email', () => {
  it('is captured with its recipients; a missing argument is SSS_MISSING_REQD_ARGUMENT', () => {
    account.console(({ email }) => {
      email.send({ author: -5, recipients: ['ops@acme.test', 'cfo@acme.test'], cc: 'cc@acme.test', subject: 'Dead letters', body: '3 entries need you' });
      expect(thrown(() => email.send({ recipients: 'x@y.test', subject: 's', body: 'b' }))).toEqual({ name: 'SSS_MISSING_REQD_ARGUMENT', message: 'email.send: Missing a required argument: author' });
    });
    expect(account.emails).toEqual([expect.objectContaining({ recipients: ['ops@acme.test', 'cfo@acme.test'], cc: ['cc@acme.test'], subject: 'Dead letters', scriptId: 'customscript_sandbox_console' })]);
  });
});

describe('crypto and encode', () => {
  it('encode.convert between UTF-8, base64, base64url, hex and base32', () => {
    account.console(({ encode }) => {
      const convert = (string: string, inputEncoding: string, outputEncoding: string) => encode.convert({ string, inputEncoding, outputEncoding });
      expect(convert('foobar', encode.Encoding.UTF_8, encode.Encoding.BASE_64)).toBe('Zm9vYmFy');
      expect(convert('Zm9vYmFy', encode.Encoding.BASE_64, encode.Encoding.HEX)).toBe('666f6f626172');
      expect(convert('foobar', encode.Encoding.UTF_8, encode.Encoding.BASE_32)).toBe('MZXW6YTBOI======');
      expect(convert('\u00ff\u00fe', encode.Encoding.UTF_8, encode.Encoding.BASE_64_URL_SAFE)).toBe('w7_Dvg');
    });
  });

  it('HMAC with a secret key: UTF-8 when asked, HEX by default as on NetSuite', () => {
    const [utf8, hexDefault, hash] = account.console(({ crypto: nsCrypto, encode }) => {
      const hmac = (secret: string, encoding?: string) => {
        const key = nsCrypto.createSecretKey(encoding ? { secret, encoding } : { secret });
        const h = nsCrypto.createHmac({ algorithm: nsCrypto.HashAlg.SHA256, key });
        h.update({ input: 'payload', inputEncoding: encode.Encoding.UTF_8 });
        return h.digest({ outputEncoding: encode.Encoding.HEX });
      };
      const sha = nsCrypto.createHash({ algorithm: nsCrypto.HashAlg.SHA256 });
      sha.update({ input: 'payload' });
      return [hmac('custsecret_sbx_hook', encode.Encoding.UTF_8), hmac('custsecret_sbx_hex'), sha.digest()];
    });
    expect(utf8).toBe(crypto.createHmac('sha256', 'hook-secret').update('payload').digest('hex'));
    expect(hexDefault).toBe(crypto.createHmac('sha256', 'key').update('payload').digest('hex'));
    expect(hash).toBe(crypto.createHash('sha256').update('payload').digest('hex'));
  });

  it('a secret restricted to other scripts, or missing, cannot be used', () => {
    account.console(({ crypto: nsCrypto }) => {
      expect(thrown(() => nsCrypto.createSecretKey({ secret: 'custsecret_sbx_private' })).name).toBe('INVALID_SECRET_KEY');
      expect(thrown(() => nsCrypto.createSecretKey({ secret: 'custsecret_missing' })).name).toBe('INVALID_SECRET_KEY');
    });
  });
});

describe('cache', () => {
  it('keeps values per script until their time to live runs out on the account clock', () => {
    const read = () =>
      account.console(({ cache }) => {
        const c = cache.getCache({ name: 'cursors', scope: cache.Scope.PRIVATE });
        return c.get({ key: 'orders' });
      });
    account.console(({ cache }, exec) => {
      const c = cache.getCache({ name: 'cursors', scope: cache.Scope.PRIVATE });
      expect(c.get({ key: 'orders' })).toBeNull();
      c.put({ key: 'orders', value: '2026-11-02T09:00:00Z', ttl: 300 });
      expect(c.get({ key: 'orders', loader: () => 'unused' })).toBe('2026-11-02T09:00:00Z');
      expect(exec.meter.record.calls).toEqual({ 'Cache.get': { count: 2, units: 3 }, 'Cache.put': { count: 1, units: 1 } });
    });
    expect(read()).toBe('2026-11-02T09:00:00Z');
    clock.advance(300 * 1000);
    expect(read()).toBeNull();
  });
});

describe('search', () => {
  it('lookupFields reads body columns as NetSuite returns them (1 unit); other search APIs are not implemented', () => {
    const customer = account.records.seed('customer', { companyname: 'Acme' });
    const so = account.records.seed('salesorder', { entity: customer, otherrefnum: 'PO-9', custbody_sb2b_gid: 'gid://shopify/Order/9' });
    const result = account.console(({ search }, exec) => {
      const fields = search.lookupFields({ type: search.Type.SALES_ORDER, id: so, columns: ['entity', 'otherrefnum', 'custbody_sb2b_gid', 'trandate'] });
      expect(thrown(() => search.lookupFields({ type: 'salesorder', id: so, columns: ['nope'] }))).toEqual({
        name: 'SSS_INVALID_SRCH_COL',
        message: 'An nlobjSearchColumn contains an invalid column, or is not in proper syntax: nope.',
      });
      expect(thrown(() => search.create({ type: 'salesorder' })).name).toBe('SANDBOX_UNSUPPORTED');
      return { fields: JSON.parse(JSON.stringify(fields)), used: exec.meter.used };
    });
    expect(result).toEqual({
      fields: { entity: [{ value: String(customer), text: 'Acme' }], otherrefnum: 'PO-9', custbody_sb2b_gid: 'gid://shopify/Order/9', trandate: '11/2/2026' },
      used: 2,
    });
  });
});

describe('format, url, task, error', () => {
  it('format and parse dates and amounts the way the account shows them', () => {
    account.console(({ format }) => {
      expect(format.format({ value: new Date(Date.UTC(2026, 10, 2, 14, 5)), type: format.Type.DATE })).toBe('11/2/2026');
      expect(format.format({ value: new Date(Date.UTC(2026, 10, 2, 14, 5)), type: format.Type.DATETIME })).toBe('11/2/2026 2:05 pm');
      expect(format.format({ value: 1234.5, type: format.Type.CURRENCY })).toBe('1,234.50');
      expect(format.parse({ value: '11/2/2026', type: format.Type.DATE }).toISOString()).toBe('2026-11-02T00:00:00.000Z');
    });
  });

  it('url resolves RESTlets, Suitelets and records', () => {
    account.console(({ url }) => {
      expect(url.resolveScript({ scriptId: 'customscript_sbx_echo', deploymentId: 'customdeploy_sbx_echo' })).toMatch(/^\/app\/site\/hosting\/restlet\.nl\?script=\d+&deploy=1$/);
      expect(url.resolveScript({ scriptId: 'customscript_sbx_echo', deploymentId: 'customdeploy_sbx_echo', returnExternalUrl: true })).toMatch(/^https:\/\/tstdrv1234567\.restlets\.api\.netsuite\.com\//);
      expect(url.resolveScript({ scriptId: 'customscript_sbx_form', deploymentId: 'customdeploy_sbx_form', params: { a: 1 } })).toMatch(/scriptlet\.nl\?script=\d+&deploy=1&a=1$/);
      expect(url.resolveRecord({ recordType: 'salesorder', recordId: 7 })).toBe('/app/accounting/transactions/salesord.nl?id=7');
    });
  });

  it('task: missing and invalid task types fail as NetSuite does; checkStatus follows the instance', () => {
    const taskId = account.console(({ task }) => {
      expect(thrown(() => task.create({})).name).toBe('SSS_MISSING_REQD_ARGUMENT');
      expect(thrown(() => task.create({ taskType: 'NOPE' })).name).toBe('INVALID_TASK_TYPE');
      const t = task.create({ taskType: task.TaskType.MAP_REDUCE });
      t.scriptId = 'customscript_sbx_tally';
      t.deploymentId = 'customdeploy_sbx_tally_ondemand';
      const id = t.submit();
      expect(task.checkStatus({ taskId: id }).status).toBe(task.TaskStatus.PENDING);
      return id;
    });
    account.runQueued();
    account.console(({ task }) => {
      const status = task.checkStatus({ taskId });
      expect([status.status, status.getPendingMapCount()]).toEqual(['COMPLETE', 0]);
    });
  });

  it('error.create gives a SuiteScriptError shaped as NetSuite serializes it', () => {
    const serialized = account.console(({ error }) => JSON.parse(JSON.stringify(error.create({ name: 'SB2B_X', message: 'Something to fix', notifyOff: true }))));
    expect(serialized).toEqual({
      type: 'error.SuiteScriptError',
      name: 'SB2B_X',
      message: 'Something to fix',
      stack: ['createError(N/error)'],
      cause: { name: 'SB2B_X', message: 'Something to fix' },
      id: '',
      notifyOff: true,
      userFacing: true,
    });
  });
});
