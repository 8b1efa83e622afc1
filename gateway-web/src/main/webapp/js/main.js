// The dashboard: log in, pick a project, then a live alert table and metric charts over one
// WebSocket (docs/LIVE.md). The choice of project, alert view, metrics and window is kept in
// the URL's fragment (#project=…&metrics=a,b), so a wall screen can be bookmarked. An alert
// opened on its own adds alert=<id>: the links of Slack and email notifications are
// #project=<project>&alert=<id>, opened after the log-in when the page has no token yet.

import { $, announce } from './dom.js';
import { Session } from './session.js';
import { LiveSocket } from './live.js';
import { AlertBoard } from './alerts.js';
import { MetricPanel } from './metrics.js';
import { AlertDetail } from './detail.js';

const session = new Session();
const socket = new LiveSocket(session);
const board = new AlertBoard(
  { rows: $('alert-rows'), empty: $('alerts-empty'), count: $('alert-count'), announcer: $('announcer') },
  act,
  { open: (a) => openAlert(a.project, a.id), href: (a) => hashWith({ project: a.project, alert: a.id }) },
);
const detail = new AlertDetail(session, {
  onAction: async (kind, alert, errorEl) => {
    const changed = await act(kind, alert, errorEl);
    if (changed.project === project) board.apply(changed);
    return changed;
  },
  onClose: (id, { quiet }) => {
    if (quiet) return;
    saveHash({ project, alert: null });
    const link = [...$('alert-rows').querySelectorAll('tr[data-alert-id]')]
      .find((r) => r.dataset.alertId === id)?.querySelector('.open-link');
    (link ?? $('alerts-heading')).focus();
  },
});
const metrics = new MetricPanel(
  { names: $('metric-names'), charts: $('charts'), empty: $('charts-empty'), chosen: $('metric-chosen') },
  session, socket, (names) => saveHash({ metrics: names.join(',') }),
);

let project = null;
let projects = []; // the user's memberships: {id, name, role}
let alertSub = null;
let alertLoad = null; // frames buffered while the REST list loads

// --- login ------------------------------------------------------------------------------------
$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const button = $('login-submit');
  button.disabled = true;
  $('login-error').textContent = '';
  try {
    await session.login($('email').value.trim(), $('password').value);
    $('password').value = '';
    await start();
  } catch (err) {
    $('login-error').textContent = err.status === 401 ? 'Wrong email or password.'
      : err.status === 429 ? 'Too many attempts: wait a minute and try again.'
        : `Could not log in: ${err.message}`;
  } finally {
    button.disabled = false;
  }
});

$('logout').addEventListener('click', async () => {
  await session.logout();
  stop('You are logged out.');
});

session.addEventListener('expired', (e) => stop(`Your session ended (${e.detail}). Log in again.`));

function stop(message) {
  detail.closeQuietly(); // the link stays in the address: logging in again opens it again
  socket.stop();
  leaveProject();
  $('dashboard').hidden = $('controls').hidden = true;
  $('login-view').hidden = false;
  $('login-target').hidden = !readHash().alert;
  $('login-error').textContent = message;
  $('email').focus();
}

async function start() {
  ({ projects } = await session.api('/projects'));
  const select = $('project');
  select.replaceChildren(...projects.map((p) => new Option(`${p.name} (${p.role})`, p.id)));
  $('login-view').hidden = true;
  $('dashboard').hidden = $('controls').hidden = false;
  if (!projects.length) {
    $('action-error').textContent = 'You are not a member of any project yet.';
    return;
  }
  const wanted = readHash(); // before entering a project rewrites it
  select.value = projects.some((p) => p.id === wanted.project) ? wanted.project
    : (projects.find((p) => p.id === 'default') ?? projects[0]).id;
  socket.start();
  const entered = enterProject(projects.find((p) => p.id === select.value));
  select.onchange = () => {
    leaveProject();
    saveHash({ project: select.value, metrics: null });
    enterProject(projects.find((p) => p.id === select.value));
  };
  if (wanted.alert) openAlert(wanted.project, wanted.alert);
  else $('alerts-heading').focus();
  await entered;
}

// --- project ----------------------------------------------------------------------------------
async function enterProject(p) {
  project = p.id;
  board.canAct = p.role !== 'viewer';
  saveHash({ project });
  const hash = readHash();
  $('alert-view').value = hash.view ?? 'open';
  board.setView($('alert-view').value);
  $('window').value = hash.window ?? '900';
  metrics.setWindow(Number($('window').value));
  // Subscribe first, load the list when the server confirms: every transition after that
  // seq comes over the socket (buffered meanwhile), every one before is in the REST answer.
  alertLoad = [];
  alertSub = socket.subscribe({ project, stream: 'alerts' });
  await metrics.show(project, hash.metrics?.split(',').filter(Boolean))
    .catch((e) => { $('action-error').textContent = `Metrics: ${e.message}`; });
}

function leaveProject() {
  detail.closeQuietly();
  socket.unsubscribe(alertSub);
  alertSub = null;
  alertLoad = null;
  metrics.clear();
  board.clear();
  project = null;
}

async function loadAlerts() {
  const p = project;
  const base = `/projects/${encodeURIComponent(p)}/alerts?limit=500`;
  const pages = board.view === 'all'
    ? [session.api(base)]
    : ['firing', 'pending'].map((s) => session.api(`${base}&state=${s}`));
  const items = (await Promise.all(pages)).flatMap((page) => page.items);
  if (p !== project) return;
  board.replaceAll(items);
  const buffered = alertLoad ?? [];
  alertLoad = null;
  buffered.forEach((a) => board.apply(a, { live: true }));
}

function reloadAlerts() {
  alertLoad ??= [];
  loadAlerts().catch((e) => {
    alertLoad = null;
    $('action-error').textContent = `Could not load alerts: ${e.message}`;
  });
}

socket.addEventListener('frame', ({ detail: f }) => {
  if (f.sub && f.sub === alertSub) {
    if (f.type === 'subscribed' && alertLoad) reloadAlerts();
    if (f.type === 'reset') reloadAlerts(); // missed too much: the list is rebuilt from REST
    if (f.type === 'alert') {
      if (alertLoad) alertLoad.push(f.alert);
      else board.apply(f.alert, { live: true });
      if (f.alert.id === detail.id) detail.changed();
    }
  }
  if (f.type === 'metric') metrics.onFrame(f);
  if (f.type === 'error') $('action-error').textContent = `Live: ${f.detail} (${f.status})`;
});

// Only transitions are pushed; value, occurrences and last_seen_at change with every evaluation.
// A wall screen reloads the list once a minute so those stay current too.
setInterval(() => { if (alertSub && !alertLoad && !document.hidden) reloadAlerts(); }, 60_000);

socket.addEventListener('forbidden', () => {
  $('action-error').textContent = 'You are no longer a member of this project.';
  leaveProject();
});

$('alert-view').addEventListener('change', (e) => {
  board.setView(e.target.value);
  saveHash({ view: e.target.value });
  if (alertSub) reloadAlerts();
});

$('window').addEventListener('change', (e) => {
  metrics.setWindow(Number(e.target.value));
  saveHash({ window: e.target.value });
});

/** Acknowledge or resolve over REST; the answer (and later the live frame) updates the row. */
async function act(kind, alert, errorEl = $('action-error')) {
  errorEl.textContent = '';
  try {
    return await session.api(
      `/projects/${encodeURIComponent(alert.project)}/alerts/${alert.id}/${kind}`, { method: 'POST' });
  } catch (e) {
    errorEl.textContent = e.status === 403
      ? 'Your role in this project does not allow that.'
      : `Could not ${kind === 'ack' ? 'acknowledge' : 'resolve'}: ${e.message}`;
    throw e;
  }
}

// --- one alert -------------------------------------------------------------------------------
/**
 * Opens alert {@code id} in its dialog, entering its project first when another is shown. Without
 * a project (a link of an older Pulse: #/alerts/<id>) the user's projects are asked for it.
 */
async function openAlert(wanted, id) {
  let p = projects.find((m) => m.id === wanted);
  if (!wanted) {
    p = await findProject(id);
    if (!p) {
      detail.open('', id, {
        problem: `No alert ${id} in any of your projects: the link may be wrong, or the alert deleted.`,
      });
      return;
    }
  }
  if (!p) {
    detail.open(wanted, id, {
      problem: `This alert belongs to project “${wanted}”, which does not exist`
        + ' or of which you are not a member.',
    });
    return;
  }
  if (p.id !== project) {
    leaveProject();
    $('project').value = p.id;
    enterProject(p);
  }
  saveHash({ project: p.id, alert: id });
  await detail.open(p.id, id, { canAct: p.role !== 'viewer' });
}

/** The membership whose project holds alert {@code id}, if any. */
async function findProject(id) {
  const found = await Promise.all(projects.map((p) => session
    .api(`/projects/${encodeURIComponent(p.id)}/alerts/${encodeURIComponent(id)}`)
    .then(() => p, () => null)));
  return found.find(Boolean);
}

// A link followed, or an alert's address pasted, in a page that is already logged in.
window.addEventListener('hashchange', () => {
  if (!session.active || !projects.length) return;
  const { project: wanted, alert } = readHash();
  if (!alert) detail.closeQuietly();
  else if (alert !== detail.id || (wanted && wanted !== detail.project)) openAlert(wanted, alert);
});

// --- connection status ------------------------------------------------------------------------
const STATUS_TEXT = {
  connecting: () => 'Connecting…',
  live: () => 'Live',
  reconnecting: (d) => (d.retryIn === undefined ? 'Reconnecting…'
    : `Reconnecting in ${Math.ceil(d.retryIn / 1000)} s`),
  offline: () => 'Offline',
};
let lastState = 'offline';
socket.addEventListener('status', ({ detail }) => {
  const el = $('status');
  el.dataset.state = detail.state;
  $('status-text').textContent = STATUS_TEXT[detail.state](detail);
  if (detail.state === 'live') el.dataset.connectedAt = Date.now();
  if (detail.state !== lastState && (detail.state === 'live' || lastState === 'live')) {
    announce($('announcer'), detail.state === 'live' ? 'Live updates connected' : 'Live updates lost, reconnecting');
  }
  lastState = detail.state;
});

// --- URL fragment -----------------------------------------------------------------------------
function readHash() {
  return Object.fromEntries(hashParams());
}

/** The fragment's parameters; an older link's #/alerts/<id> is read as alert=<id>. */
function hashParams() {
  const hash = location.hash.slice(1);
  const old = /^\/alerts\/([^/?&#]+)$/.exec(hash);
  return old ? new URLSearchParams({ alert: decodeURIComponent(old[1]) }) : new URLSearchParams(hash);
}

/** The fragment with {@code changes} made (null removes a parameter). */
function hashWith(changes) {
  const params = hashParams();
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === '') params.delete(k);
    else params.set(k, v);
  }
  return `#${params}`;
}

function saveHash(changes) {
  history.replaceState(null, '', hashWith(changes));
}

// Followed from a notification: say what the log-in is for.
$('login-target').hidden = !readHash().alert;
