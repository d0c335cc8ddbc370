/**
 * The admin's status page (the `sl_status` Suitelet): per store its setup and connection, how far
 * each reconciliation got, the queue by direction and status, the entries that need a person (dead,
 * or retrying with an error) with their reason and a Retry button, and the latest sync reports.
 * Pure: the Suitelet reads the model and writes what this returns.
 */

export interface StoreStatus {
  id: string;
  name: string;
  shopDomain: string;
  /** ok, invalid (its setup keeps it from syncing), inactive … as the store lookup says. */
  status: string;
  problems: string[];
  connection: string;
  cursors: { label: string; value: string }[];
}

export interface QueueCount {
  storeId: string;
  direction: string;
  status: string;
  count: number;
}

export interface AttentionEntry {
  id: string;
  storeId: string;
  direction: string;
  topic: string;
  status: string;
  attempts: number;
  shopifyGid: string;
  netsuite: string;
  error: string;
  errorAt: string;
  nextAttemptAt: string;
  url: string;
}

export interface SyncReportRow {
  id: string;
  storeId: string;
  kind: string;
  summary: string;
  created: string;
  url: string;
}

export interface StatusModel {
  generatedAt: string;
  stores: StoreStatus[];
  counts: QueueCount[];
  attention: AttentionEntry[];
  reports: SyncReportRow[];
  /** What the last action did ("3 entries sent back to the queue"), shown on top. */
  message?: string;
}

/** Most entries one Retry click sends back (each is an inline edit with its own user event). */
export const MAX_RETRIES_PER_REQUEST = 100;

const STATUS_ORDER = ['pending', 'processing', 'retrying', 'dead', 'done', 'skipped'];

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** What a Retry form asks for: entry ids, or every dead entry of a store. */
export type RetryRequest = { kind: 'entries'; ids: string[] } | { kind: 'deadOfStore'; storeId: string } | { kind: 'invalid'; message: string };

export function parseRetryRequest(params: Record<string, string | undefined>): RetryRequest {
  if (params.action !== 'retry') return { kind: 'invalid', message: `Unknown action "${params.action ?? ''}": the status page knows "retry".` };
  if (params.store) {
    if (!/^\d+$/.test(params.store)) return { kind: 'invalid', message: `"${params.store}" is not a store record id.` };
    return { kind: 'deadOfStore', storeId: params.store };
  }
  const ids = String(params.ids ?? params.id ?? '')
    .split(/[\s,]+/)
    .filter(Boolean);
  if (ids.length === 0) return { kind: 'invalid', message: 'Nothing to retry: choose an entry (its id) or a store.' };
  const bad = ids.filter((id) => !/^\d+$/.test(id));
  if (bad.length) return { kind: 'invalid', message: `Not queue entry ids: ${bad.join(', ')}.` };
  return { kind: 'entries', ids: ids.slice(0, MAX_RETRIES_PER_REQUEST) };
}

function table(head: string[], rows: string[][]): string {
  if (rows.length === 0) return '';
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function queueTable(counts: QueueCount[]): string {
  const directions = [...new Set(counts.map((c) => c.direction))].sort();
  if (directions.length === 0) return '<p>The queue is empty.</p>';
  const statuses = STATUS_ORDER.filter((s) => counts.some((c) => c.status === s)).concat([...new Set(counts.map((c) => c.status))].filter((s) => !STATUS_ORDER.includes(s)));
  return table(
    ['Direction', ...statuses],
    directions.map((d) => [escapeHtml(d), ...statuses.map((s) => String(counts.filter((c) => c.direction === d && c.status === s).reduce((n, c) => n + c.count, 0)))]),
  );
}

function storeSection(store: StoreStatus, model: StatusModel, actionUrl: string): string {
  const attention = model.attention.filter((e) => e.storeId === store.id);
  const dead = attention.filter((e) => e.status === 'dead').length;
  const reports = model.reports.filter((r) => r.storeId === store.id);
  const problems = store.problems.length ? `<ul class="bad">${store.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>` : '';
  const retryAll = dead
    ? `<form method="POST" action="${escapeHtml(actionUrl)}"><input type="hidden" name="action" value="retry"><input type="hidden" name="store" value="${escapeHtml(store.id)}"><button type="submit">Retry all ${dead} dead entries</button></form>`
    : '';
  const entries = table(
    ['Entry', 'Status', 'Topic', 'Shopify', 'NetSuite', 'Attempts', 'Last error', 'When', 'Next try', ''],
    attention.map((e) => [
      `<a href="${escapeHtml(e.url)}">${escapeHtml(e.id)}</a>`,
      escapeHtml(e.status),
      escapeHtml(`${e.direction} ${e.topic}`),
      escapeHtml(e.shopifyGid),
      escapeHtml(e.netsuite),
      String(e.attempts),
      escapeHtml(e.error),
      escapeHtml(e.errorAt),
      escapeHtml(e.status === 'dead' ? '' : e.nextAttemptAt),
      `<form method="POST" action="${escapeHtml(actionUrl)}"><input type="hidden" name="action" value="retry"><input type="hidden" name="ids" value="${escapeHtml(e.id)}"><button type="submit">Retry</button></form>`,
    ]),
  );
  return [
    `<section><h2>${escapeHtml(store.name)} <small>${escapeHtml(store.shopDomain)}</small> <span class="${store.status === 'ok' ? 'good' : 'bad'}">${escapeHtml(store.status)}</span></h2>`,
    problems,
    `<p>${escapeHtml(store.connection || 'Connection not checked yet: save the store record.')}</p>`,
    store.cursors.length ? `<p>${store.cursors.map((c) => `${escapeHtml(c.label)}: <b>${escapeHtml(c.value || 'not yet')}</b>`).join(' · ')}</p>` : '',
    '<h3>Queue</h3>',
    queueTable(model.counts.filter((c) => c.storeId === store.id)),
    '<h3>Needs attention</h3>',
    entries ? `${retryAll}${entries}<p class="hint">Fix the cause first (link the item, map the terms, fix the setup), then Retry: attempts start over and the processor starts at once.</p>` : '<p class="good">Nothing: no dead entries, no entries retrying after an error.</p>',
    reports.length ? `<h3>Sync reports</h3>${table(['Report', 'Kind', 'When', 'Summary'], reports.map((r) => [`<a href="${escapeHtml(r.url)}">${escapeHtml(r.id)}</a>`, escapeHtml(r.kind), escapeHtml(r.created), escapeHtml(r.summary)]))}` : '',
    '</section>',
  ].join('\n');
}

export function renderStatusPage(model: StatusModel, actionUrl: string): string {
  const unassigned: StoreStatus = { id: '', name: 'Entries of no store', shopDomain: '', status: 'n/a', problems: [], connection: 'Entries whose store record is gone or was never known.', cursors: [] };
  const orphans = model.counts.some((c) => !model.stores.some((s) => s.id === c.storeId));
  const style = `body{font:14px/1.4 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:20px;color:#222}table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}.good{color:#1a7f37}.bad{color:#b42318}.hint{color:#666}small{color:#666;font-weight:normal}section{margin-bottom:28px}form{display:inline}.message{background:#eef6ff;padding:8px;border:1px solid #b6d4fe}`;
  return [
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Shopify B2B: status</title>',
    `<style>${style}</style></head><body>`,
    `<h1>Shopify B2B: status</h1><p class="hint">As of ${escapeHtml(model.generatedAt)}. <a href="${escapeHtml(actionUrl)}">Refresh</a> · <a href="${escapeHtml(actionUrl)}${actionUrl.includes('?') ? '&' : '?'}format=json">JSON</a></p>`,
    model.message ? `<p class="message">${escapeHtml(model.message)}</p>` : '',
    model.stores.length === 0 ? '<p class="bad">No Shopify B2B Store record yet: create one (see docs/configure-store.md).</p>' : '',
    ...model.stores.map((s) => storeSection(s, model, actionUrl)),
    orphans ? storeSection(unassigned, { ...model, counts: model.counts.filter((c) => !model.stores.some((s) => s.id === c.storeId)).map((c) => ({ ...c, storeId: '' })), attention: model.attention.filter((e) => !model.stores.some((s) => s.id === e.storeId)).map((e) => ({ ...e, storeId: '' })) }, actionUrl) : '',
    '</body></html>',
  ].join('\n');
}
