/**
 * A token Shopify no longer takes (revoked, rotated, expired): every entry of the store would fail the
 * same way, so none is spent or dead-lettered; the store's people get one digest per alert interval
 * saying what to fix, and the waiting entries resume by themselves once the token works again.
 */
import { createWorld, TOKEN_SECRET_ID, type World } from '../../../sandbox/world';
import { DEMO_TOKEN } from '../../../sandbox/shopify/demo';
import { entries, expectNoSecretLeaks, MINUTE, placeOrder, saveStoreRecord, untilRunAfterDue } from '../../support/engine';

const REVOKED = 'shpat_revoked_0000000000000000';

let world: World;
beforeAll(async () => {
  world = await createWorld();
}, 60_000);
afterAll(() => world?.close());

// The orders placed while the token is refused (the reconciliation also catches up the shop's earlier orders once it works).
const placed: string[] = [];
const orderEntries = () => entries(world, `custrecord_sb2b_q_topic = 'order/sync'`).filter((e) => placed.includes(e.gid!));
const connection = () => String(world.netsuite.records.get('customrecord_sb2b_store', world.storeId)!.fields.custrecord_sb2b_connection);

it('raises one alert for the store, not one per entry, keeps the entries waiting, and resumes them once the token is fixed', async () => {
  // The token in the store's API Secret stops working (the app's token was revoked in Shopify).
  world.netsuite.secrets.set(TOKEN_SECRET_ID, REVOKED);
  for (const po of ['PO-A1', 'PO-A2', 'PO-A3']) placed.push((await placeOrder(world, po)).id);
  await world.settle();

  const waiting = orderEntries();
  expect(waiting).toHaveLength(3);
  for (const e of waiting) {
    expect(e).toMatchObject({ status: 'pending', attempts: 0, errorCode: 'SHOPIFY_AUTH' });
    expect(e.errorMessage).toMatch(/^Shopify refused the access token for acme-b2b\.myshopify\.com \(HTTP 401\)/);
  }
  expect(world.netsuite.emails).toHaveLength(1);
  const [alert] = world.netsuite.emails;
  expect(alert.subject).toBe('Shopify B2B: Acme Industrial Supply: 1 store problem');
  expect(alert.body).toContain('Store problem (SHOPIFY_AUTH): Shopify refused the access token for acme-b2b.myshopify.com (HTTP 401)');
  expect(alert.body).toContain(`Put a valid Admin API access token in the API Secret ${TOKEN_SECRET_ID}`);
  expect(alert.body).toContain('Until it is fixed, nothing syncs for this store; waiting entries are kept and resume by themselves.');
  expect(alert.body).toContain('3 entries are waiting to be synced.');

  // The scheduled runs keep trying every 15 minutes; within the alert interval (60 minutes) nobody is mailed again.
  await world.advance(45 * MINUTE);
  expect(orderEntries().every((e) => e.status === 'pending' && e.attempts === 0 && e.errorCode === 'SHOPIFY_AUTH')).toBe(true);
  expect(world.netsuite.emails).toHaveLength(1);
  // Still broken when the interval is over: one reminder, from the run that met the problem again.
  await world.advance(15 * MINUTE);
  expect(world.netsuite.emails).toHaveLength(2);
  expect(world.netsuite.emails[1].at - alert.at).toBe(60 * MINUTE);
  expect(world.netsuite.emails[1].subject).toBe(alert.subject);

  // The admin checks the connection from the store record: it says what is wrong.
  await saveStoreRecord(world);
  await world.settle();
  expect(connection()).toMatch(/^Not connected \(checked .*\): Shopify refused the access token/);

  // The token is fixed: the entries resume by themselves at the next run, each on its first attempt.
  world.netsuite.secrets.set(TOKEN_SECRET_ID, DEMO_TOKEN);
  await untilRunAfterDue(world, orderEntries()[0]);
  expect(orderEntries().map((e) => [e.status, e.attempts])).toEqual([
    ['done', 1],
    ['done', 1],
    ['done', 1],
  ]);
  expect(world.netsuite.query(`SELECT COUNT(*) AS n FROM transaction WHERE type = 'SalesOrd' AND otherrefnum LIKE 'PO-A%'`)[0].n).toBe(3);
  // Nothing left to say: no further digest, then or later.
  await world.advance(2 * 60 * MINUTE);
  expect(world.netsuite.emails).toHaveLength(2);
  expectNoSecretLeaks(world, [REVOKED, DEMO_TOKEN]);
});
