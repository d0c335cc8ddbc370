/**
 * How N/record turns values in and out by field kind: getValue gives booleans for checkboxes,
 * internal ids as strings for selects, numbers for numeric fields, Date objects for dates, '' for an
 * empty field; setValue refuses what NetSuite refuses (INVALID_FLD_VALUE), such as a string on a date.
 */
import type { FieldInfo } from '../dictionary';
import { errors } from '../errors';
import type { Value } from '../models/store';

export function isDateLike(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The value to store for a setValue, or INVALID_FLD_VALUE. */
export function normalizeIn(field: FieldInfo, value: unknown): Value {
  if (value === undefined || value === null) return field.kind === 'checkbox' ? false : field.kind === 'multiselect' ? [] : '';
  switch (field.kind) {
    case 'checkbox':
      if (typeof value === 'boolean') return value;
      if (value === 'T' || value === 'F') return value === 'T';
      throw errors.invalidFieldValue(value, field.id);
    case 'integer':
    case 'float': {
      if (value === '') return '';
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n)) throw errors.invalidFieldValue(value, field.id);
      if (field.kind === 'integer' && !Number.isInteger(n)) throw errors.invalidFieldValue(value, field.id);
      return n;
    }
    case 'select': {
      if (value === '') return '';
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      if (typeof value === 'string') return value;
      throw errors.invalidFieldValue(value, field.id);
    }
    case 'multiselect': {
      const items = Array.isArray(value) ? value : [value];
      return items.map((v) => String(v)).filter((v) => v !== '');
    }
    case 'date':
    case 'datetime':
      if (value === '') return '';
      if (isDateLike(value)) {
        const d = new Date((value as Date).getTime());
        if (isNaN(d.getTime())) throw errors.invalidFieldValue(value, field.id);
        return d;
      }
      throw errors.invalidFieldValue(value, field.id);
    default:
      if (typeof value === 'object' && !isDateLike(value)) throw errors.invalidFieldValue(value, field.id);
      return isDateLike(value) ? (value as Date).toString() : String(value);
  }
}

/** What getValue returns for a stored value. */
export function normalizeOut(field: FieldInfo, value: Value | undefined): Value {
  if (value === undefined || value === null || value === '') {
    if (field.kind === 'checkbox') return false;
    if (field.kind === 'multiselect') return [];
    return '';
  }
  switch (field.kind) {
    case 'checkbox':
      return value === true || value === 'T';
    case 'select':
      return String(value);
    case 'date':
    case 'datetime':
      return isDateLike(value) ? new Date(value.getTime()) : value;
    case 'multiselect':
      return Array.isArray(value) ? [...value] : [String(value)];
    default:
      return value;
  }
}

/** NetSuite's default date format for the account (M/D/YYYY), as getText and SuiteQL show dates. */
export function formatDate(d: Date): string {
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
}

export function formatDateTime(d: Date): string {
  const h = d.getUTCHours();
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  return `${formatDate(d)} ${hour12}:${String(d.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'am' : 'pm'}`;
}

export function parseDateText(text: string): Date | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i.exec(text.trim());
  if (!m) return undefined;
  let hour = Number(m[4] ?? 0);
  if (m[7]) hour = (hour % 12) + (m[7].toLowerCase() === 'pm' ? 12 : 0);
  return new Date(Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), hour, Number(m[5] ?? 0), Number(m[6] ?? 0)));
}

export function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}

export function num(value: Value | undefined): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value) || 0;
  return 0;
}
