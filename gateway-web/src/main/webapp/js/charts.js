// MetricChart is one metric's line chart (uPlot), one line per series (tag set), over a window
// that slides with the clock. History comes from the REST range query, then live points are
// pushed from the socket's metric frames. The figure carries data-points (points held) and
// data-last-value (the newest value) so tests and people can read it without the canvas.

import uPlot from 'uplot';
import { h, formatNumber } from './dom.js';

const PALETTE = ['#4dabf7', '#ffd43b', '#69db7c', '#ff8787', '#da77f2', '#ffa94d', '#3bc9db', '#f783ac'];
const MAX_SERIES = PALETTE.length;
const MAX_POINTS = 5_000; // per series; the oldest go first

export class MetricChart {
  figure;
  #name;
  #windowSec;
  #series = new Map(); // tag key -> {label, points: [[tSec, value]…]}
  #plot = null;
  #plotArea;
  #caption;
  #last = { t: -Infinity, value: null };
  #loading = null; // live samples that arrived while the history was being read
  #frame = null;
  #rebuild = false;
  #resize;

  constructor(name, windowSec) {
    this.#name = name;
    this.#windowSec = windowSec;
    this.#caption = h('span', { class: 'last' }, '–');
    this.#plotArea = h('div', { class: 'plot', role: 'img', 'aria-label': `Chart of ${name}` });
    this.figure = h('figure', { class: 'chart', 'data-metric': name, 'data-points': 0 },
      h('figcaption', {}, h('span', { class: 'metric-name' }, name), this.#caption),
      this.#plotArea);
    this.#resize = new ResizeObserver(() => this.#plot?.setSize(this.#size()));
    this.#resize.observe(this.#plotArea);
  }

  /** Live samples are held back from now until the history is set: they are newer than it. */
  beginHistory() {
    this.#loading ??= [];
  }

  /**
   * Replaces the points with a REST answer ({series:[{tags, points:[{t, value|avg}]}]}), or
   * keeps them (null: the read failed), then adds the live samples held back meanwhile.
   */
  setHistory(page) {
    if (page) {
      this.#series.clear();
      this.#last = { t: -Infinity, value: null };
      for (const s of page.series ?? []) {
        for (const p of s.points) this.#add(s.tags, p.t, p.value ?? p.avg);
      }
    }
    (this.#loading ?? []).forEach((args) => this.#add(...args));
    this.#loading = null;
    this.#draw(true);
  }

  /** One live sample (a metric frame's tags, at and value). */
  push(tags, at, value) {
    if (this.#loading) {
      this.#loading.push([tags, at, value]);
      return;
    }
    this.#add(tags, at, value);
    this.#draw(false, true);
  }

  #add(tags, at, value) {
    const key = tagKey(tags);
    let series = this.#series.get(key);
    if (!series) {
      if (this.#series.size >= MAX_SERIES) return;
      series = { label: tagLabel(tags) || this.#name, points: [] };
      this.#series.set(key, series);
    }
    const t = Date.parse(at) / 1000;
    const points = series.points;
    // Usually in order; a late sample is put in its place.
    let i = points.length;
    while (i > 0 && points[i - 1][0] > t) i -= 1;
    if (i > 0 && points[i - 1][0] === t) points[i - 1][1] = value;
    else points.splice(i, 0, [t, value]);
    if (points.length > MAX_POINTS) points.shift();
    if (t >= this.#last.t) this.#last = { t, value };
  }

  setWindow(windowSec) {
    this.#windowSec = windowSec;
  }

  /** Slides the window to now and drops what fell out of it. */
  tick() {
    this.#draw();
  }

  destroy() {
    this.#resize.disconnect();
    this.#plot?.destroy();
    this.figure.remove();
  }

  /** Figures at once; the plot once per frame at most (a busy series sends many samples). */
  #draw(rebuild = false, later = false) {
    const from = Date.now() / 1000 - this.#windowSec;
    let count = 0;
    for (const s of this.#series.values()) {
      while (s.points.length > 1 && s.points[0][0] < from) s.points.shift();
      count += s.points.length;
    }
    this.figure.dataset.points = count;
    this.figure.dataset.series = this.#series.size;
    if (this.#last.value !== null) {
      this.figure.dataset.lastValue = this.#last.value;
      this.#caption.textContent = formatNumber(this.#last.value);
    }
    this.#plotArea.setAttribute('aria-label', `Chart of ${this.#name} over the last `
      + `${this.#windowSec / 60} minutes: ${count} points in ${this.#series.size} series`
      + (this.#last.value === null ? '' : `, latest ${formatNumber(this.#last.value)}`));
    this.#rebuild ||= rebuild;
    if (later) {
      this.#frame ??= requestAnimationFrame(() => this.#plotNow());
    } else {
      this.#plotNow();
    }
  }

  #plotNow() {
    cancelAnimationFrame(this.#frame);
    this.#frame = null;
    if (!this.figure.isConnected) return;
    const series = [...this.#series.values()];
    const rebuild = this.#rebuild;
    this.#rebuild = false;
    if (rebuild || !this.#plot || this.#plot.series.length !== series.length + 1) {
      this.#plot?.destroy();
      this.#plot = new uPlot(this.#options(series), aligned(series), this.#plotArea);
    } else {
      this.#plot.setData(aligned(series));
    }
  }

  #options(series) {
    const axis = { stroke: '#c9d1d9', grid: { stroke: '#30363d', width: 1 }, ticks: { stroke: '#30363d' } };
    return {
      ...this.#size(),
      scales: {
        x: { time: true, range: () => [Date.now() / 1000 - this.#windowSec, Date.now() / 1000] },
      },
      axes: [axis, { ...axis, size: 60, values: (u, ticks) => ticks.map(formatNumber) }],
      legend: { show: series.length > 1 },
      cursor: { drag: { x: false, y: false } },
      series: [{}, ...series.map((s, i) => ({
        label: s.label, stroke: PALETTE[i], width: 2, spanGaps: true,
        points: { show: (u) => u.data[0].length < 60 },
        value: (u, v) => formatNumber(v),
      }))],
    };
  }

  #size() {
    return { width: Math.max(200, this.#plotArea.clientWidth), height: 180 };
  }
}

/** uPlot's columns: the union of all series' times, then each series' value or null there. */
function aligned(series) {
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
  return [xs, ...series.map((s) => {
    const byTime = new Map(s.points);
    return xs.map((x) => byTime.get(x) ?? null);
  })];
}

function tagKey(tags = {}) {
  return JSON.stringify(Object.entries(tags).sort(([a], [b]) => a.localeCompare(b)));
}

function tagLabel(tags = {}) {
  return Object.entries(tags).sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`).join(', ');
}
