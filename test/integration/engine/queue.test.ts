/**
 * The queue through the built bundle: work is queued once per key, what Shopify refuses dies at once
 * with Shopify's words, what keeps failing backs off to the store's ceiling and then dies, the digest
 * tells a person, and a person retries or closes an entry from its record (ue_queue_entry).
 */
import { UserActionError } from '../../../sandbox/netsuite/account';
import { createWorld, type World } from '../../../sandbox/world';
import { callsOf, entries, expectNoSecretLeaks, MINUTE, placeOrder, saveStoreRecord, untilRunAfterDue, tick } from '../../support/engine';

const NETSUITE_MASTERS_COMPANIES = 2; // customlist_sb2b_company_master: val_sb2b_netsuite_masters

let world: World;
beforeAll(async () => {
  world = await createWorld({
    store: { custrecord_sb2b_company_master: NETSUITE_MASTERS_COMPANIES, custrecord_sb2b_retry_attempts: 6, custrecord_sb2b_retry_ceiling_h: 1 },
  });
}, 60_000);
afterAll(() => world?.close());
beforeEach(async () => {
  await world.settle();
  await world.shopify.delete('/faults');
  await world.shopify.post('/metrics/reset');
});

const digests = () => world.netsuite.emails.filter((e) => e.subject.startsWith('Shopify B2B: Acme Industrial Supply'));

describe('queueing', () => {
  it('queues a change once however often it is announced: a webhook delivered twice is one entry and one Shopify read', async () => {
    await world.shopify.post('/faults', { target: 'webhook', match: { topic: 'orders/create' }, sequence: ['duplicate'] });
    const order = await placeOrder(world, 'PO-TWICE');
    await world.settle();
    const deliveries = await world.shopify.get<{ topic: string; webhookId: string; attempts: { status: number }[] }[]>(`/webhooks/deliveries?topic=orders/create`);
    const mine = deliveries.slice(-2);
    expect(mine.map((d) => d.webhookId)).toEqual([mine[0].webhookId, mine[0].webhookId]);
    expect(mine.map((d) => d.attempts.map((a) => a.status))).toEqual([[200], [200]]);
    expect(entries(world, `custrecord_sb2b_q_shopify_gid = ?`, [order.id])).toEqual([expect.objectContaining({ topic: 'order/sync', status: 'done', attempts: 1 })]);
    expect(await callsOf(world, 'OrderForSync')).toBe(1);
  });
});

describe('a failure that will not pass by itself', () => {
  it('dead-letters at once with Shopify’s message, is named in the digest, and closes with the reason a person gives', async () => {
    // A company customer marked for Shopify whose address has no country: Shopify refuses the company.
    const customer = world.netsuite.ui.create(
      'customer',
      { companyname: 'Northwind Fasteners', subsidiary: 1, custentity_sb2b_push: true, custentity_sb2b_store: world.storeId },
      { addressbook: [{ defaultshipping: true, defaultbilling: true, addressbookaddress: { addr1: '1 Main St', city: 'Springfield', zip: '12345' } }] },
    );
    await world.settle();
    const [dead] = entries(world, `custrecord_sb2b_q_topic = 'company/push' AND custrecord_sb2b_q_ns_id = ?`, [String(customer)]);
    expect(dead).toMatchObject({
      status: 'dead',
      attempts: 1,
      errorCode: 'SHOPIFY_USER_ERROR_BLANK',
      errorMessage: "CompanyCreate was refused by Shopify: input.companyLocation.billingAddress.countryCode: Country code can't be blank (BLANK)",
    });
    expect(await callsOf(world, 'CompanyCreate')).toBe(1); // refused data is not sent again
    const [digest] = digests();
    expect(digest.recipients).toEqual(['ops@acme-industrial.example']);
    expect(digest.subject).toBe('Shopify B2B: Acme Industrial Supply: 1 failed entry');
    expect(digest.body).toContain(`- company/push (customer ${customer}): SHOPIFY_USER_ERROR_BLANK: CompanyCreate was refused by Shopify: input.companyLocation.billingAddress.countryCode: Country code can't be blank (BLANK)`);
    expect(digest.body).toContain(`custrecordentry.nl?rectype=customrecord_sb2b_queue&id=${dead.id}`);
    expect(digest.body).toContain('Fix the cause, then tick Retry on each entry (or close it with a reason if it needs nothing more).');

    // The admin adds the country: the save pushes the company anew; the dead entry is closed with a reason.
    tick(world);
    world.netsuite.ui.edit('customer', customer, {}, { addressbook: [{ line: 0, addressbookaddress: { country: 'US' } }] });
    await world.settle();
    expect(entries(world, `custrecord_sb2b_q_topic = 'company/push' AND custrecord_sb2b_q_status = 'done'`)).toHaveLength(1);
    world.netsuite.ui.edit('customrecord_sb2b_queue', dead.id, { custrecord_sb2b_q_close_reason: 'Address fixed; the next save pushed the company.' });
    await world.settle();
    expect(entries(world, `id = ?`, [dead.id])[0]).toMatchObject({ status: 'skipped', closeReason: 'Address fixed; the next save pushed the company.' });
    expect(await callsOf(world, 'CompanyCreate')).toBe(2);
  });
});

describe('a failure that may pass', () => {
  it('backs off 1, 3, 9, 27 minutes and then the store’s 1-hour ceiling, is dead after its 6th attempt, and an admin’s Retry brings it back', async () => {
    await world.shopify.post('/faults', { target: 'admin', match: { operationName: 'ShopInfo' }, fault: 'http503', rate: 1 });
    await saveStoreRecord(world);
    await world.settle();
    const verify = () => entries(world, `custrecord_sb2b_q_topic = 'store/verify'`).pop()!;
    const lastRun = () => world.netsuite.scheduler.instances.filter((i) => i.scriptId === 'customscript_sb2b_mr_outbound').pop()!;
    const waits: number[] = [];
    for (let attempt = 1; attempt < 6; attempt++) {
      const e = verify();
      expect(e).toMatchObject({ status: 'retrying', attempts: attempt, errorCode: 'SHOPIFY_HTTP_503' });
      waits.push((e.due! - lastRun().startedAt!) / MINUTE);
      await untilRunAfterDue(world, e); // the processors' 15-minute schedule takes it at the first run after it is due
    }
    // 1, 3, 9, 27, 81 → capped at the store's 1 hour, each ±10%, from the run that failed.
    const expected = [1, 3, 9, 27, 60];
    expect(waits.every((w, i) => w >= expected[i] * 0.9 && w <= expected[i] * 1.1 + 0.1)).toBe(true);
    expect(verify()).toMatchObject({ status: 'dead', attempts: 6, errorCode: 'SHOPIFY_HTTP_503' });
    expect(await callsOf(world, 'ShopInfo')).toBe(6 * 4); // each attempt: 1 call + 3 quick retries
    expect(digests().pop()!.body).toContain(`- store/verify (customrecord_sb2b_store ${world.storeId}): SHOPIFY_HTTP_503: ShopInfo: HTTP 503 from Shopify`);

    // Shopify is back; the admin ticks Retry: the entry starts over at once (the processor is nudged).
    await world.shopify.delete('/faults');
    world.netsuite.ui.edit('customrecord_sb2b_queue', verify().id, { custrecord_sb2b_q_retry: true });
    expect(verify()).toMatchObject({ status: 'pending', attempts: 0 });
    await world.settle();
    expect(verify()).toMatchObject({ status: 'done', attempts: 1 });
  });

});

describe('acting on an entry', () => {
  function refusal(fn: () => unknown): UserActionError['error'] {
    try {
      fn();
    } catch (e) {
      if (e instanceof UserActionError) return e.error;
      throw e;
    }
    throw new Error('the save was not refused');
  }

  it('refuses Retry on a finished entry, saying there is nothing to retry and what to do instead', () => {
    const [done] = entries(world, `custrecord_sb2b_q_status = 'done'`);
    const error = refusal(() => world.netsuite.ui.edit('customrecord_sb2b_queue', done.id, { custrecord_sb2b_q_retry: true }));
    expect(error.name).toBe('SB2B_NOTHING_TO_RETRY');
    expect(error.message).toMatch(/^This queue entry is done \(.+\): there is nothing to retry\. To sync the record again, save it again/);
    expect(entries(world, `id = ?`, [done.id])[0].status).toBe('done');
  });

  it('refuses Retry while a run holds the entry, and takes it once that run’s lease is over (it died)', async () => {
    const key = `store/verify:${world.storeId}:stuck`;
    // The lease ends 2 minutes after a scheduled run, so that no scheduled run takes the entry before the admin does.
    const quarter = 15 * MINUTE;
    const leaseEnd = Math.ceil(world.clock.now() / quarter) * quarter + quarter + 2 * MINUTE;
    const id = world.netsuite.records.seed('customrecord_sb2b_queue', {
      name: 'store/verify 1',
      externalid: key,
      custrecord_sb2b_q_direction: 'outbound',
      custrecord_sb2b_q_topic: 'store/verify',
      custrecord_sb2b_q_store: world.storeId,
      custrecord_sb2b_q_ns_type: 'customrecord_sb2b_store',
      custrecord_sb2b_q_ns_id: String(world.storeId),
      custrecord_sb2b_q_status: 'processing',
      custrecord_sb2b_q_attempts: 1,
      custrecord_sb2b_q_due: leaseEnd,
    });
    const error = refusal(() => world.netsuite.ui.inlineEdit('customrecord_sb2b_queue', id, { custrecord_sb2b_q_retry: true }));
    expect(error.name).toBe('SB2B_ENTRY_IN_PROGRESS');
    expect(error.message).toContain(`the entry is due again by itself at ${new Date(leaseEnd).toISOString()}`);
    await world.advance(leaseEnd + MINUTE - world.clock.now());
    expect(entries(world, `id = ?`, [id])[0].status).toBe('processing');
    world.netsuite.ui.inlineEdit('customrecord_sb2b_queue', id, { custrecord_sb2b_q_retry: true }); // from the list, as an inline edit
    expect(entries(world, `id = ?`, [id])[0]).toMatchObject({ status: 'pending', attempts: 0 });
    await world.settle();
    expect(entries(world, `id = ?`, [id])[0]).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('keeps every secret out of logs and email', () => {
    expectNoSecretLeaks(world, ['shpat_sandbox_acme_b2b', 'sandbox-webhook-secret-acme-b2b']);
  });
});
