// LiveSocket is the dashboard's one WebSocket to the gateway (docs/LIVE.md). It keeps the
// subscriptions it was asked for and replays them on every connection; alert subscriptions
// resume with "since" = the last seq seen, so nothing is missed across a reconnect. Lost
// connections are retried with exponential backoff and jitter.
//
// Events: "status" {state: connecting|live|reconnecting|offline, retryIn, attempt, code},
// "frame" (every server message except hello/pong), "forbidden" (close 4403).

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

export class LiveSocket extends EventTarget {
  #url;
  #session;
  #ws = null;
  #subs = new Map(); // id -> subscribe message (without since)
  #seq = new Map(); // alert subscription id -> last seq applied
  #attempt = 0;
  #retryTimer = null;
  #pingTimer = null;
  #lastHeard = 0;
  #heartbeatMs = 30_000;
  #wanted = false;
  #ready = false; // hello received: subscriptions may be sent
  #connecting = false; // between a try's start and its socket
  #nextId = 1;

  constructor(session, url = defaultUrl()) {
    super();
    this.#url = url;
    this.#session = session;
    session.addEventListener('token', (e) => this.#send({ op: 'auth', token: e.detail }));
  }

  start() {
    this.#wanted = true;
    if (!this.#ws && !this.#retryTimer && !this.#connecting) this.#connect();
  }

  stop() {
    this.#wanted = false;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#drop(1000);
    this.#status('offline');
  }

  /** Subscribes (now if open, else on connect); returns the subscription id. */
  subscribe(message) {
    const id = `${message.stream[0]}${this.#nextId++}`;
    this.#subs.set(id, { ...message, op: 'subscribe', id });
    if (this.#ready) this.#send(this.#subscription(id));
    return id;
  }

  unsubscribe(id) {
    if (!id || !this.#subs.delete(id)) return;
    this.#seq.delete(id);
    if (this.#ready) this.#send({ op: 'unsubscribe', id });
  }

  #subscription(id) {
    const message = this.#subs.get(id);
    return this.#seq.has(id) ? { ...message, since: this.#seq.get(id) } : message;
  }

  async #connect() {
    this.#retryTimer = null;
    this.#status(this.#attempt === 0 ? 'connecting' : 'reconnecting', { attempt: this.#attempt });
    // After failed tries the token may be what the handshake refuses (401 is not visible to
    // scripts): refresh it if it is close to expiry, and after a few failures anyway.
    this.#connecting = true;
    try {
      await this.#session.ensureFresh(this.#attempt >= 3 ? Infinity : 60_000);
    } catch { /* the server may be down: the socket attempt below fails and backs off */ }
    this.#connecting = false;
    if (!this.#wanted || !this.#session.token) return;
    const ws = new WebSocket(this.#url, ['pulse.v1', `bearer.${this.#session.token}`]);
    this.#ws = ws;
    ws.onmessage = (e) => this.#onMessage(e.data);
    ws.onclose = (e) => { if (this.#ws === ws) this.#onClose(e.code); };
    ws.onerror = () => {}; // followed by close, handled there
  }

  #onMessage(data) {
    this.#lastHeard = Date.now();
    let frame;
    try { frame = JSON.parse(data); } catch { return; }
    switch (frame.type) {
      case 'hello':
        this.#attempt = 0;
        this.#ready = true;
        this.#heartbeatMs = (frame.heartbeat_seconds || 30) * 1000;
        this.#startHeartbeat();
        for (const id of this.#subs.keys()) this.#send(this.#subscription(id));
        this.#status('live');
        return;
      case 'pong':
        return;
      case 'subscribed':
        // Only the first time: on a resume the seq to carry on from is the last one applied.
        if (frame.seq !== undefined && this.#subs.get(frame.sub)?.stream === 'alerts'
            && !this.#seq.has(frame.sub)) {
          this.#seq.set(frame.sub, frame.seq);
        }
        break;
      case 'alert': {
        if (!this.#subs.has(frame.sub)) return;
        const last = this.#seq.get(frame.sub);
        if (last !== undefined && frame.seq <= last) return; // replayed twice: already applied
        this.#seq.set(frame.sub, frame.seq);
        break;
      }
      case 'reset':
        this.#seq.set(frame.sub, frame.seq);
        break;
      case 'metric':
        if (!this.#subs.has(frame.sub)) return;
        break;
      default:
    }
    this.dispatchEvent(new CustomEvent('frame', { detail: frame }));
  }

  #onClose(code) {
    this.#ws = null;
    this.#ready = false;
    clearInterval(this.#pingTimer);
    if (!this.#wanted) return;
    if (code === 4403) this.dispatchEvent(new CustomEvent('forbidden'));
    if (code === 4401) {
      // The token expired before a refresh reached the server: refresh and come straight back.
      this.#session.refresh().then(() => this.#retry(0), () => this.#status('offline', { code }));
      return;
    }
    const factor = code === 4429 ? 8 : 1; // too many connections: give others time to close
    const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * factor * 2 ** this.#attempt);
    this.#attempt += 1;
    this.#retry(delay * (0.5 + Math.random() / 2), code);
  }

  #retry(delay, code) {
    if (!this.#wanted) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
    this.#status('reconnecting', { retryIn: delay, attempt: this.#attempt, code });
  }

  /** Pings at the server's heartbeat; a connection silent for 2.5 beats is dead: reconnect. */
  #startHeartbeat() {
    clearInterval(this.#pingTimer);
    this.#pingTimer = setInterval(() => {
      if (Date.now() - this.#lastHeard > this.#heartbeatMs * 2.5) {
        this.#drop(4000);
        this.#onClose(1006);
      } else {
        this.#send({ op: 'ping' });
      }
    }, this.#heartbeatMs);
  }

  #drop(code) {
    clearInterval(this.#pingTimer);
    this.#ready = false;
    const ws = this.#ws;
    this.#ws = null;
    if (ws) {
      ws.onclose = ws.onmessage = null;
      try { ws.close(code); } catch { /* already closing */ }
    }
  }

  #send(message) {
    if (this.#ws?.readyState === WebSocket.OPEN && message) this.#ws.send(JSON.stringify(message));
  }

  #status(state, detail = {}) {
    this.dispatchEvent(new CustomEvent('status', { detail: { state, ...detail } }));
  }
}

function defaultUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/live/ws`;
}
