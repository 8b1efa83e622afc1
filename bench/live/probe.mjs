// Event 202 -> alert frame at a WebSocket client. One `ws` client subscribes to the project's
// alerts; every GAP ms a probe event with its own tags.probe is POSTed (each opens an alert of its
// own on the probe rule); latency = the frame's arrival - the moment the 202 was read, both by
// process.hrtime in this process. Prints one latency (ms) per probe received, one per line.
//
//   node probe.mjs --base http://127.0.0.1:9184 --token JWT --key INGEST_KEY --prefix idle1
//                  [--count 40] [--gap 400] [--project default]
import WebSocket from 'ws';
import { args, sleep } from './common.mjs';

const a = args();
const count = Number(a.count ?? 40);
const gap = Number(a.gap ?? 400);
const project = a.project ?? 'default';
const ws = new WebSocket(`${a.base.replace(/^http/, 'ws')}/live/ws?token=${a.token}`);
const sent = new Map(); // probe id -> hrtime of the 202
const got = new Map(); // probe id -> hrtime of the firing frame
const idPattern = new RegExp(`"(${a.prefix}-\\d+)"`);

await new Promise((resolve, reject) => {
  ws.on('error', reject);
  ws.on('close', (code) => reject(new Error(`socket closed ${code}`)));
  ws.on('message', (data) => {
    const now = process.hrtime.bigint();
    const text = data.toString();
    const frame = JSON.parse(text);
    if (frame.type === 'hello') {
      ws.send(JSON.stringify({ op: 'subscribe', id: 'probe', project, stream: 'alerts' }));
    } else if (frame.type === 'subscribed') {
      resolve();
    } else if (frame.type === 'alert' && frame.alert.to === 'firing') {
      const m = idPattern.exec(text);
      if (m && !got.has(m[1])) got.set(m[1], now);
    }
  });
});

const url = `${a.base}/api/v1/events`;
for (let i = 1; i <= count; i++) {
  const id = `${a.prefix}-${i}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Pulse-Key': a.key },
    body: JSON.stringify({ type: 'probe', source: 'bench', tags: { probe: id } }),
  });
  await res.arrayBuffer();
  const t = process.hrtime.bigint();
  if (res.status === 202) sent.set(id, t);
  else process.stderr.write(`probe ${id}: HTTP ${res.status}\n`);
  await sleep(gap);
}
for (let waited = 0; waited < 5000 && got.size < sent.size; waited += 100) await sleep(100);
ws.removeAllListeners('close');
ws.close();

let missing = 0;
for (const [id, t0] of sent) {
  const t1 = got.get(id);
  if (t1 === undefined) missing++;
  else console.log((Number(t1 - t0) / 1e6).toFixed(1));
}
if (missing) process.stderr.write(`${a.prefix}: ${missing} of ${sent.size} probes got no frame within 5 s\n`);
