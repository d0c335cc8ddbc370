/** Writes what the connector found out about a store back onto its record, for the admin to read. */
import * as record from 'N/record';
import { STORE_RECORD_TYPE } from './storeRecord';

export const CONNECTION_FIELD = 'custrecord_sb2b_connection';

export function recordConnection(storeId: string, text: string): void {
  record.submitFields({
    type: STORE_RECORD_TYPE,
    id: storeId,
    values: { [CONNECTION_FIELD]: text.slice(0, 999) },
    options: { enableSourcing: false, ignoreMandatoryFields: true },
  });
}
