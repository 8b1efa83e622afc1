// AlertBoard renders a project's alerts as a table, most urgent first, and keeps it current:
// replaceAll() with a REST page, apply() with each live transition or REST answer. Rows are
// keyed by alert id and updated in place, so a keyboard user's focus survives updates. An
// alert's name is a link that opens it on its own (its history, notifications and details).

import { h, ago, formatNumber, announce } from './dom.js';

const SEVERITY_RANK = { critical: 0, error: 1, warning: 2, info: 3 };
const STATE_RANK = { firing: 0, pending: 1, resolved: 2 };
const VIEWS = {
  open: (a) => a.state === 'firing' || a.state === 'pending',
  firing: (a) => a.state === 'firing',
  all: () => true,
};

export class AlertBoard {
  view = 'open';
  canAct = true;
  #alerts = new Map();
  #rows = new Map();
  #el;
  #onAction;
  #link;

  /**
   * el: {rows, empty, count, announcer}; onAction(kind, alert) → Promise of the new alert;
   * link: {open(alert), href(alert)} for the alert's name.
   */
  constructor(el, onAction, link) {
    this.#el = el;
    this.#onAction = onAction;
    this.#link = link;
    setInterval(() => this.#refreshTimes(), 15_000);
  }

  clear() {
    this.#alerts.clear();
    this.#render();
  }

  setView(view) {
    this.view = view;
    this.#render();
  }

  replaceAll(alerts) {
    this.#alerts = new Map(alerts.map((a) => [a.id, a]));
    this.#render();
  }

  /** A live transition (frame.alert) or an alert from a REST answer. */
  apply(alert, { live = false } = {}) {
    const before = this.#alerts.get(alert.id);
    // Frames can cross a REST answer: never go back to an older picture of the alert.
    if (before && newer(before, alert)) return;
    this.#alerts.set(alert.id, alert);
    if (live && alert.state === 'firing' && before?.state !== 'firing') {
      announce(this.#el.announcer,
        `${alert.severity} alert firing: ${name(alert)}${groupText(alert) && ` (${groupText(alert)})`}`);
    }
    this.#render();
  }

  #render() {
    const visible = [...this.#alerts.values()].filter(VIEWS[this.view]).sort(this.#order());
    const keep = new Set(visible.map((a) => a.id));
    for (const [id, row] of this.#rows) {
      if (!keep.has(id)) { row.remove(); this.#rows.delete(id); }
    }
    const focused = document.activeElement;
    const focusedRow = focused?.closest?.('tr[data-alert-id]')?.dataset.alertId;
    const focusedClass = focused?.classList?.[0];
    let previous = null;
    for (const alert of visible) {
      let row = this.#rows.get(alert.id);
      if (!row) {
        row = h('tr', { class: 'fresh', 'data-alert-id': alert.id, 'data-shown-at': Date.now() });
        this.#rows.set(alert.id, row);
      }
      this.#fill(row, alert);
      const expected = previous ? previous.nextElementSibling : this.#el.rows.firstElementChild;
      if (expected !== row) this.#el.rows.insertBefore(row, expected);
      previous = row;
    }
    // Rows are refilled: put the focus back on the same control of the same alert.
    if (focusedRow && !focused.isConnected) {
      this.#rows.get(focusedRow)?.querySelector(`.${focusedClass}:not([disabled])`)?.focus();
    } else if (focused?.isConnected && document.activeElement !== focused) {
      focused.focus();
    }
    this.#el.empty.hidden = visible.length > 0;
    this.#el.count.textContent = `(${visible.length})`;
  }

  #order() {
    if (this.view === 'all') return (a, b) => b.started_at.localeCompare(a.started_at);
    return (a, b) => (STATE_RANK[a.state] ?? 9) - (STATE_RANK[b.state] ?? 9)
      || (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9)
      || b.started_at.localeCompare(a.started_at);
  }

  #fill(row, a) {
    const acknowledged = Boolean(a.acknowledged_at);
    Object.assign(row.dataset, {
      state: a.state, severity: a.severity, acknowledged, updatedAt: Date.now(),
    });
    const title = name(a);
    row.replaceChildren(
      h('td', { 'data-label': 'Severity' },
        h('span', { class: `sev sev-${a.severity}` }, a.severity)),
      h('td', { 'data-label': 'Alert', class: 'alert-name' },
        h('a', {
          class: 'open-link', href: this.#link.href(a), onclick: (e) => this.#open(e, a),
        }, h('strong', {}, title)),
        a.annotations?.summary && h('span', { class: 'summary' }, a.annotations.summary),
        groupText(a) && h('span', { class: 'labels' }, groupText(a)),
        a.flapping && h('span', { class: 'badge' }, 'flapping'),
        a.silenced && h('span', { class: 'badge' }, 'silenced')),
      h('td', { 'data-label': 'State' },
        h('span', { class: `state state-${a.state}` }, a.state),
        acknowledged && h('span', { class: 'ack', title: `by ${a.acknowledged_by}` },
          `acknowledged ${ago(a.acknowledged_at)}`)),
      h('td', { 'data-label': 'Value', class: 'num' },
        formatNumber(a.value),
        a.threshold !== null && a.threshold !== undefined
          && h('span', { class: 'threshold' }, `threshold ${formatNumber(a.threshold)}`)),
      h('td', { 'data-label': 'Since' }, timeEl(a.state === 'resolved' ? a.resolved_at : a.started_at)),
      h('td', { 'data-label': 'Seen', class: 'num' }, `${a.occurrences ?? 0}×`),
      h('td', { class: 'actions' }, this.#buttons(a, title, acknowledged)),
    );
  }

  #buttons(a, title, acknowledged) {
    if (!this.canAct || a.state === 'resolved') return [];
    return [
      h('button', {
        type: 'button', class: 'ack-button', disabled: acknowledged,
        'aria-label': `Acknowledge ${title}`, onclick: (e) => this.#act(e, 'ack', a),
      }, acknowledged ? 'Acknowledged' : 'Acknowledge'),
      h('button', {
        type: 'button', class: 'resolve-button', 'aria-label': `Resolve ${title}`,
        onclick: (e) => this.#act(e, 'resolve', a),
      }, 'Resolve'),
    ];
  }

  #open(event, alert) {
    // A new tab or window (modifier keys, middle click) follows the href instead.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.#link.open(alert);
  }

  async #act(event, kind, alert) {
    const button = event.currentTarget;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      this.apply(await this.#onAction(kind, alert));
    } catch {
      button.disabled = false; // onAction reported the error
    } finally {
      button.removeAttribute('aria-busy');
    }
  }

  #refreshTimes() {
    for (const t of this.#el.rows.querySelectorAll('time[datetime]')) {
      t.textContent = ago(t.dateTime);
    }
  }
}

/** True when {@code known} is a later picture of the alert than {@code incoming}. */
function newer(known, incoming) {
  const stamp = (a) => [a.resolved_at, a.acknowledged_at, a.last_seen_at, a.fired_at, a.started_at]
    .filter(Boolean).sort().pop() ?? '';
  return stamp(known) > stamp(incoming);
}

function name(a) {
  return a.labels?.alertname || a.rule_id;
}

/** The group labels that tell this alert from its siblings (not the rule's own). */
function groupText(a) {
  return Object.entries(a.labels ?? {})
    .filter(([k]) => !['alertname', 'severity', 'team'].includes(k))
    .map(([k, v]) => `${k}=${v}`).join(', ');
}

function timeEl(iso) {
  if (!iso) return '–';
  return h('time', { datetime: iso, title: new Date(iso).toLocaleString() }, ago(iso));
}
