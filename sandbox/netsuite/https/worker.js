// The thread that makes N/https's requests. The script's thread posts a request with a MessagePort
// and a SharedArrayBuffer flag, then blocks in Atomics.wait; this thread performs the request with
// Node's http/https, posts the outcome on the port and flips the flag (the synckit technique).
// Plain JavaScript so it runs without a transpiler.
/* global setTimeout, clearTimeout */
'use strict';
const { parentPort } = require('worker_threads');
const http = require('http');
const https = require('https');

function perform(request, done) {
  let url;
  try {
    url = new URL(request.url);
  } catch (e) {
    done({ error: 'INVALID_URL', message: String(e && e.message) });
    return;
  }
  const lib = url.protocol === 'https:' ? https : http;
  const body = request.body === undefined || request.body === null ? undefined : Buffer.from(request.body, 'base64');
  const headers = Object.assign({}, request.headers);
  if (body !== undefined) headers['content-length'] = String(body.length);
  let connectTimer;
  let totalTimer;
  let finished = false;
  const finish = (result) => {
    if (finished) return;
    finished = true;
    clearTimeout(connectTimer);
    clearTimeout(totalTimer);
    done(result);
  };
  const req = lib.request(url, { method: request.method, headers, agent: false });
  connectTimer = setTimeout(() => {
    req.destroy();
    finish({ error: 'CONNECT_TIMEOUT' });
  }, request.connectTimeoutMs);
  totalTimer = setTimeout(() => {
    req.destroy();
    finish({ error: 'TIMEOUT' });
  }, request.timeoutMs);
  req.on('socket', (socket) => {
    socket.once('connect', () => clearTimeout(connectTimer));
    socket.once('secureConnect', () => clearTimeout(connectTimer));
  });
  req.on('response', (res) => {
    clearTimeout(connectTimer);
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => finish({ status: res.statusCode, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks).toString('base64') }));
    res.on('error', (e) => finish({ error: 'NETWORK', message: String(e && e.message), code: e && e.code }));
  });
  req.on('error', (e) => finish({ error: 'NETWORK', message: String(e && e.message), code: e && e.code }));
  req.end(body);
}

parentPort.on('message', (message) => {
  const flag = new Int32Array(message.signal);
  perform(message.request, (result) => {
    message.port.postMessage(result);
    message.port.close();
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
});
