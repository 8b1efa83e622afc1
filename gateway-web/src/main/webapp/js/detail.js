// AlertDetail is one alert opened on its own, in a modal dialog: from a notification's link
// (#project=…&alert=…) or from the alert table. It shows the alert's labels, annotations, value
// and threshold, times, the history of its transitions and the notifications sent about it, with
// Acknowledge and Resolve. All of it is read over REST when it opens, after an action and after
// each live transition of the alert. Closing it (Escape or Close) calls onClose(id, {quiet}):
// quiet when the page closed it itself (logged out, project left), not the user.

import { $, h, ago, formatNumber } from './dom.js';

const RELOAD_DELAY_MS = 300; // a burst of transitions (fired, then acknowledged) is one reload

export class AlertDetail {
  project = null;
  id = null;
  alert = null;
  #dialog = $('alert-detail');
  #session;
  #onAction;
  #onClose;
  #canAct = false;
  #generation = 0; // answers of an older open() or reload() are dropped
  #quiet = false;
  #reloadTimer = null;
  #channels = new Map(); // project -> Promise of Map(channel id -> name)
  #members = new Map(); // project -> Promise of Map(user id -> email)

  /** onAction(kind, alert) → Promise of the new alert; onClose(id, {quiet}). */
  constructor(session, { onAction, onClose }) {
    this.#session = session;
    this.#onAction = onAction;
    this.#onClose = onClose;
    $('detail-close').addEventListener('click', () => this.#dialog.close());
    $('detail-ack').addEventListener('click', (e) => this.#act(e, 'ack'));
    $('detail-resolve').addEventListener('click', (e) => this.#act(e, 'resolve'));
    this.#dialog.addEventListener('close', () => {
      const { id } = this;
      const quiet = this.#quiet;
      this.#quiet = false;
      this.#generation += 1;
      clearTimeout(this.#reloadTimer);
      this.project = this.id = this.alert = null;
      delete this.#dialog.dataset.alertId;
      this.#onClose(id, { quiet });
    });
    setInterval(() => this.#refreshTimes(), 15_000);
  }

  get isOpen() { return this.#dialog.open; }

  /**
   * Opens alert {@code id} of {@code project}; with {@code problem}, only says why it cannot be
   * shown (the link names a project the user is not a member of).
   */
  async open(project, id, { canAct = false, problem = null } = {}) {
    this.project = project;
    this.id = id;
    this.alert = null;
    this.#canAct = canAct;
    const generation = ++this.#generation;
    // Nothing of an alert shown before stays, not even hidden.
    for (const key of ['state', 'severity', 'acknowledged']) delete this.#dialog.dataset[key];
    for (const list of ['detail-facts', 'detail-labels', 'detail-annotations', 'detail-history',
      'detail-notifications']) $(list).replaceChildren();
    this.#dialog.dataset.alertId = id;
    this.#dialog.dataset.loaded = 'false';
    $('detail-heading').textContent = 'Alert';
    $('detail-message').textContent = problem ?? '';
    $('detail-body').hidden = true;
    $('detail-loading').hidden = Boolean(problem);
    if (!this.#dialog.open) this.#dialog.showModal();
    $('detail-heading').focus();
    if (!problem) await this.#load(generation, { first: true });
  }

  /** Closes without it counting as the user's choice (the link stays in the address). */
  closeQuietly() {
    if (!this.#dialog.open) return;
    this.#quiet = true;
    this.#dialog.close();
  }

  /** A live transition of the open alert: read it again, history and notifications included. */
  changed() {
    if (!this.alert) return;
    clearTimeout(this.#reloadTimer);
    this.#reloadTimer = setTimeout(() => this.#load(this.#generation), RELOAD_DELAY_MS);
  }

  async #load(generation, { first = false } = {}) {
    const p = encodeURIComponent(this.project);
    const base = `/projects/${p}/alerts/${encodeURIComponent(this.id)}`;
    const api = (path) => this.#session.api(path);
    let alert;
    let history;
    let notifications;
    try {
      [alert, history, notifications] = await Promise.all([
        api(base),
        api(`${base}/history`),
        // A list that fails is said in its place: the alert itself is still worth showing.
        api(`/projects/${p}/notifications?alert=${encodeURIComponent(this.id)}&limit=100`)
          .catch((e) => ({ items: [], error: e })),
      ]);
    } catch (e) {
      if (generation !== this.#generation) return;
      $('detail-loading').hidden = true;
      if (first || e.status === 404) $('detail-body').hidden = true;
      $('detail-message').textContent = e.status === 404
        ? `No alert ${this.id} in project “${this.project}”: the link may be wrong, or the alert deleted.`
        : e.status === 403 ? `You are not a member of project “${this.project}”.`
          : `Could not load the alert: ${e.message}`;
      return;
    }
    const [channels, members] = await Promise.all([this.#names(this.project), this.#users(this.project)]);
    if (generation !== this.#generation) return;
    this.alert = alert;
    $('detail-loading').hidden = true;
    if (first) $('detail-message').textContent = '';
    this.#render(alert, history.items, notifications, channels, members);
    $('detail-body').hidden = false;
    this.#dialog.dataset.loaded = 'true';
  }

  #render(a, history, notifications, channels, members) {
    const title = a.labels?.alertname || a.rule_id;
    const acknowledged = Boolean(a.acknowledged_at);
    Object.assign(this.#dialog.dataset, { state: a.state, severity: a.severity, acknowledged });
    $('detail-heading').textContent = title;
    $('detail-badges').replaceChildren(...[
      h('span', { class: `sev sev-${a.severity}` }, a.severity),
      h('span', { class: `state state-${a.state}` }, a.state),
      acknowledged && h('span', { class: 'badge' }, 'acknowledged'),
      a.flapping && h('span', { class: 'badge' }, 'flapping'),
      a.silenced && h('span', { class: 'badge' }, 'silenced'),
    ].filter(Boolean));
    $('detail-summary').textContent = a.annotations?.summary ?? '';
    $('detail-summary').hidden = !a.annotations?.summary;

    const ack = $('detail-ack');
    const resolve = $('detail-resolve');
    const actionable = this.#canAct && a.state !== 'resolved';
    ack.hidden = resolve.hidden = !actionable;
    ack.disabled = acknowledged;
    ack.textContent = acknowledged ? 'Acknowledged' : 'Acknowledge';
    resolve.disabled = false;
    $('detail-role').textContent = this.#canAct ? ''
      : 'Viewers of a project cannot acknowledge or resolve its alerts.';

    const who = a.acknowledged_by && (members.get(a.acknowledged_by) ?? a.acknowledged_by);
    $('detail-facts').replaceChildren(...facts([
      ['Value', h('span', { id: 'detail-value', class: 'num' }, formatNumber(a.value))],
      ['Threshold', h('span', { id: 'detail-threshold', class: 'num' },
        a.threshold === null || a.threshold === undefined ? '–' : formatNumber(a.threshold))],
      ['Started', timeEl(a.started_at)],
      ['Fired', timeEl(a.fired_at)],
      ['Last seen', timeEl(a.last_seen_at)],
      ['Resolved', timeEl(a.resolved_at)],
      ['Acknowledged', acknowledged
        ? h('span', { id: 'detail-acknowledged' }, timeEl(a.acknowledged_at), ` by ${who}`)
        : 'no'],
      ['Occurrences', `${a.occurrences ?? 0}×`],
      ['Project', a.project],
    ]));
    pairs('detail-labels', a.labels);
    pairs('detail-annotations', a.annotations);

    $('detail-history').replaceChildren(...history.map((t) => h('tr', { 'data-to': t.to },
      h('td', { 'data-label': 'Time' }, timeEl(t.at)),
      h('td', { 'data-label': 'Change' }, h('span', { class: 'change' },
        t.from ?? 'new', h('span', { 'aria-hidden': 'true' }, ' → '),
        h('span', { class: 'visually-hidden' }, ' to '), t.to)),
      h('td', { 'data-label': 'Value', class: 'num' },
        t.value === null || t.value === undefined ? '–' : formatNumber(t.value)),
      h('td', { 'data-label': 'Cause', class: 'cause' }, withNames(t.cause, members) ?? ''))));
    $('detail-history-empty').hidden = history.length > 0;

    // Oldest first, as the history: the first notification follows the first transition.
    const sent = [...notifications.items].reverse();
    $('detail-notifications').replaceChildren(...sent.map((n) => {
      const attempts = Array.isArray(n.attempts) ? n.attempts : [];
      const last = attempts.at(-1);
      return h('tr', { 'data-status': n.status, 'data-kind': n.kind },
        h('td', { 'data-label': 'Kind' }, n.kind, n.fallback_of && h('span', { class: 'badge' }, 'fallback')),
        h('td', { 'data-label': 'Status' }, h('span', { class: `delivery delivery-${n.status}` }, n.status)),
        h('td', { 'data-label': 'Channel' }, channels.get(n.channel_id) ?? n.channel_id ?? '–'),
        h('td', { 'data-label': 'Created' }, timeEl(n.created_at)),
        h('td', { 'data-label': 'Sent' }, timeEl(n.sent_at)),
        h('td', { 'data-label': 'Attempts', class: 'num' }, String(attempts.length),
          last?.error && h('span', { class: 'attempt-error' }, last.error)));
    }));
    $('detail-notifications-empty').textContent = notifications.error
      ? `Could not load the notifications: ${notifications.error.message}`
      : 'No notifications about this alert.';
    $('detail-notifications-empty').hidden = sent.length > 0;
  }

  async #act(event, kind) {
    const button = event.currentTarget;
    const alert = this.alert;
    if (!alert) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    $('detail-message').textContent = '';
    try {
      await this.#onAction(kind, alert, $('detail-message'));
      await this.#load(this.#generation);
    } catch {
      button.disabled = false; // onAction said why
    } finally {
      button.removeAttribute('aria-busy');
      // The button may now be hidden (resolved) or disabled (acknowledged): keep focus inside.
      if (button.hidden || button.disabled) $('detail-heading').focus();
    }
  }

  /** Channel names by id; an empty map when the list cannot be read (ids are shown instead). */
  #names(project) {
    if (!this.#channels.has(project)) {
      this.#channels.set(project, this.#session.api(`/projects/${encodeURIComponent(project)}/channels`)
        .then((r) => new Map(r.items.map((c) => [c.id, `${c.name} (${c.type})`])))
        .catch(() => { this.#channels.delete(project); return new Map(); }));
    }
    return this.#channels.get(project);
  }

  /** Members' emails by user id, for "acknowledged by". */
  #users(project) {
    if (!this.#members.has(project)) {
      this.#members.set(project, this.#session.api(`/projects/${encodeURIComponent(project)}/members`)
        .then((r) => new Map(r.members.map((m) => [m.user_id, m.email])))
        .catch(() => { this.#members.delete(project); return new Map(); }));
    }
    return this.#members.get(project);
  }

  #refreshTimes() {
    if (!this.#dialog.open) return;
    for (const t of this.#dialog.querySelectorAll('time[datetime]')) {
      t.lastChild.textContent = ` (${ago(t.dateTime)})`;
    }
  }
}

function facts(rows) {
  return rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]);
}

/** Fills list {@code id} with the map's keys and values; its "None." paragraph when empty. */
function pairs(id, map) {
  const entries = Object.entries(map ?? {});
  $(id).replaceChildren(...entries.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]));
  $(id).hidden = !entries.length;
  $(`${id}-empty`).hidden = entries.length > 0;
}

/** "acknowledged by user <uuid>" with the member's email for the id. */
function withNames(text, members) {
  if (!text) return text;
  return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    (id) => members.get(id) ?? id);
}

/** The local date and time, and how long ago it was. */
function timeEl(iso) {
  if (!iso) return '–';
  return h('time', { datetime: iso },
    new Date(iso).toLocaleString(), h('span', { class: 'ago' }, ` (${ago(iso)})`));
}
