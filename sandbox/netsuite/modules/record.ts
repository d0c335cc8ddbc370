/**
 * N/record over the account's RecordService: create, load, copy, transform, delete, submitFields,
 * attach and detach (contacts to customers),
 * with NetSuite's usage units (10 transaction / 2 custom record / 5 other for create, load, copy,
 * transform, submitFields; 20 / 4 / 10 for save and delete; 10 for attach and detach) charged to the
 * running invocation.
 */
import fs from 'fs';
import path from 'path';
import { errors } from '../errors';
import { UNIT_COSTS } from '../governance';
import { costClass } from '../records/service';
import type { Execution } from '../runners/execution';

let recordTypeEnum: Record<string, string> | undefined;

/** record.Type, read from @hitc/netsuite-types (the values NetSuite uses). */
export function recordTypes(): Record<string, string> {
  if (recordTypeEnum) return recordTypeEnum;
  const file = path.join(path.dirname(require.resolve('@hitc/netsuite-types/package.json')), 'N', 'record.d.ts');
  const source = fs.readFileSync(file, 'utf8');
  const body = /export (?:declare )?(?:const )?enum Type \{([\s\S]*?)\}/.exec(source)?.[1] ?? '';
  recordTypeEnum = Object.fromEntries([...body.matchAll(/(\w+)\s*=\s*'([^']+)'/g)].map((m) => [m[1], m[2]]));
  return recordTypeEnum;
}

function opts(method: string, options: unknown): Record<string, unknown> {
  if (!options || typeof options !== 'object') throw errors.missingArgument(method, 'options');
  return options as Record<string, unknown>;
}

function required(method: string, o: Record<string, unknown>, key: string): unknown {
  const v = o[key];
  if (v === undefined || v === null || v === '') throw errors.missingArgument(method, key);
  return v;
}

export function recordModule(exec: Execution) {
  const { core, session } = exec;
  const records = core.records;
  const chargeRead = (api: string, type: string) => exec.meter.charge(api, UNIT_COSTS.record.read[costClass(core.dictionary.recordType(type))]);
  const chargeWrite = (api: string, type: string) => exec.meter.charge(api, UNIT_COSTS.record.write[costClass(core.dictionary.recordType(type))]);
  const plain = (v: unknown) => (v && typeof v === 'object' ? (exec.realm.unwrap(v) as Record<string, unknown>) : undefined);

  const module = {
    Type: recordTypes(),
    create(options: unknown) {
      const o = opts('record.create', options);
      const type = String(required('record.create', o, 'type'));
      chargeRead('record.create', type);
      return records.create(type, { isDynamic: o.isDynamic === true, defaultValues: plain(o.defaultValues) }, session);
    },
    load(options: unknown) {
      const o = opts('record.load', options);
      const type = String(required('record.load', o, 'type'));
      const id = required('record.load', o, 'id');
      chargeRead('record.load', type);
      return records.load(type, id, { isDynamic: o.isDynamic === true }, session);
    },
    copy(options: unknown) {
      const o = opts('record.copy', options);
      const type = String(required('record.copy', o, 'type'));
      const id = required('record.copy', o, 'id');
      chargeRead('record.copy', type);
      return records.copy(type, id, { isDynamic: o.isDynamic === true, defaultValues: plain(o.defaultValues) }, session);
    },
    transform(options: unknown) {
      const o = opts('record.transform', options);
      const fromType = String(required('record.transform', o, 'fromType'));
      const fromId = required('record.transform', o, 'fromId');
      const toType = String(required('record.transform', o, 'toType'));
      chargeRead('record.transform', toType);
      return records.transform(fromType, fromId, toType, { isDynamic: o.isDynamic === true, defaultValues: plain(o.defaultValues) }, session);
    },
    delete(options: unknown) {
      const o = opts('record.delete', options);
      const type = String(required('record.delete', o, 'type'));
      const id = required('record.delete', o, 'id');
      chargeWrite('record.delete', type);
      return records.delete(type, id, session);
    },
    submitFields(options: unknown) {
      const o = opts('record.submitFields', options);
      const type = String(required('record.submitFields', o, 'type'));
      const id = required('record.submitFields', o, 'id');
      const values = required('record.submitFields', o, 'values') as Record<string, unknown>;
      chargeRead('record.submitFields', type);
      const submitOptions = (o.options ?? {}) as Record<string, unknown>;
      return records.submitFields(type, id, { ...values }, { ignoreMandatoryFields: submitOptions.ignoreMandatoryFields === true, enableSourcing: submitOptions.enableSourcing === true }, session);
    },
    attach(options: unknown) {
      const o = opts('record.attach', options);
      const rec = (plain(required('record.attach', o, 'record')) ?? {}) as Record<string, unknown>;
      const to = (plain(required('record.attach', o, 'to')) ?? {}) as Record<string, unknown>;
      const type = String(required('record.attach', rec, 'type'));
      const id = required('record.attach', rec, 'id');
      const toType = String(required('record.attach', to, 'type'));
      const toId = required('record.attach', to, 'id');
      exec.meter.charge('record.attach', UNIT_COSTS.record.attach);
      records.attach(type, id, toType, toId, plain(o.attributes));
    },
    detach(options: unknown) {
      const o = opts('record.detach', options);
      const rec = (plain(required('record.detach', o, 'record')) ?? {}) as Record<string, unknown>;
      const from = (plain(required('record.detach', o, 'from')) ?? {}) as Record<string, unknown>;
      const type = String(required('record.detach', rec, 'type'));
      const id = required('record.detach', rec, 'id');
      const fromType = String(required('record.detach', from, 'type'));
      const fromId = required('record.detach', from, 'id');
      exec.meter.charge('record.detach', UNIT_COSTS.record.attach);
      records.detach(type, id, fromType, fromId);
    },
  };
  return withPromises(module);
}

/** Adds the `.promise` variant NetSuite offers on most module functions (resolving synchronously here). */
export function withPromises<T extends Record<string, unknown>>(module: T): T {
  for (const [key, value] of Object.entries(module)) {
    if (typeof value === 'function' && key !== 'Type') {
      (value as unknown as { promise: unknown }).promise = (...args: unknown[]) => {
        try {
          return Promise.resolve((value as (...a: unknown[]) => unknown)(...args));
        } catch (e) {
          return Promise.reject(e);
        }
      };
    }
  }
  return module;
}
