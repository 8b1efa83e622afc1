// MetricPanel lets the viewer pick metric names (from /api/v1/metrics/names) and keeps one
// MetricChart per chosen name: history over REST, then live points from one "metrics"
// subscription covering every chosen name (replaced whenever the choice changes).

import { h } from './dom.js';
import { MetricChart } from './charts.js';

const DEFAULT_CHOICE = 4; // names charted when nothing was chosen yet

export class MetricPanel {
  #el;
  #session;
  #socket;
  #onChange;
  #project = null;
  #windowSec = 900;
  #charts = new Map(); // name -> MetricChart
  #sub = null;

  /** el: {names, charts, empty, chosen}; onChange(names) when the choice changes. */
  constructor(el, session, socket, onChange) {
    this.#el = el;
    this.#session = session;
    this.#socket = socket;
    this.#onChange = onChange;
    setInterval(() => this.#charts.forEach((c) => c.tick()), 5_000);
  }

  get chosen() { return [...this.#charts.keys()]; }

  async show(project, wanted) {
    this.clear();
    this.#project = project;
    const { names } = await this.#session.api(`/metrics/names?project=${encodeURIComponent(project)}`);
    if (this.#project !== project) return;
    const all = names.map((n) => n.name);
    const chosen = wanted ? all.filter((n) => wanted.includes(n)) : all.slice(0, DEFAULT_CHOICE);
    this.#el.names.replaceChildren(...all.map((name, i) => h('label', { class: 'name' },
      h('input', {
        type: 'checkbox', value: name, id: `metric-${i}`, checked: chosen.includes(name),
        onchange: (e) => this.#toggle(name, e.target.checked),
      }), ` ${name}`)));
    if (!all.length) this.#el.names.append(h('p', {}, 'This project has no metrics yet.'));
    chosen.forEach((name) => this.#add(name));
    this.#update();
  }

  clear() {
    this.#project = null;
    this.#charts.forEach((c) => c.destroy());
    this.#charts.clear();
    this.#socket.unsubscribe(this.#sub);
    this.#sub = null;
    this.#el.names.replaceChildren();
    this.#update(false);
  }

  setWindow(windowSec) {
    this.#windowSec = windowSec;
    for (const [name, chart] of this.#charts) {
      chart.setWindow(windowSec);
      this.#loadHistory(name, chart);
    }
  }

  /** A "metric" frame of the socket. */
  onFrame(frame) {
    if (frame.sub === this.#sub) this.#charts.get(frame.name)?.push(frame.tags, frame.at, frame.value);
  }

  #toggle(name, on) {
    if (on && !this.#charts.has(name)) this.#add(name);
    if (!on && this.#charts.has(name)) {
      this.#charts.get(name).destroy();
      this.#charts.delete(name);
    }
    this.#update();
  }

  #add(name) {
    const chart = new MetricChart(name, this.#windowSec);
    this.#charts.set(name, chart);
    // In the order of the name list, whatever the order of clicks.
    const names = [...this.#el.names.querySelectorAll('input')].map((i) => i.value);
    const after = [...this.#charts.keys()].filter((n) => names.indexOf(n) > names.indexOf(name))
      .map((n) => this.#charts.get(n).figure).find((f) => f.isConnected);
    this.#el.charts.insertBefore(chart.figure, after ?? null);
    this.#loadHistory(name, chart);
  }

  async #loadHistory(name, chart) {
    const from = new Date(Date.now() - this.#windowSec * 1000).toISOString();
    const query = `/metrics?project=${encodeURIComponent(this.#project)}`
      + `&name=${encodeURIComponent(name)}&from=${encodeURIComponent(from)}`;
    chart.beginHistory();
    try {
      // The finest step within the point limit; many series may need a coarser one (400).
      const page = await this.#session.api(query)
        .catch((e) => (e.status === 400 ? this.#session.api(`${query}&step=5m`) : Promise.reject(e)));
      chart.setHistory(page);
    } catch (e) {
      chart.figure.dataset.error = e.message;
      chart.setHistory(null);
    }
  }

  /** One subscription for every chosen name, replacing the previous one. */
  #update(resubscribe = true) {
    const names = this.chosen;
    this.#el.chosen.textContent = names.length;
    this.#el.empty.hidden = names.length > 0;
    if (!resubscribe) return;
    this.#socket.unsubscribe(this.#sub);
    this.#sub = names.length
      ? this.#socket.subscribe({ project: this.#project, stream: 'metrics', names })
      : null;
    this.#onChange(names);
  }
}
