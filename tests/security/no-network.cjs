// Preloaded with `node -r` into tools that phone home (Electronegativity fetches translations on
// every run). It replaces http/https request/get, and refuses TCP connections as a backstop, so
// the tool gets an ordinary network error right away and carries on offline. Each blocked
// attempt is reported on stderr as `[no-network] blocked ...`; local IPC (Unix sockets, pipes)
// is left alone.
'use strict';

const http = require('node:http');
const https = require('node:https');
const net = require('node:net');
const { EventEmitter } = require('node:events');

function describe(args) {
  const [first, second] = args;
  if (typeof first === 'string') return first;
  if (first instanceof URL) return first.href;
  const o = (first && typeof first === 'object' ? first : second) || {};
  return `${o.protocol || ''}//${o.hostname || o.host || '?'}${o.port ? `:${o.port}` : ''}${o.path || ''}`;
}

function offlineError(target) {
  const err = new Error(`network disabled by tests/security/no-network.cjs: ${target}`);
  // Not one of the codes HTTP clients retry on (ENETUNREACH, ECONNRESET...), so they give up at once.
  err.code = 'ERR_NETWORK_DISABLED';
  return err;
}

/** A stand-in ClientRequest that fails on the next tick, as a real one would with no network. */
function blockedRequest(kind, args) {
  const target = describe(args);
  process.stderr.write(`[no-network] blocked ${kind} ${target}\n`);
  const req = new EventEmitter();
  let destroyed = false;
  const fail = () => {
    if (destroyed) return;
    destroyed = true;
    req.destroyed = true;
    req.emit('error', offlineError(target));
    req.emit('close');
  };
  Object.assign(req, {
    destroyed: false,
    aborted: false,
    writable: true,
    setHeader() {},
    getHeader() {},
    removeHeader() {},
    setTimeout() { return req; },
    setNoDelay() {},
    setSocketKeepAlive() {},
    flushHeaders() {},
    write() { return true; },
    end() { return req; },
    abort() { req.aborted = true; fail(); },
    destroy() { fail(); return req; },
  });
  process.nextTick(fail);
  return req;
}

for (const [name, mod] of [['http', http], ['https', https]]) {
  mod.request = (...args) => blockedRequest(`${name}.request`, args);
  mod.get = (...args) => blockedRequest(`${name}.get`, args);
}

// Backstop: any TCP connection (net.connect, tls.connect, an http.Agent created before this file
// ran...) errors out. Unix-socket / named-pipe connections (a `path` option) stay allowed.
const realConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const isLocalIpc = (first && typeof first === 'object' && typeof first.path === 'string') ||
    (typeof first === 'string' && Number.isNaN(Number(first)));
  if (isLocalIpc) return realConnect.apply(this, args);
  const opts = first && typeof first === 'object' ? first : { port: first, host: args[1] };
  const target = `${opts.host || 'localhost'}:${opts.port}`;
  process.stderr.write(`[no-network] blocked net connect ${target}\n`);
  process.nextTick(() => this.destroy(offlineError(target)));
  return this;
};
