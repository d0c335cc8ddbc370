/**
 * Every runner of the local NetSuite account, through the sandbox's own TypeScript test scripts
 * (test/fixtures/netsuite, built by the project's webpack configuration and deployed from their own
 * Objects/): user events on real saves (filtered by their deployment's event type and execution
 * contexts), map/reduce through all stages with errors, retries,
 * exitOnError, restarts and schedules, scheduled scripts, RESTlets and Suitelets.
 */
import crypto from 'crypto';
import { VirtualClock } from '../../../sandbox/clock';
import { UserActionError, type NetSuiteAccount } from '../../../sandbox/netsuite/account';
import { fixtureAccount } from '../../support/netsuiteFixtures';

let account: NetSuiteAccount;
let clock: VirtualClock;

beforeEach(async () => {
  clock = new VirtualClock();
  account = await fixtureAccount({ clock, secrets: { custsecret_sbx_hook: 'hook-secret', custsecret_sbx_token: 'tok-123' } });
});
afterEach(() => account.close());

const notes = (source?: string) =>
  account
    .records.list('customrecord_sbx_note')
    .filter((n) => !source || n.fields.custrecord_sbx_source === source)
    .map((n) => ({ text: n.fields.custrecord_sbx_text, count: n.fields.custrecord_sbx_count, externalid: n.fields.externalid }));

interface Summary {
  inputError: string | null;
  /** `key:error name:executionNo`, in the order summarize's iterators gave them. */
  mapErrors: string[];
  reduceErrors: string[];
  reduceErrorDetails: { type: string; name: string; message: string }[];
  /** `key:executionCount:completionState`. */
  mapKeys: string[];
  reduceKeys: string[];
  output: Record<string, string>;
  outputKeys: string[];
  isRestarted: boolean;
}

function summaryOf(): Summary {
  const all = notes('summarize');
  return JSON.parse(String(all[all.length - 1].text));
}

function seedOrderWorld() {
  const customer = account.records.seed('customer', { companyname: 'Acme Corp' });
  const item = account.records.seed('inventoryitem', { itemid: 'WIDGET' });
  const location = account.records.seed('location', { name: 'Main' });
  return { customer, item, location };
}

describe('user events', () => {
  it('fire on a user save with the event type, in the user interface context; beforeSubmit changes are saved', () => {
    const { customer, item } = seedOrderWorld();
    const id = account.ui.create('salesorder', { entity: customer, memo: 'PO 7' }, { item: [{ item, quantity: 2, rate: 10 }] });
    expect(account.records.get('salesorder', id)!.fields.memo).toBe('PO 7 | create in USERINTERFACE');
    expect(notes('ue')).toEqual([{ text: `create:${id}:Pending Approval:`, count: 0, externalid: undefined }]);
    account.ui.edit('salesorder', id, { memo: 'PO 8' });
    expect(notes('ue')[1].text).toBe(`edit:${id}:Pending Approval:PO 7 | create in USERINTERFACE`);
    account.ui.inlineEdit('salesorder', id, { memo: 'inline' });
    expect(account.records.get('salesorder', id)!.fields.memo).toBe('inline');
    expect(notes('ue')[2].text).toMatch(new RegExp(`^xedit:${id}:`));
    // afterSubmit of an inline edit sees only the edited fields, "not the full record" (Oracle's afterSubmit page).
    expect(notes('ue-xedit').map((n) => n.text)).toEqual(['xedit newRecord lists memo']);
  });

  it('on an inline edit, afterSubmit\'s newRecord holds only the edited fields (as NetSuite documents for xedit)', () => {
    const { customer, item } = seedOrderWorld();
    const id = account.ui.create('salesorder', { entity: customer, memo: 'PO 7' }, { item: [{ item, quantity: 2, rate: 10 }] });
    account.ui.inlineEdit('salesorder', id, { memo: 'inline' });
    // The note is `type:id:status:old memo`: status was not edited, so the inline edit's newRecord has none.
    expect(notes('ue')[1].text).toBe(`xedit:${id}::PO 7 | create in USERINTERFACE`);
  });

  it('beforeLoad fires as a user opens a record, with the form it may add to', () => {
    const { customer, item } = seedOrderWorld();
    const id = account.ui.create('salesorder', { entity: customer }, { item: [{ item, quantity: 1 }] });
    const { form } = account.ui.view('salesorder', id);
    expect(form.buttons).toEqual([{ id: 'custpage_sbx_resync', label: 'Resync to Shopify', functionName: 'resync' }]);
    expect(account.governance.select({ scriptId: 'customscript_sbx_order' }).map((i) => i.key)).toEqual([
      'salesorder:create:beforeLoad',
      'salesorder:create:beforeSubmit',
      'salesorder:create:afterSubmit',
      'salesorder:view:beforeLoad',
    ]);
  });

  it('a save made by a script runs its user events with their own units, counted under the invocation that saved', () => {
    const { customer, item } = seedOrderWorld();
    const response = account.restlet('customdeploy_sbx_echo', { method: 'POST', body: { action: 'order', customer, item } });
    expect(response.status).toBe(200);
    const [restlet] = account.governance.select({ scriptId: 'customscript_sbx_echo' });
    const events = account.governance.invocations.filter((i) => i.parentId === restlet.id);
    expect(events.map((i) => [i.key, i.executionContext, i.limit])).toEqual([
      ['salesorder:create:beforeSubmit', 'RESTLET', 1000],
      ['salesorder:create:afterSubmit', 'RESTLET', 1000],
    ]);
    expect(restlet.used).toBe(10 + 20); // record.create + Record.save of a transaction
    expect(account.governance.unitsWithChildren(restlet.id)).toBe(restlet.used + events.reduce((s, e) => s + e.used, 0));
    expect(account.records.get('salesorder', JSON.parse(response.body).id)!.fields.memo).toBe('| create in RESTLET');
  });

  it('a beforeSubmit error refuses the save with the script\'s error, and nothing is saved', () => {
    const { customer, item } = seedOrderWorld();
    const attempt = () => account.ui.create('salesorder', { entity: customer, memo: 'REFUSE' }, { item: [{ item, quantity: 1 }] });
    expect(attempt).toThrow(UserActionError);
    expect(attempt).toThrow('SBX_REFUSED: This order says REFUSE in its memo.');
    expect(account.records.list('salesorder')).toEqual([]);
    expect(notes('ue')).toEqual([]);
  });

  it('deployments filter by execution context, records saved by a user event fire none, and logs below the deployment level are dropped', () => {
    account.ui.create('customrecord_sbx_note', { custrecord_sbx_text: 'by hand', custrecord_sbx_source: 'user' });
    account.restlet('customdeploy_sbx_echo', { method: 'POST', body: { action: 'note', text: 'from a RESTlet' } });
    const { customer, item } = seedOrderWorld();
    account.ui.create('salesorder', { entity: customer }, { item: [{ item, quantity: 1 }] }); // its UE writes a note
    const audit = account.logs.filter((l) => l.scriptId === 'customscript_sbx_note_audit');
    expect(audit.map((l) => [l.level, l.title, l.details.replace(/\d+/, 'N')])).toEqual([['AUDIT', 'note saved', 'create N in USERINTERFACE']]);
  });

  it('a deployment whose Event Type is Create runs only on create; the one without an event type runs on every event', () => {
    let seen = 0;
    // What each deployment logged since the last look: `<all|create> <entry point> <context.type>`.
    const events = () => {
      const fresh = account.logs.slice(seen);
      seen = account.logs.length;
      return fresh.filter((l) => l.scriptId === 'customscript_sbx_events').map((l) => `${l.deploymentId.replace('customdeploy_sbx_events_', '')} ${l.title} ${l.details}`);
    };
    const item = account.ui.create('inventoryitem', { itemid: 'WIDGET' });
    expect(events()).toEqual([
      'all beforeLoad create',
      'create beforeLoad create',
      'all beforeSubmit create',
      'create beforeSubmit create',
      'all afterSubmit create',
      'create afterSubmit create',
    ]);
    account.ui.edit('inventoryitem', item, { itemid: 'WIDGET-2' });
    expect(events()).toEqual(['all beforeLoad edit', 'all beforeSubmit edit', 'all afterSubmit edit']);
    account.ui.inlineEdit('inventoryitem', item, { itemid: 'WIDGET-3' });
    expect(events()).toEqual(['all beforeSubmit xedit', 'all afterSubmit xedit']);
    account.ui.view('inventoryitem', item);
    expect(events()).toEqual(['all beforeLoad view']);
    account.ui.delete('inventoryitem', item);
    expect(events()).toEqual(['all beforeSubmit delete', 'all afterSubmit delete']);
  });

  it('fire for saves made by scripts, in the script\'s execution context', () => {
    account.runDeployment('customdeploy_sbx_tally_ondemand');
    const audit = account.logs.filter((l) => l.scriptId === 'customscript_sbx_note_audit').map((l) => l.details.replace(/\d+/, 'N'));
    expect(audit).toContain('create N in MAPREDUCE');
  });

  it('a user event nudges a map/reduce; a nudge while it is queued is not an error for the script that catches it', () => {
    const { customer, item } = seedOrderWorld();
    account.ui.create('salesorder', { entity: customer }, { item: [{ item, quantity: 1 }] });
    account.ui.create('salesorder', { entity: customer }, { item: [{ item, quantity: 1 }] });
    expect(account.scheduler.pending().map((t) => t.deploymentId)).toEqual(['customdeploy_sbx_tally_ondemand']);
    expect(account.logs.filter((l) => l.title === 'nudge').map((l) => l.details)).toEqual(['tally is already running']);
    expect(account.runQueued()).toBe(1);
    expect(account.scheduler.instances[0].status).toBe('COMPLETE');
  });
});

describe('map/reduce', () => {
  it('runs every stage: strings between stages, one reduce per key with all its values, output in the summary', () => {
    account.runDeployment('customdeploy_sbx_tally_ondemand'); // words: apple,banana,apple
    expect(summaryOf()).toMatchObject({ inputError: null, mapErrors: [], reduceErrors: [], output: { apple: '2', banana: '1' }, isRestarted: false });
    const apple = notes('reduce').find((n) => n.externalid === 'tally:apple')!;
    expect(apple.count).toBe(2);
    expect(JSON.parse(String(apple.text))).toEqual([
      { executionNo: 1, isRestarted: false, earlierErrors: [] },
      { executionNo: 1, isRestarted: false, earlierErrors: [] },
    ]);
    const stages = account.governance.select({ deploymentId: 'customdeploy_sbx_tally_ondemand' }).map((i) => [i.stage, i.limit]);
    expect(stages).toEqual([
      ['getInputData', 10000],
      ['map', 1000],
      ['map', 1000],
      ['map', 1000],
      ['reduce', 5000],
      ['reduce', 5000],
      ['summarize', 10000],
    ]);
  });

  it('retries a failing key retryCount times with executionNo and the earlier errors, and reports what still fails', () => {
    account.setParameters('customdeploy_sbx_tally_ondemand', { custscript_sbx_tally_words: 'apple,boom,flaky' });
    account.runDeployment('customdeploy_sbx_tally_ondemand');
    const summary = summaryOf();
    // An array's items are keyed by their index: 1 is boom, 2 is flaky.
    expect(summary.mapErrors.sort()).toEqual(['1:SBX_BOOM:1', '1:SBX_BOOM:2', '2:SBX_FLAKY:1']);
    expect(summary.output).toEqual({ apple: '1', flaky: '1' });
    const flaky = JSON.parse(String(notes('reduce').find((n) => n.externalid === 'tally:flaky')!.text));
    expect(flaky).toEqual([{ executionNo: 2, isRestarted: false, earlierErrors: ['SBX_FLAKY'] }]);
  });

  it('a reduce that throws is retried retryCount times with the earlier errors; summarize gets every failed execution in reduceSummary.errors', () => {
    account.setParameters('customdeploy_sbx_tally_ondemand', { custscript_sbx_tally_words: 'banana,reduceboom,apple,reduceboom' });
    account.runDeployment('customdeploy_sbx_tally_ondemand');
    const summary = summaryOf();
    // retryCount 1: the key runs twice, and both executions' errors reach summarize, keyed by the reduce key.
    expect(summary.reduceErrors).toEqual(['reduceboom:SBX_REDUCE_BOOM:1', 'reduceboom:SBX_REDUCE_BOOM:2']);
    expect(summary.reduceErrorDetails).toEqual([
      { type: 'error.SuiteScriptError', name: 'SBX_REDUCE_BOOM', message: 'Reduce refuses this key (execution 1, earlier errors: none).' },
      { type: 'error.SuiteScriptError', name: 'SBX_REDUCE_BOOM', message: 'Reduce refuses this key (execution 2, earlier errors: SBX_REDUCE_BOOM:1).' },
    ]);
    expect(summary.mapErrors).toEqual([]);
    // reduceSummary.keys and the output list keys in lexicographical order, as Oracle documents them;
    // mapSummary.keys of numeric keys in numeric order. The failed key wrote no output.
    expect(summary.reduceKeys).toEqual(['apple:1:COMPLETE', 'banana:1:COMPLETE', 'reduceboom:2:FAILED']);
    expect(summary.mapKeys).toEqual(['0:1:COMPLETE', '1:1:COMPLETE', '2:1:COMPLETE', '3:1:COMPLETE']);
    expect(summary.output).toEqual({ apple: '1', banana: '1' });
    expect(summary.outputKeys).toEqual(['apple', 'banana']);
    const reduces = account.governance.select({ deploymentId: 'customdeploy_sbx_tally_ondemand', stage: 'reduce' });
    expect(reduces.filter((i) => i.key === 'reduceboom').map((i) => i.error)).toEqual(['SBX_REDUCE_BOOM', 'SBX_REDUCE_BOOM']);
    expect(notes('reduce').map((n) => n.externalid).sort()).toEqual(['tally:apple', 'tally:banana']);
  });

  it('mapSummary.keys of numeric keys come in numeric order, not as strings sort', () => {
    account.setParameters('customdeploy_sbx_tally_ondemand', { custscript_sbx_tally_words: 'a,b,c,d,e,f,g,h,i,j,k,l' });
    account.runDeployment('customdeploy_sbx_tally_ondemand');
    expect(summaryOf().mapKeys.map((k) => k.split(':')[0])).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
  });

  it('with exitOnError, a reduce that fails sends the job straight to summarize; keys it never tried are PENDING', () => {
    account.setParameters('customdeploy_sbx_strict_ondemand', { custscript_sbx_strict_words: 'apple,banana,cherry,reduceboom' });
    const instance = account.runDeployment('customdeploy_sbx_strict_ondemand');
    expect(instance.status).toBe('COMPLETE');
    const summary = summaryOf();
    expect(summary.reduceErrors).toEqual(['reduceboom:SBX_REDUCE_BOOM:1']); // no retryCount: one execution
    const state = Object.fromEntries(summary.reduceKeys.map((k) => [k.split(':')[0], k.slice(k.indexOf(':') + 1)]));
    expect(Object.keys(state)).toEqual(['apple', 'banana', 'cherry', 'reduceboom']);
    expect(state.reduceboom).toBe('1:FAILED');
    const done = Object.keys(state).filter((k) => state[k] === '1:COMPLETE');
    const pending = Object.keys(state).filter((k) => state[k] === '0:PENDING');
    expect(done.length + pending.length).toBe(3);
    // The shuffle (seed 1) reaches reduceboom after one key and before two others.
    expect([done.length, pending.length]).toEqual([1, 2]);
    expect(summary.outputKeys).toEqual(done);
    // Only the keys tried ran reduce: each completed key once, the failing key once.
    const reduces = account.governance.select({ deploymentId: 'customdeploy_sbx_strict_ondemand', stage: 'reduce' });
    expect(reduces.map((i) => i.key).sort()).toEqual([...done, 'reduceboom'].sort());
  });

  it('with exitOnError, the first key that fails for good sends the job straight to summarize', () => {
    account.setParameters('customdeploy_sbx_strict_ondemand', { custscript_sbx_strict_words: 'apple,banana,cherry,boom' });
    const instance = account.runDeployment('customdeploy_sbx_strict_ondemand');
    expect(instance.status).toBe('COMPLETE');
    const summary = summaryOf();
    expect(summary.mapErrors).toEqual(['3:SBX_BOOM:1']);
    // The shuffle (seed 1) maps banana, then boom; the keys never tried are PENDING (executionCount 0).
    expect(summary.mapKeys).toEqual(['0:0:PENDING', '1:1:COMPLETE', '2:0:PENDING', '3:1:FAILED']);
    expect(account.governance.select({ deploymentId: 'customdeploy_sbx_strict_ondemand', stage: 'map' }).map((i) => i.key)).toEqual(['1', '3']);
    expect(summary.reduceKeys).toEqual([]);
    expect(notes('reduce')).toEqual([]);
    expect(account.governance.select({ deploymentId: 'customdeploy_sbx_strict_ondemand', stage: 'reduce' })).toEqual([]);
  });

  it('an error in getInputData goes to summarize as inputSummary.error; map and reduce never run', () => {
    account.setParameters('customdeploy_sbx_tally_ondemand', { custscript_sbx_tally_input: 'fail' });
    account.runDeployment('customdeploy_sbx_tally_ondemand');
    expect(summaryOf()).toMatchObject({ inputError: 'SBX_NO_INPUT', mapErrors: [], output: {} });
    expect(account.governance.select({ deploymentId: 'customdeploy_sbx_tally_ondemand', stage: 'map' })).toEqual([]);
  });

  it('takes a SuiteQL reference as input: each row arrives as {types, values}', () => {
    for (const text of ['pear', 'plum', 'pear']) account.records.seed('customrecord_sbx_note', { custrecord_sbx_text: text, custrecord_sbx_source: 'seed' });
    account.setParameters('customdeploy_sbx_tally_ondemand', { custscript_sbx_tally_input: 'suiteql' });
    account.runDeployment('customdeploy_sbx_tally_ondemand');
    expect(summaryOf().output).toEqual({ pear: '2', plum: '1' });
  });

  it('takes an object as input: its keys are the map keys, its values JSON', () => {
    account.setParameters('customdeploy_sbx_tally_ondemand', { custscript_sbx_tally_input: 'object' });
    account.runDeployment('customdeploy_sbx_tally_ondemand');
    expect(account.governance.select({ deploymentId: 'customdeploy_sbx_tally_ondemand', stage: 'map' }).map((i) => i.key).sort()).toEqual(['first', 'second']);
    expect(summaryOf().output).toEqual({ apple: '1', banana: '1' });
  });

  it('a map invocation that spends past its 1,000 units fails with SSS_USAGE_LIMIT_EXCEEDED, and only that key fails', () => {
    account.setParameters('customdeploy_sbx_tally_ondemand', { custscript_sbx_tally_words: 'hungry,apple' });
    account.runDeployment('customdeploy_sbx_tally_ondemand');
    expect(summaryOf().mapErrors).toEqual(['0:SSS_USAGE_LIMIT_EXCEEDED:1', '0:SSS_USAGE_LIMIT_EXCEEDED:2']);
    expect(summaryOf().output).toEqual({ apple: '1' });
    const hungry = account.governance.select({ stage: 'map' }).filter((i) => i.key === '0');
    expect(hungry.map((i) => [i.used, i.error])).toEqual([
      [1000, 'SSS_USAGE_LIMIT_EXCEEDED'],
      [1000, 'SSS_USAGE_LIMIT_EXCEEDED'],
    ]);
  });

  it('after an application-server restart the interrupted key runs again with isRestarted, its first output discarded but its record writes kept', () => {
    account.addFault({ kind: 'mapReduceRestart', deploymentId: 'customdeploy_sbx_tally_ondemand', stage: 'map', afterKeys: 0 });
    account.setParameters('customdeploy_sbx_tally_ondemand', { custscript_sbx_tally_words: 'restartable' });
    account.runDeployment('customdeploy_sbx_tally_ondemand');
    expect(notes('map').map((n) => n.text)).toEqual(['map ran for restartable, executionNo 1, restarted false', 'map ran for restartable, executionNo 2, restarted true']);
    expect(summaryOf().mapErrors).toEqual(['0:SSS_APP_SERVER_RESTART:1']);
    expect(summaryOf().output).toEqual({ restartable: '1' });
  });

  it('a restart during summarize runs it again with isRestarted', () => {
    account.addFault({ kind: 'mapReduceRestart', stage: 'summarize' });
    account.runDeployment('customdeploy_sbx_tally_ondemand');
    expect(notes('summarize').map((n) => JSON.parse(String(n.text)).isRestarted)).toEqual([false, true]);
  });

  it('shuffles map keys in an order set by the seed', async () => {
    const order = async (seed: number) => {
      const other = await fixtureAccount({ seed });
      other.setParameters('customdeploy_sbx_tally_ondemand', { custscript_sbx_tally_words: 'a,b,c,d,e,f,g,h' });
      other.runDeployment('customdeploy_sbx_tally_ondemand');
      await other.close();
      return other.governance.select({ stage: 'map' }).map((i) => i.key).join('');
    };
    expect(await order(5)).toBe(await order(5));
    expect(await order(5)).not.toBe(await order(6));
    expect((await order(5)).split('').sort().join('')).toBe('01234567');
  });

  it('a second instance of a deployment cannot start while one is queued (MAP_REDUCE_ALREADY_RUNNING)', () => {
    const first = JSON.parse(account.restlet('customdeploy_sbx_echo', { method: 'POST', body: { action: 'nudge' } }).body);
    expect(first.taskId).toMatch(/^MAPREDUCETASK_/);
    const second = account.restlet('customdeploy_sbx_echo', { method: 'POST', body: { action: 'nudge' } });
    expect(second.status).toBe(400);
    expect(JSON.parse(second.body).error.code).toBe('MAP_REDUCE_ALREADY_RUNNING');
    account.advance(0);
    expect(account.scheduler.status(first.taskId)!.status).toBe('COMPLETE');
    expect(JSON.parse(account.restlet('customdeploy_sbx_echo', { method: 'POST', body: { action: 'nudge' } }).body).taskId).toMatch(/^MAPREDUCETASK_/);
  });

  it('a SCHEDULED deployment runs on its Objects/ recurrence as the clock moves', () => {
    clock.advance(60 * 60000); // 09:00 → 10:00, every 15 minutes from midnight
    const runs = account.scheduler.instances.filter((i) => i.deploymentId === 'customdeploy_sbx_tally_sched');
    expect(runs.map((r) => new Date(r.startedAt!).toISOString().slice(11, 16))).toEqual(['09:15', '09:30', '09:45', '10:00']);
    expect(runs.every((r) => r.invocationType === 'SCHEDULED' && r.status === 'COMPLETE')).toBe(true);
    expect(notes('reduce')).toEqual([expect.objectContaining({ externalid: 'tally:scheduled', count: 1 })]);
  });
});

describe('scheduled scripts', () => {
  it('run on demand with their parameters, N/cache across runs and N/email captured', () => {
    account.runDeployment('customdeploy_sbx_sweep');
    account.runDeployment('customdeploy_sbx_sweep');
    expect(notes('sweep').map((n) => n.text)).toEqual(['sweep ONDEMAND run 1 saw 0 notes on customdeploy_sbx_sweep', 'sweep ONDEMAND run 2 saw 1 notes on customdeploy_sbx_sweep']);
    expect(account.emails.map((e) => [e.recipients, e.subject])).toEqual([
      [['ops@example.com'], 'Sweep run 1'],
      [['ops@example.com'], 'Sweep run 2'],
    ]);
    const [first] = account.governance.select({ scriptId: 'customscript_sbx_sweep' });
    expect(first).toMatchObject({ scriptType: 'SCHEDULED', limit: 10000, executionContext: 'SCHEDULED' });
    expect(first.calls).toMatchObject({ 'query.runSuiteQL': { count: 1, units: 10 }, 'Record.save': { count: 1, units: 4 }, 'email.send': { count: 1, units: 20 } });
  });

  it('interleave as parallel runs do when a concurrentRun fault says another deployment commits first', () => {
    account.addFault({ kind: 'concurrentRun', recordType: 'customrecord_sbx_note', operation: 'create', deploymentId: 'customdeploy_sbx_sweep_2' });
    account.runDeployment('customdeploy_sbx_sweep');
    // The second deployment ran between the first one's query and its save: both saw no note (the
    // first had counted before the second wrote), and the second one's note was committed first.
    expect(notes('sweep').map((n) => n.text)).toEqual(['sweep ONDEMAND run 2 saw 0 notes on customdeploy_sbx_sweep_2', 'sweep ONDEMAND run 1 saw 0 notes on customdeploy_sbx_sweep']);
    expect(account.faults.list()).toEqual([]);
    account.runDeployment('customdeploy_sbx_sweep');
    expect(notes('sweep')).toHaveLength(3); // the rule fired once
  });

  it('take parameter values set on the deployment (a checkbox parameter reads as a boolean)', () => {
    account.setParameters('customdeploy_sbx_sweep', { custscript_sbx_sweep_loud: false });
    account.runDeployment('customdeploy_sbx_sweep');
    expect(account.emails).toEqual([]);
  });

  it('task.submit without a deployment takes the first idle one; a queued deployment cannot be queued again', () => {
    const post = (body: object) => account.restlet('customdeploy_sbx_echo', { method: 'POST', body });
    expect(JSON.parse(post({ action: 'schedule' }).body).status).toBe('PENDING');
    expect(JSON.parse(post({ action: 'schedule' }).body).status).toBe('PENDING');
    expect(account.scheduler.pending().map((t) => t.deploymentId)).toEqual(['customdeploy_sbx_sweep', 'customdeploy_sbx_sweep_2']);
    expect(JSON.parse(post({ action: 'schedule' }).body).error.code).toBe('NO_DEPLOYMENTS_AVAILABLE');
    const again = JSON.parse(post({ action: 'schedule', deploymentId: 'customdeploy_sbx_sweep' }).body);
    expect(again.error).toMatchObject({ code: 'FAILED_TO_SUBMIT_JOB_REQUEST_1' });
    expect(JSON.parse(again.error.message).message).toBe('Failed to submit job request: INQUEUE');
    account.advance(0);
    expect(notes('sweep')).toHaveLength(2);
  });
});

describe('RESTlets', () => {
  const call = (request: Parameters<NetSuiteAccount['restlet']>[1]) => account.restlet('customdeploy_sbx_echo', request);

  it('GET gets the URL parameters, in the RESTLET context with 5,000 units', () => {
    const r = call({ method: 'GET', params: { a: '1' }, contentType: 'application/json' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ params: { script: expect.any(String), deploy: '1', a: '1' }, executionContext: 'RESTLET', remainingUsage: 5000 });
  });

  it('scripts read the account clock: new Date() and Date.now() follow a virtual clock', () => {
    clock.advance(3 * 86400000);
    const r = JSON.parse(call({ method: 'GET', contentType: 'application/json' }).body);
    expect(r).toMatchObject({ now: new Date(clock.now()).toISOString(), nowMs: clock.now() });
  });

  it('a script that waits by spinning on the clock sees its wait pass on a virtual clock; a few clock reads move nothing', () => {
    const before = clock.now();
    const spun = JSON.parse(call({ method: 'POST', body: { action: 'spin', ms: 2500 } }).body);
    // The wait, and no more than the read that ends it (1 ms a read once the script spins).
    expect(spun.waitedMs).toBeGreaterThanOrEqual(2500);
    expect(clock.now() - before).toBeLessThanOrEqual(2501);
    // Reads between calls into NetSuite (every script makes some) leave the clock where it was.
    const still = clock.now();
    JSON.parse(call({ method: 'GET', contentType: 'application/json' }).body);
    JSON.parse(call({ method: 'POST', body: { action: 'spin', ms: 0 } }).body);
    expect(clock.now()).toBe(still);
  });

  it('a schedule that falls due while a script spins starts after it, never inside it', () => {
    clock.advanceTo(Date.parse('2026-11-02T09:14:58Z'));
    call({ method: 'POST', body: { action: 'spin', ms: 5000 } }); // 09:14:58 → 09:15:03, past the 09:15 run
    expect(account.scheduler.instances.filter((i) => i.deploymentId === 'customdeploy_sbx_tally_sched')).toEqual([
      expect.objectContaining({ status: 'PENDING', invocationType: 'SCHEDULED' }),
    ]);
    account.runQueued();
    const [run] = account.scheduler.instances.filter((i) => i.deploymentId === 'customdeploy_sbx_tally_sched');
    expect(run).toMatchObject({ status: 'COMPLETE' });
    expect(run.startedAt).toBeGreaterThanOrEqual(Date.parse('2026-11-02T09:15:03Z'));
  });

  it('POST application/json arrives as an object, text/plain as a string; the answer follows the request format', () => {
    const json = call({ method: 'POST', body: { hello: 'world' } });
    expect(json.headers['Content-Type']).toMatch(/^application\/json/);
    expect(JSON.parse(json.body)).toEqual({ received: { hello: 'world' }, type: 'object' });
    const text = call({ method: 'POST', body: 'hello', contentType: 'text/plain' });
    expect(text).toMatchObject({ status: 200, body: 'text:hello' });
    expect(text.headers['Content-Type']).toMatch(/^text\/plain/);
  });

  it('a body without a Content-Type gets 415; an object returned to a text/plain request (or one without Content-Type) is refused', () => {
    const get = call({ method: 'GET' });
    expect(get.status).toBe(400);
    expect(JSON.parse(get.body).error.code).toBe('INVALID_RETURN_DATA_FORMAT');
    expect(call({ method: 'POST', body: '{}', contentType: null }).status).toBe(415);
    const put = call({ method: 'PUT', body: 'x', contentType: 'text/plain' });
    expect(put.status).toBe(400);
    expect(JSON.parse(put.body).error.code).toBe('INVALID_RETURN_DATA_FORMAT');
  });

  it('an uncaught error gives 400 with NetSuite\'s error body: the code, and the SuiteScriptError as JSON', () => {
    const r = call({ method: 'POST', body: { action: 'throw', message: 'No such store' } });
    expect(r.status).toBe(400);
    const body = JSON.parse(r.body);
    expect(body.error.code).toBe('SBX_BAD_INPUT');
    expect(JSON.parse(body.error.message)).toMatchObject({ type: 'error.SuiteScriptError', name: 'SBX_BAD_INPUT', message: 'No such store', notifyOff: false });
    const crash = JSON.parse(call({ method: 'POST', body: { action: 'crash' } }).body);
    expect(crash.error.code).toBe('TypeError');
  });

  it('DELETE gets the URL parameters', () => {
    expect(call({ method: 'DELETE', params: { id: '7' } })).toMatchObject({ status: 200, body: 'deleted 7' });
  });

  it('signs with an API Secret through N/crypto (HMAC SHA-256, base64) without the secret reaching any log', () => {
    const payload = '{"id":820982911946154508}';
    const r = JSON.parse(call({ method: 'POST', body: { action: 'hmac', payload } }).body);
    expect(r.hmac).toBe(crypto.createHmac('sha256', 'hook-secret').update(payload, 'utf8').digest('base64'));
    expect(account.secretLeaks()).toEqual([]);
  });
});

describe('Suitelets', () => {
  it('get the request and answer with what they write', () => {
    const get = account.suitelet('customdeploy_sbx_form', { method: 'GET', params: { name: 'Ada' } });
    expect(get).toMatchObject({ status: 200, body: '<p>Hello Ada</p>' });
    expect(get.headers['X-Sandbox-Form']).toBe('GET');
    const post = account.suitelet('customdeploy_sbx_form', { method: 'POST', body: 'abcdef', headers: { 'X-Test': 'yes' } });
    expect(post.body).toBe('received 6 characters, x-test=yes, name=');
    expect(account.governance.select({ scriptId: 'customscript_sbx_form' })[0]).toMatchObject({ scriptType: 'SUITELET', limit: 1000, executionContext: 'SUITELET' });
  });

  it('see a posted HTML form\'s fields as request parameters', () => {
    const post = account.suitelet('customdeploy_sbx_form', { method: 'POST', body: 'name=Grace+Hopper&x=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(post.body).toBe('received 21 characters, x-test=, name=Grace Hopper');
  });
});
