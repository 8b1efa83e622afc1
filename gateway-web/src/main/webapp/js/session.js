// Session holds the login's tokens in memory only (never localStorage: a script injected into
// any page of the origin could read that) and calls the REST API with them. It refreshes the
// access token before it expires and fires "token" each time, so the socket can send
// {"op":"auth"} and keep its connection; "expired" when the login is over.

const API = '/api/v1';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export class Session extends EventTarget {
  #access = null;
  #refresh = null;
  #expiresAt = 0;
  #timer = null;
  #refreshing = null;

  get token() { return this.#access; }
  get expiresAt() { return this.#expiresAt; }
  get active() { return this.#access !== null; }

  async login(email, password) {
    this.#accept(await post('/auth/login', { email, password }));
  }

  async logout() {
    const refresh = this.#refresh;
    this.#clear();
    if (refresh) await post('/auth/logout', { refresh_token: refresh }).catch(() => {});
  }

  /** A new token pair; concurrent callers share one request (each refresh token works once). */
  refresh() {
    if (!this.#refresh) return Promise.reject(new ApiError(401));
    this.#refreshing ??= post('/auth/refresh', { refresh_token: this.#refresh })
      .then((tokens) => this.#accept(tokens))
      .catch((e) => {
        if (e instanceof ApiError && e.status === 401) this.#expire(e.message);
        throw e;
      })
      .finally(() => { this.#refreshing = null; });
    return this.#refreshing;
  }

  /** Refreshes now when the access token has less than {@code marginMs} left. */
  async ensureFresh(marginMs = 60_000) {
    if (this.#access && this.#expiresAt - Date.now() < marginMs) await this.refresh();
  }

  /** A JSON call with the access token; a 401 is retried once after a refresh. */
  async api(path, { method = 'GET', body } = {}) {
    let response = await this.#call(path, method, body);
    if (response.status === 401 && this.#refresh) {
      await this.refresh();
      response = await this.#call(path, method, body);
    }
    return parse(response);
  }

  #call(path, method, body) {
    const headers = { Authorization: `Bearer ${this.#access}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(API + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  #accept(tokens) {
    this.#access = tokens.access_token;
    this.#refresh = tokens.refresh_token;
    const lifetimeMs = tokens.expires_in * 1000;
    this.#expiresAt = Date.now() + lifetimeMs;
    clearTimeout(this.#timer);
    // At 80 % of the lifetime (at least 5 s): early enough to survive a slow or failed try,
    // which is retried 10 s later while the old token still works.
    this.#timer = setTimeout(() => this.#scheduledRefresh(), Math.max(5_000, lifetimeMs * 0.8));
    this.dispatchEvent(new CustomEvent('token', { detail: this.#access }));
  }

  #scheduledRefresh() {
    this.refresh().catch((e) => {
      if (this.active && !(e instanceof ApiError && e.status === 401)) {
        this.#timer = setTimeout(() => this.#scheduledRefresh(), 10_000);
      }
    });
  }

  #expire(reason) {
    this.#clear();
    this.dispatchEvent(new CustomEvent('expired', { detail: reason }));
  }

  #clear() {
    clearTimeout(this.#timer);
    this.#access = this.#refresh = null;
    this.#expiresAt = 0;
  }
}

async function post(path, body) {
  return parse(await fetch(API + path, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  }));
}

async function parse(response) {
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* a non-JSON error page */ }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}
