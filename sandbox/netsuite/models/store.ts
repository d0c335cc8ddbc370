/**
 * The account's records as data: body fields, sublist lines, subrecords, a version per save (for
 * RCRD_HAS_BEEN_CHANGED) and timestamps. No N/record behaviour here; records/ builds on it.
 * Internal ids are allocated per id space, as NetSuite does: all transactions share one sequence, all
 * entities one, all items one, every other type its own.
 */

export type Scalar = string | number | boolean | Date | null;
export type Value = Scalar | string[];

export interface SubrecordData {
  type: string;
  fields: Record<string, Value>;
}

export interface LineData {
  /** Stable line id: the `line` field, transactionline.id. */
  lineId: number;
  /** Account-wide unique key: `lineuniquekey`, transactionline.uniquekey. */
  uniqueKey: number;
  fields: Record<string, Value>;
  subrecords: Record<string, SubrecordData>;
}

export interface RecordData {
  type: string;
  id: number;
  fields: Record<string, Value>;
  sublists: Record<string, LineData[]>;
  subrecords: Record<string, SubrecordData>;
  /** Increments on every committed change; a record loaded at an older version cannot be saved. */
  version: number;
  created: number;
  lastModified: number;
  /** Next line id per sublist. */
  nextLineId: Record<string, number>;
  /** What NetSuite keeps beside the fields: the SuiteQL status letter, the source record's type. */
  meta: { status?: string; createdFromType?: string };
}

export function cloneRecord<T>(data: T): T {
  return structuredClone(data);
}

export class RecordStore {
  private readonly records = new Map<string, Map<number, RecordData>>();
  private readonly sequences = new Map<string, number>();
  private readonly externalIds = new Map<string, Map<string, number>>();
  private uniqueKeySeq = 1000;

  allocateId(idSpace: string): number {
    const next = (this.sequences.get(idSpace) ?? 0) + 1;
    this.sequences.set(idSpace, next);
    return next;
  }

  allocateUniqueKey(): number {
    return ++this.uniqueKeySeq;
  }

  private table(type: string): Map<number, RecordData> {
    let t = this.records.get(type);
    if (!t) {
      t = new Map();
      this.records.set(type, t);
    }
    return t;
  }

  /** The stored record (a copy; mutate through put). */
  get(type: string, id: number): RecordData | undefined {
    const found = this.records.get(type)?.get(id);
    return found ? cloneRecord(found) : undefined;
  }

  /** The stored record itself, for read-only inspection without copying. */
  peek(type: string, id: number): RecordData | undefined {
    return this.records.get(type)?.get(id);
  }

  has(type: string, id: number): boolean {
    return this.records.get(type)?.has(id) ?? false;
  }

  put(data: RecordData): void {
    const copy = cloneRecord(data);
    this.table(data.type).set(data.id, copy);
    const ext = data.fields.externalid;
    this.reindexExternalId(data.type, data.id, typeof ext === 'string' && ext ? ext : undefined);
  }

  delete(type: string, id: number): RecordData | undefined {
    const existing = this.records.get(type)?.get(id);
    if (!existing) return undefined;
    this.records.get(type)!.delete(id);
    this.reindexExternalId(type, id, undefined);
    return existing;
  }

  all(type: string): RecordData[] {
    return [...(this.records.get(type)?.values() ?? [])];
  }

  types(): string[] {
    return [...this.records.keys()];
  }

  /** Which record of the type holds this external id (external ids are unique per record type). */
  byExternalId(type: string, externalId: string): number | undefined {
    return this.externalIds.get(type)?.get(externalId);
  }

  private reindexExternalId(type: string, id: number, externalId: string | undefined) {
    let index = this.externalIds.get(type);
    if (!index) {
      index = new Map();
      this.externalIds.set(type, index);
    }
    for (const [key, holder] of index) if (holder === id) index.delete(key);
    if (externalId) index.set(externalId, id);
  }

  clear() {
    this.records.clear();
    this.sequences.clear();
    this.externalIds.clear();
    this.uniqueKeySeq = 1000;
  }
}
