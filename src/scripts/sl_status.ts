/**
 * @NApiVersion 2.1
 * @NScriptType Suitelet
 * @NModuleScope SameAccount
 */

// The admin's status page: each store's setup and connection, the queue, what needs a person (with
// the reason and a Retry button) and the latest sync reports. GET shows it (`format=json` for
// tools); POST `action=retry` with `ids` (entry ids) or `store` (every dead entry of that store)
// sends entries back to the queue, as ticking Retry on each would.
import type { EntryPoints } from 'N/types';
import * as runtime from 'N/runtime';
import * as url from 'N/url';
import { deadEntriesOf, readStatus, requestRetries } from '../netsuite/statusData';
import { MAX_RETRIES_PER_REQUEST, parseRetryRequest, renderStatusPage } from '../sync/status/statusPage';

function retry(params: Record<string, string>): string {
  const request = parseRetryRequest(params);
  if (request.kind === 'invalid') return request.message;
  const ids = request.kind === 'entries' ? request.ids : deadEntriesOf(request.storeId, MAX_RETRIES_PER_REQUEST);
  if (ids.length === 0) return 'Nothing to retry: that store has no dead entries.';
  const { sent, failed } = requestRetries(ids);
  const more = request.kind === 'deadOfStore' && ids.length === MAX_RETRIES_PER_REQUEST ? ` Retry again for the rest (at most ${MAX_RETRIES_PER_REQUEST} at a time).` : '';
  return `${sent} ${sent === 1 ? 'entry' : 'entries'} sent back to the queue; the processor starts now.${failed.length ? ` Could not retry: ${failed.join('; ')}.` : ''}${more}`;
}

export const onRequest: EntryPoints.Suitelet.onRequest = (context) => {
  const params = context.request.parameters as Record<string, string>;
  const message = context.request.method === 'POST' ? retry(params) : undefined;
  const script = runtime.getCurrentScript();
  const model = readStatus(message);
  if (params.format === 'json') {
    context.response.setHeader({ name: 'Content-Type', value: 'application/json' });
    context.response.write({ output: JSON.stringify(model) });
    return;
  }
  const self = url.resolveScript({ scriptId: script.id, deploymentId: script.deploymentId });
  context.response.write({ output: renderStatusPage(model, self) });
};
