/**
 * record.attach and record.detach of contacts to customers, as NetSuite does them: 10 units each,
 * SSS_MISSING_REQD_ARGUMENT for a missing argument, RCRD_DSNT_EXIST for a record that is not there,
 * the role a contact role id; the relationships read back through SuiteQL's
 * companycontactrelationship (company, contact, role), where a contact's own company is one of them.
 */
import { VirtualClock } from '../../../sandbox/clock';
import type { NetSuiteAccount } from '../../../sandbox/netsuite/account';
import { fixtureAccount } from '../../support/netsuiteFixtures';
import { thrown } from '../../support/thrown';

let account: NetSuiteAccount;
let parent: number;
let branch: number;
let contact: number;
beforeEach(async () => {
  account = await fixtureAccount({ clock: new VirtualClock(Date.parse('2026-11-02T09:00:00Z')) });
  parent = account.records.seed('customer', { companyname: 'Wayne Enterprises' });
  branch = account.records.seed('customer', { companyname: 'Wayne Warehouse', parent });
  contact = account.records.seed('contact', { firstname: 'Alfred', lastname: 'Pennyworth', company: parent });
});
afterEach(() => account.close());

const relationships = () => account.query('SELECT company, contact, role FROM companycontactrelationship ORDER BY company');

describe('record.attach and record.detach', () => {
  it("lists a contact's company as a relationship without a role", () => {
    expect(relationships()).toEqual([{ company: parent, contact, role: null }]);
  });

  it('attaches a contact to another customer with a role, for 10 units, and detaches it for 10 more', () => {
    const used = account.console(({ record }, exec) => {
      record.attach({ record: { type: 'contact', id: contact }, to: { type: 'customer', id: branch }, attributes: { role: -10 } });
      return { calls: JSON.parse(JSON.stringify(exec.meter.record.calls)), used: exec.meter.used };
    });
    expect(used).toEqual({ calls: { 'record.attach': { count: 1, units: 10 } }, used: 10 });
    expect(relationships()).toEqual([
      { company: parent, contact, role: null },
      { company: branch, contact, role: -10 },
    ]);

    const detached = account.console(({ record }, exec) => {
      record.detach({ record: { type: 'contact', id: contact }, from: { type: 'customer', id: String(branch) } });
      return exec.meter.used;
    });
    expect(detached).toBe(10);
    expect(relationships()).toEqual([{ company: parent, contact, role: null }]);
  });

  it('attaching again keeps one relationship and takes the new role; without a role there is none', () => {
    account.console(({ record }) => {
      record.attach({ record: { type: 'contact', id: contact }, to: { type: 'customer', id: branch }, attributes: { role: -10 } });
      record.attach({ record: { type: 'contact', id: contact }, to: { type: 'customer', id: branch } });
    });
    expect(relationships()).toEqual([
      { company: parent, contact, role: null },
      { company: branch, contact, role: null },
    ]);
  });

  it('a role given on attach to the contact company survives the contact being saved again', () => {
    account.console(({ record }) => {
      record.attach({ record: { type: 'contact', id: contact }, to: { type: 'customer', id: parent }, attributes: { role: -10 } });
      const rec = record.load({ type: 'contact', id: contact });
      rec.setValue({ fieldId: 'title', value: 'Butler' });
      rec.save();
    });
    expect(relationships()).toEqual([{ company: parent, contact, role: -10 }]);
  });

  it('refuses a missing argument, a record that does not exist and a role that is not an id', () => {
    const attach = (options: unknown) => thrown(() => account.console(({ record }) => record.attach(options as never)));
    expect(attach({ record: { type: 'contact', id: contact } })).toMatchObject({ name: 'SSS_MISSING_REQD_ARGUMENT' });
    expect(attach({ record: { type: 'contact' }, to: { type: 'customer', id: branch } })).toMatchObject({ name: 'SSS_MISSING_REQD_ARGUMENT' });
    expect(attach({ record: { type: 'contact', id: 999999 }, to: { type: 'customer', id: branch } })).toMatchObject({ name: 'RCRD_DSNT_EXIST' });
    expect(attach({ record: { type: 'contact', id: contact }, to: { type: 'customer', id: 999999 } })).toMatchObject({ name: 'RCRD_DSNT_EXIST' });
    expect(attach({ record: { type: 'contact', id: contact }, to: { type: 'customer', id: branch }, attributes: { role: 'Buyer' } })).toMatchObject({ name: 'INVALID_FLD_VALUE' });
    expect(thrown(() => account.console(({ record }) => record.detach({ record: { type: 'contact', id: contact } } as never)))).toMatchObject({ name: 'SSS_MISSING_REQD_ARGUMENT' });
    expect(relationships()).toEqual([{ company: parent, contact, role: null }]);
  });

  it('a deleted customer or contact leaves no relationship behind', () => {
    account.console(({ record }) => record.attach({ record: { type: 'contact', id: contact }, to: { type: 'customer', id: branch } }));
    account.ui.delete('customer', branch);
    expect(relationships()).toEqual([{ company: parent, contact, role: null }]);
    account.ui.delete('contact', contact);
    expect(relationships()).toEqual([]);
  });
});
