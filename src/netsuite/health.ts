/** What rl_inbound's GET answers, for monitoring: stores, queue depth, last success and failure per sync. */
import * as query from 'N/query';
import { QUEUE_FIELDS, QUEUE_RECORD_TYPE } from './queueRecord';
import { lookupStore, loadStores } from './stores';

export interface HealthReport {
  stores: { id: string; name: string; shopDomain: string; status: string; problems?: string[] }[];
  queue: { direction: string; status: string; count: number }[];
  topics: { direction: string; topic: string; lastSuccessAt: string | null; lastFailureAt: string | null; lastFailure: string | null }[];
}

/** One format whatever the monitor's user preferences: SuiteQL shows dates as the user set them otherwise. */
const TIME_FORMAT = 'YYYY-MM-DD HH24:MI:SS';

export function healthReport(): HealthReport {
  const stores = loadStores();
  const f = QUEUE_FIELDS;
  const queue = query
    .runSuiteQL({
      query: `SELECT ${f.direction} AS direction, ${f.status} AS status, COUNT(*) AS n FROM ${QUEUE_RECORD_TYPE} GROUP BY ${f.direction}, ${f.status} ORDER BY ${f.direction}, ${f.status}`,
    })
    .asMappedResults()
    .map((r) => ({ direction: String(r.direction), status: String(r.status), count: Number(r.n) }));
  const topics = query
    .runSuiteQL({
      query: `SELECT ${f.direction} AS direction, ${f.topic} AS topic,
                TO_CHAR(MAX(CASE WHEN ${f.status} = 'done' THEN ${f.finishedAt} END), '${TIME_FORMAT}') AS lastsuccess,
                TO_CHAR(MAX(${f.errorAt}), '${TIME_FORMAT}') AS lastfailure
              FROM ${QUEUE_RECORD_TYPE} GROUP BY ${f.direction}, ${f.topic} ORDER BY ${f.direction}, ${f.topic}`,
    })
    .asMappedResults()
    .map((r) => ({
      direction: String(r.direction),
      topic: String(r.topic),
      lastSuccessAt: r.lastsuccess === null || r.lastsuccess === undefined ? null : String(r.lastsuccess),
      lastFailureAt: r.lastfailure === null || r.lastfailure === undefined ? null : String(r.lastfailure),
      lastFailure: null as string | null,
    }));
  const lastErrors = query
    .runSuiteQL({
      query: `SELECT ${f.direction} AS direction, ${f.topic} AS topic, ${f.errorCode} AS code, ${f.errorMessage} AS message
              FROM ${QUEUE_RECORD_TYPE} WHERE ${f.errorCode} IS NOT NULL ORDER BY id DESC`,
    })
    .asMappedResults();
  for (const t of topics) {
    const last = lastErrors.find((e) => String(e.direction) === t.direction && String(e.topic) === t.topic);
    if (last) t.lastFailure = `${String(last.code)}: ${String(last.message ?? '').slice(0, 300)}`;
  }
  return {
    stores: Object.entries(stores).map(([id, loaded]) => {
      const lookup = lookupStore(stores, id);
      return {
        id,
        name: loaded.values.name,
        shopDomain: loaded.values.shopDomain,
        status: lookup.status,
        problems: lookup.status === 'invalid' ? lookup.problems.map((p) => p.message) : undefined,
      };
    }),
    queue,
    topics,
  };
}

/**
 * The report as JSON text. A RESTlet answers in the request's format, and a GET from a monitor often
 * carries no Content-Type: NetSuite then refuses an object (400 INVALID_RETURN_DATA_FORMAT) but sends
 * text as it is. The same JSON comes back either way (as application/json when the request asked for it).
 */
export function healthText(): string {
  return JSON.stringify(healthReport());
}
