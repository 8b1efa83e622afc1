// One process of WebSocket clients for fanout.mjs (forked, driven over IPC). Each client opens the
// socket, answers the hello with a subscribe to the project's alerts and, for every firing alert
// frame, records the probe number it carries, its arrival (wall clock, ms) and the frame's own
// alert.at. Pulse's gateway and the raw server speak the same frames, so this code serves both.
import WebSocket from 'ws';
import { parseIso, wallMs } from './common.mjs';

let sockets = [];
let n = 0;
let idx, recv, at;
let firstFrame = null;
const closes = {};
const errors = {};
const idPattern = /"fan-\d+-(\d{3})"/;

function connect({ url, count, project, concurrency, capacity }) {
  idx = new Uint16Array(capacity);
  recv = new Float64Array(capacity);
  at = new Float64Array(capacity);
  let started = 0;
  let subscribed = 0;
  let failed = 0;
  let inFlight = 0;
  const t0 = Date.now();
  const done = () => {
    if (subscribed + failed === count) {
      process.send({ type: 'ready', subscribed, failed, seconds: (Date.now() - t0) / 1000, errors });
    }
  };
  const next = () => {
    while (inFlight < concurrency && started < count) {
      started++;
      inFlight++;
      const ws = new WebSocket(url, { perMessageDeflate: false });
      let settled = false;
      const settle = (ok) => {
        if (settled) return;
        settled = true;
        inFlight--;
        ok ? subscribed++ : failed++;
        done();
        next();
      };
      ws.on('error', (e) => {
        const k = String(e.code ?? e.message).slice(0, 60);
        errors[k] = (errors[k] ?? 0) + 1;
        settle(false);
      });
      ws.on('close', (code) => {
        closes[code] = (closes[code] ?? 0) + 1;
        settle(false);
      });
      ws.on('message', (data) => {
        const now = wallMs();
        const text = data.toString();
        const frame = JSON.parse(text);
        if (frame.type === 'alert') {
          if (frame.alert.to !== 'firing') return;
          const m = idPattern.exec(text);
          if (!m || n >= capacity) return;
          if (firstFrame === null) firstFrame = text;
          idx[n] = Number(m[1]);
          recv[n] = now;
          at[n] = parseIso(frame.alert.at);
          n++;
        } else if (frame.type === 'hello') {
          ws.send(JSON.stringify({ op: 'subscribe', id: 'fan', project, stream: 'alerts' }));
        } else if (frame.type === 'subscribed') {
          settle(true);
        }
      });
      sockets.push(ws);
    }
  };
  next();
}

process.on('message', (m) => {
  if (m.cmd === 'connect') connect(m);
  else if (m.cmd === 'count') process.send({ type: 'count', n });
  else if (m.cmd === 'results') {
    process.send({
      type: 'results',
      idx: Array.from(idx.subarray(0, n)),
      recv: Array.from(recv.subarray(0, n)),
      at: Array.from(at.subarray(0, n)),
      closes,
      firstFrame,
    });
  } else if (m.cmd === 'close') {
    let open = sockets.filter((s) => s.readyState === WebSocket.OPEN || s.readyState === WebSocket.CONNECTING);
    for (const s of sockets) s.removeAllListeners('close');
    let left = open.length;
    const bye = () => process.exit(0);
    if (left === 0) bye();
    for (const s of open) {
      s.once('close', () => --left === 0 && bye());
      s.close(1000);
    }
    setTimeout(() => {
      for (const s of open) s.terminate();
      setTimeout(bye, 200);
    }, 10000);
  }
});
