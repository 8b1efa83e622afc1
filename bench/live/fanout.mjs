// Fan-out of alert frames to many concurrent WebSocket clients (forked client.mjs processes).
// Connects CLIENTS sockets, all subscribed to one project's alerts, then triggers WARM + ALERTS
// alerts GAP ms apart (the first WARM unmeasured) and pools every client's delivery latency:
// from the alert's own `at` (Pulse: the evaluation that raised it; raw: the broadcast start) and
// from the trigger's 202 (read by this process). Prints one JSON line.
//
//   node fanout.mjs --mode pulse --ws 'ws://127.0.0.1:9184/live/ws?token=JWT'
//                   --trigger http://127.0.0.1:9184/api/v1/events --key KEY --run 1
//                   [--clients 10000] [--procs 2] [--alerts 20] [--warm 3] [--gap 1000]
//                   [--pid <server pid for RSS>] [--save-frame file]
//   node fanout.mjs --mode raw --ws ws://127.0.0.1:9292/live/ws --trigger http://127.0.0.1:9292/trigger ...
import { fork } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { args, pct, post, sleep, wallMs } from './common.mjs';

const a = args();
const clients = Number(a.clients ?? 10000);
const procs = Number(a.procs ?? 2);
const alerts = Number(a.alerts ?? 20);
const warm = Number(a.warm ?? 3);
const gap = Number(a.gap ?? 1000);
const run = String(a.run ?? 1).padStart(2, '0');
const total = warm + alerts;
const rss = () => (a.pid ? Number(execFileSync('ps', ['-o', 'rss=', '-p', a.pid]).toString().trim()) : NaN);
const say = (s) => process.stderr.write(`  ${a.mode}: ${s}\n`);

const children = [];
const ask = (child, cmd, type) =>
  new Promise((resolve) => {
    const on = (m) => m.type === type && (child.off('message', on), resolve(m));
    child.on('message', on);
    child.send({ cmd });
  });

const rssBefore = rss();
const readies = [];
for (let p = 0; p < procs; p++) {
  const child = fork(new URL('./client.mjs', import.meta.url), { serialization: 'advanced' });
  const count = Math.floor(clients / procs) + (p < clients % procs ? 1 : 0);
  readies.push(new Promise((resolve) => child.once('message', resolve)));
  child.send({ cmd: 'connect', url: a.ws, count, project: a.project ?? 'default', concurrency: 100, capacity: count * total + 16 });
  children.push(child);
}
const ready = await Promise.all(readies);
const connected = ready.reduce((s, r) => s + r.subscribed, 0);
const failed = ready.reduce((s, r) => s + r.failed, 0);
const connectSeconds = Math.max(...ready.map((r) => r.seconds));
const connectErrors = {};
for (const r of ready) for (const [k, v] of Object.entries(r.errors)) connectErrors[k] = (connectErrors[k] ?? 0) + v;
say(`${connected} subscribed, ${failed} failed, in ${connectSeconds.toFixed(1)} s ${failed ? JSON.stringify(connectErrors) : ''}`);
await sleep(3000);
const rssConnected = rss();

const sentAt = new Float64Array(total + 1);
for (let i = 1; i <= total; i++) {
  const id = `fan-${run}-${String(i).padStart(3, '0')}`;
  const body = a.mode === 'raw' ? JSON.stringify({ id }) : JSON.stringify({ type: 'fanout', source: 'bench', tags: { probe: id } });
  const status = await post(a.trigger, body, a.key ? { 'X-Pulse-Key': a.key } : {});
  sentAt[i] = wallMs();
  if (status !== 202) say(`trigger ${id}: HTTP ${status}`);
  await sleep(gap);
}
const expected = connected * total;
let received = 0;
for (let waited = 0; waited < 10000; waited += 250) {
  received = (await Promise.all(children.map((c) => ask(c, 'count', 'count')))).reduce((s, m) => s + m.n, 0);
  if (received >= expected) break;
  await sleep(250);
}
const rssAfter = rss();
const results = await Promise.all(children.map((c) => ask(c, 'results', 'results')));
await Promise.all(children.map((c) => new Promise((resolve) => (c.once('exit', resolve), c.send({ cmd: 'close' })))));

const fromAt = [];
const from202 = [];
const lastPerAlert = new Float64Array(total + 1);
const atPerAlert = new Float64Array(total + 1);
const closes = {};
let measured = 0;
for (const r of results) {
  for (const [k, v] of Object.entries(r.closes)) closes[k] = (closes[k] ?? 0) + v;
  for (let j = 0; j < r.idx.length; j++) {
    const i = r.idx[j];
    if (i <= warm || i > total) continue;
    measured++;
    fromAt.push(r.recv[j] - r.at[j]);
    from202.push(r.recv[j] - sentAt[i]);
    atPerAlert[i] = r.at[j];
    lastPerAlert[i] = Math.max(lastPerAlert[i], r.recv[j]);
  }
}
const spans = [];
for (let i = warm + 1; i <= total; i++) if (lastPerAlert[i]) spans.push(lastPerAlert[i] - atPerAlert[i]);
if (a['save-frame']) {
  const frame = results.find((r) => r.firstFrame)?.firstFrame;
  if (frame) writeFileSync(a['save-frame'], frame + '\n');
}
const f = (x) => Math.round(x * 10) / 10;
const out = {
  mode: a.mode,
  clients: connected,
  failed,
  connect_s: f(connectSeconds),
  deliveries: measured,
  expected: connected * alerts,
  at_p50: f(pct(fromAt, 50)),
  at_p99: f(pct(fromAt, 99)),
  at_max: f(pct(fromAt, 100)),
  ack_p50: f(pct(from202, 50)),
  ack_p99: f(pct(from202, 99)),
  last_client_p50: f(pct(spans, 50)),
  rss_before_kb: rssBefore,
  rss_connected_kb: rssConnected,
  rss_after_kb: rssAfter,
  closes,
  frame_bytes: Buffer.byteLength(results.find((r) => r.firstFrame)?.firstFrame ?? ''),
};
console.log(JSON.stringify(out));
