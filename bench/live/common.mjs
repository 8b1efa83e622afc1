// Shared by the live benchmark's scripts: wall-clock time in fractional milliseconds (the same
// clock in every process on this machine), ISO timestamps with microseconds, percentiles.
import { performance } from 'node:perf_hooks';

export const wallMs = () => performance.timeOrigin + performance.now();

/** "2026-11-24T10:15:00.123456Z" (any number of fraction digits) -> fractional epoch ms. */
export function parseIso(s) {
  const m = /^(.{19})(?:\.(\d+))?Z$/.exec(s);
  if (!m) return NaN;
  return Date.parse(m[1] + 'Z') + (m[2] ? Number('0.' + m[2]) * 1000 : 0);
}

/** Fractional epoch ms -> ISO with microseconds, as java.time.Instant prints them. */
export function isoMicros(ms) {
  const whole = Math.floor(ms);
  const micros = Math.floor((ms - whole) * 1000);
  return new Date(whole).toISOString().slice(0, 23) + String(micros).padStart(3, '0') + 'Z';
}

/** Nearest-rank percentile of a numeric array (sorted copy). */
export function pct(values, p) {
  if (values.length === 0) return NaN;
  const a = Float64Array.from(values).sort();
  const i = Math.max(1, Math.ceil((a.length * p) / 100));
  return a[i - 1];
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function args(argv = process.argv.slice(2)) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  return out;
}

/** POST a JSON body; resolves with the status once the whole response has been read. */
export async function post(url, body, headers = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}
