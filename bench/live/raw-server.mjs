// The raw baseline: a minimal `ws` server that speaks just enough of Pulse's live protocol (hello,
// subscribe -> subscribed) and broadcasts a captured Pulse alert frame (same size) to every
// subscribed client. POST /trigger {"id": "fan-R-NNN"} answers 202, then stamps alert.at with the
// current time and sends the frame, with that id in place of the captured one, to every client.
//
//   node raw-server.mjs --port 9292 --frame captured-frame.json
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { WebSocketServer, WebSocket } from 'ws';
import { args, isoMicros, wallMs } from './common.mjs';

const a = args();
const template = readFileSync(a.frame, 'utf8').trim();
let seq = 0;
const subscribed = new Set();

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/trigger') {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const { id } = JSON.parse(Buffer.concat(chunks).toString());
    res.writeHead(202, { 'Content-Type': 'application/json' }).end('{"accepted":1}');
    setImmediate(() => {
      seq++;
      const frame = template
        .replace(/fan-\d+-\d{3}/g, id)
        .replace(/"seq":\d+/, `"seq":${seq}`)
        .replace(/"at":"[^"]*"/, `"at":"${isoMicros(wallMs())}"`);
      for (const ws of subscribed) if (ws.readyState === WebSocket.OPEN) ws.send(frame);
    });
  });
});

const wss = new WebSocketServer({ server, path: '/live/ws', perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.send(JSON.stringify({ type: 'hello', user: 'raw', heartbeat_seconds: 30, expires_at: '2099-01-01T00:00:00Z' }));
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString());
    if (m.op === 'subscribe') {
      subscribed.add(ws);
      ws.send(JSON.stringify({ type: 'subscribed', sub: m.id, seq }));
    }
  });
  ws.on('close', () => subscribed.delete(ws));
});
server.listen(Number(a.port), '127.0.0.1', () => process.stderr.write(`raw server on ${a.port}\n`));
