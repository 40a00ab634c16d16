// Rebound dashboard: plain JavaScript over the JSON API. The session cookie carries the role; every
// change sends the session's CSRF token. Data is written with textContent only (never as HTML), so
// whatever an alert says is shown, not run.
'use strict';

const RANK = { viewer: 0, operator: 1, approver: 2, admin: 3 };
const LIVE_MS = 5000;
const state = { me: null, timers: [], route: null };

// ---------------------------------------------------------------- small helpers

/** Replaces an element's content, skipping the nulls that stand for "nothing to show". */
function fill(el, ...kids) {
  el.replaceChildren(...kids.flat(Infinity).filter((k) => k !== null && k !== undefined && k !== false));
}

function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid === null || kid === undefined || kid === false) continue;
    el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return el;
}

function svg(tag, attrs, ...kids) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const kid of kids.flat()) if (kid) el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  return el;
}

function can(role) {
  return state.me !== null && RANK[state.me.role] >= RANK[role];
}

function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

function ago(iso) {
  if (!iso) return '';
  const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (s < 60) return s + ' s ago';
  if (s < 3600) return Math.round(s / 60) + ' min ago';
  if (s < 86400) return Math.round(s / 3600) + ' h ago';
  return Math.round(s / 86400) + ' d ago';
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 90) return Math.round(seconds) + ' s';
  if (seconds < 5400) return Math.round(seconds / 60) + ' min';
  return (seconds / 3600).toFixed(1) + ' h';
}

const STATUS_TONE = {
  RESOLVED: 'b-ok', ESCALATED: 'b-bad', REMEDIATING: 'b-info', DECIDED: 'b-info', OPEN: 'b-warn',
  SUPPRESSED: '', CLOSED: 'b-ok', OPEN_BREAKER: 'b-bad', HALF_OPEN: 'b-warn',
  succeeded: 'b-ok', resolved: 'b-ok', running: 'b-info', waiting: 'b-info', pending: 'b-warn',
  failed: 'b-bad', escalated: 'b-bad', rejected: 'b-bad', expired: '', approved: 'b-ok',
  awaiting_approval: 'b-warn', PROCESSED: 'b-ok', RECEIVED: 'b-info', FAILED: 'b-bad', REFUSED: 'b-bad',
  critical: 'b-bad', high: 'b-bad', medium: 'b-warn', low: '', info: '',
};

function badge(text, tone) {
  return h('span', { class: 'badge ' + (tone !== undefined ? tone : STATUS_TONE[text] || '') }, text || '—');
}

function toast(message) {
  const t = document.getElementById('toast');
  t.textContent = message;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.textContent = ''; }, 6000);
}

class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.message)) || ('The service answered ' + status));
    this.status = status;
    this.body = body;
  }
}

async function api(method, path, body, form) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.me && state.me.csrfToken) headers[state.me.csrfHeader] = state.me.csrfToken;
  const res = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: form !== undefined ? form : body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = { detail: text }; }
  if (res.status === 401 && path !== '/api/session') {
    state.me = null;
    showSignIn('Your session has ended: sign in again.');
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

function errorBox(e) {
  const why = e.status === 403
    ? e.message + (state.me ? ' (you are signed in as ' + state.me.role + ')' : '')
    : e.message;
  return h('p', { class: 'error-box', role: 'alert' }, why);
}

function empty(text) {
  return h('p', { class: 'empty' }, text);
}

function table(headers, rows) {
  return h('div', { class: 'table-wrap' },
    h('table', {},
      h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows)));
}

/** A button that runs an API change, shows what happened and re-reads the page. */
function actionButton(label, role, run, opts) {
  const o = opts || {};
  const b = h('button', {
    type: 'button', class: o.class || '', disabled: !can(role) || o.disabled,
    title: can(role) ? o.title : 'Needs the ' + role + ' role; you are ' + (state.me ? state.me.role : 'signed out'),
    'data-action': o.name || label,
  }, label);
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await run();
      if (o.done) toast(o.done);
      refresh();
    } catch (e) {
      const box = errorBox(e);
      b.insertAdjacentElement('afterend', box);
      b.disabled = !can(role);
    }
  });
  return b;
}

/** Two steps for what stops or changes everything: the first click asks, the second does. */
function confirmButton(label, question, role, run, opts) {
  const wrap = h('span', { class: 'actions' });
  const first = h('button', {
    type: 'button', class: 'danger', disabled: !can(role), 'data-action': (opts && opts.name) || label,
    title: can(role) ? null : 'Needs the ' + role + ' role',
  }, label);
  first.addEventListener('click', () => {
    const yes = actionButton('Yes, ' + label.toLowerCase(), role, run,
      Object.assign({}, opts, { class: 'danger', name: 'confirm' }));
    const no = h('button', { type: 'button', class: 'quiet', onclick: () => fill(wrap, first) }, 'Cancel');
    fill(wrap, h('span', {}, question + ' '), yes, no);
    yes.focus();
  });
  wrap.append(first);
  return wrap;
}

// ---------------------------------------------------------------- sign-in and routing

function showSignIn(message) {
  stopTimers();
  document.getElementById('top').hidden = true;
  const main = document.getElementById('main');
  const input = h('input', { type: 'password', id: 'token', name: 'token', autocomplete: 'current-password', required: true });
  const err = h('p', { class: 'error-box', role: 'alert', hidden: !message }, message || '');
  const form = h('form', { id: 'sign-in' },
    h('label', { for: 'token' }, 'API token', input),
    err,
    h('button', { type: 'submit' }, 'Sign in'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('POST', '/api/session', { token: input.value });
      input.value = '';
      await loadMe();
      route();
    } catch (e) {
      err.hidden = false;
      err.textContent = e.message;
      input.select();
    }
  });
  fill(main, h('section', { class: 'signin panel' },
    h('h1', {}, 'Sign in to Rebound'),
    h('p', { class: 'sub' }, 'Paste the API token you were given (viewer, operator, approver or admin). '
      + 'It is sent once to start a session and is not kept in this browser.'),
    form));
  input.focus();
}

async function loadMe() {
  state.me = await api('GET', '/api/session');
  document.getElementById('top').hidden = false;
  document.getElementById('who').textContent = state.me.name + ' · ' + state.me.role;
}

function stopTimers() {
  state.timers.forEach((t) => clearInterval(t));
  state.timers = [];
}

function every(ms, fn) {
  state.timers.push(setInterval(fn, ms));
}

const PAGES = {};
let refresh = () => {};

async function route() {
  if (!state.me) return;
  stopTimers();
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  const parts = path.split('/').filter(Boolean);
  const name = parts[0] || 'overview';
  const page = PAGES[name] || PAGES.overview;
  document.querySelectorAll('.top nav a').forEach((a) => {
    if (a.dataset.page === (name === 'incident' ? 'incidents' : name)) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  const main = document.getElementById('main');
  fill(main, h('p', { class: 'loading' }, 'Loading…'));
  refresh = () => route();
  try {
    await page(main, parts.slice(1), new URLSearchParams(query || ''));
  } catch (e) {
    if (e.status !== 401) fill(main, errorBox(e));
  }
  updateApprovalCount();
  every(15000, updateApprovalCount);
}

async function updateApprovalCount() {
  try {
    const pending = await api('GET', '/api/approvals');
    document.getElementById('approvals-count').textContent = pending.length ? String(pending.length) : '';
  } catch (e) { /* the page itself shows errors */ }
}

function liveLabel() {
  return h('span', { class: 'live', 'aria-live': 'off' }, 'Live · updated ' + new Date().toLocaleTimeString());
}

/** Re-reads one part of a page on a timer, replacing only that part. */
function live(container, render, ms) {
  const run = async () => {
    try {
      fill(container, ...[].concat(await render()));
    } catch (e) {
      if (e.status !== 401) fill(container, errorBox(e));
    }
  };
  every(ms || LIVE_MS, run);
  return run();
}

// ---------------------------------------------------------------- overview

PAGES.overview = async (main) => {
  const cards = h('div', { class: 'cards', 'aria-label': 'Now' });
  const charts = h('div', { class: 'charts' });
  const stamp = h('p', {});
  fill(main, h('h1', {}, 'Overview'), stamp, cards, h('h2', {}, 'Last 7 days'), charts);
  await live(cards, async () => {
    const [open, rem, backlog] = await Promise.all([
      api('GET', '/api/stats/open'), api('GET', '/api/remediation/summary'), api('GET', '/api/deliveries/backlog'),
    ]);
    fill(stamp, liveLabel());
    const sev = Object.entries(open.bySeverity).map(([k, v]) => k + ' ' + v).join(' · ') || 'none open';
    const breakersOpen = (rem.breakersByState.OPEN || 0) + (rem.breakersByState.HALF_OPEN || 0);
    return [
      card('Open incidents', open.total, sev, '#/incidents?status=REMEDIATING', open.total > 0),
      card('Plans running', rem.plansByStatus.RUNNING || 0,
        (rem.plansByStatus.AWAITING_APPROVAL || 0) + ' waiting for approval', '#/incidents?status=REMEDIATING'),
      card('Approvals waiting', rem.approvalsWaiting, rem.approvalsWaiting ? 'someone must decide' : 'nothing to decide',
        '#/approvals', rem.approvalsWaiting > 0),
      card('Breakers open', breakersOpen, Object.keys(rem.breakersByState).length ? 'of '
        + Object.values(rem.breakersByState).reduce((a, b) => a + b, 0) + ' known' : 'no breaker has tripped',
      '#/breakers', breakersOpen > 0),
      card('Automatic actions', rem.actionsAllowed ? 'On' : 'Off',
        rem.actionsAllowed ? 'Rebound acts on its own' : 'kill switch: decisions only', '#/breakers', !rem.actionsAllowed),
      card('Undecided backlog', backlog.waiting, backlog.oldestReceivedAt ? 'oldest ' + ago(backlog.oldestReceivedAt)
        : 'every alert is decided', '#/deliveries?status=RECEIVED', backlog.waiting > 0),
    ];
  });
  await live(charts, drawCharts, 60000);
};

function card(label, value, detail, href, alert) {
  return h('a', { class: 'card' + (alert ? ' alert' : ''), href, 'data-card': label },
    h('div', { class: 'label' }, label), h('div', { class: 'value' }, value), h('div', { class: 'detail' }, detail));
}

async function drawCharts() {
  const days = [];
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  for (let i = 6; i >= 0; i--) {
    const from = new Date(today.getTime() - i * 86400000);
    days.push({ from, to: new Date(from.getTime() + 86400000) });
  }
  const stats = await Promise.all(days.map((d) =>
    api('GET', '/api/stats?from=' + d.from.toISOString() + '&to=' + d.to.toISOString())));
  const labels = days.map((d) => d.from.toISOString().slice(5, 10));
  const totals = {};
  stats.forEach((s) => Object.entries(s.byErrorType).forEach(([k, v]) => { totals[k] = (totals[k] || 0) + v; }));
  const top = Object.entries(totals).sort((a, b) => b[1] - a[1]).slice(0, 5).map((e) => e[0]);
  const series = stats.map((s) => {
    const parts = top.map((t) => s.byErrorType[t] || 0);
    parts.push(s.total - parts.reduce((a, b) => a + b, 0));
    return parts;
  });
  const names = top.concat(['other']);
  if (series.every((parts) => parts[parts.length - 1] === 0)) {
    names.pop();
    series.forEach((parts) => parts.pop());
  }
  return [
    chart('Incidents per day, by error type', labels, series, names, (v) => String(v),
      Object.keys(totals).length === 0 ? 'No incidents in the last 7 days.' : null),
    chart('Auto-resolution rate (resolved ÷ resolved + escalated)', labels,
      stats.map((s) => [s.autoResolutionRate === null ? 0 : Math.round(s.autoResolutionRate * 100)]), ['%'],
      (v) => v + '%', stats.every((s) => s.autoResolutionRate === null) ? 'Nothing resolved or escalated yet.' : null, 100),
    chart('Mean time to resolve', labels,
      stats.map((s) => [s.meanTimeToResolveSeconds === null ? 0 : Math.round(s.meanTimeToResolveSeconds)]), ['time'],
      duration, stats.every((s) => s.meanTimeToResolveSeconds === null) ? 'Nothing resolved yet.' : null),
  ];
}

/** Stacked bars, one per day; a fixed size so a refresh never moves the page. */
function chart(title, labels, series, names, format, emptyText, fixedMax) {
  const W = 320, H = 160, pad = 18, bw = (W - pad) / labels.length;
  const max = fixedMax || Math.max(1, ...series.map((s) => s.reduce((a, b) => a + b, 0)));
  const bars = [];
  series.forEach((parts, i) => {
    let y = H - pad;
    parts.forEach((v, j) => {
      if (!v) return;
      const bh = (v / max) * (H - pad - 12);
      y -= bh;
      bars.push(svg('rect', { x: pad + i * bw + 4, y, width: bw - 8, height: bh, class: 'c' + (j % 6) },
        svg('title', {}, labels[i] + ' ' + names[j] + ': ' + format(v))));
    });
    const total = parts.reduce((a, b) => a + b, 0);
    bars.push(svg('text', { x: pad + i * bw + bw / 2, y: Math.max(10, y - 3), 'text-anchor': 'middle' }, total ? format(total) : ''));
    bars.push(svg('text', { x: pad + i * bw + bw / 2, y: H - 4, 'text-anchor': 'middle' }, labels[i]));
  });
  const picture = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': title }, bars);
  const legend = names.length > 1
    ? h('div', { class: 'legend' }, names.map((n, j) => h('span', {}, h('i', { class: 'c' + (j % 6) }), n)))
    : null;
  return h('section', { class: 'chart' }, h('h3', {}, title), emptyText ? empty(emptyText) : picture, legend);
}

// ---------------------------------------------------------------- incidents

const STATUSES = ['OPEN', 'DECIDED', 'REMEDIATING', 'RESOLVED', 'ESCALATED', 'SUPPRESSED'];
const SOURCES = ['azure-data-factory', 'databricks', 'synapse', 'azure-functions', 'github', 'gitlab',
  'jenkins', 'azure-devops', 'circleci', 'generic'];
const ENVIRONMENTS = ['production', 'staging', 'development'];
const PAGE_SIZE = 25;

PAGES.incidents = async (main, _parts, params) => {
  const f = (name) => params.get(name) || '';
  const select = (name, values) => h('select', { name, id: 'f-' + name },
    h('option', { value: '' }, 'any'), values.map((v) => h('option', { value: v, selected: f(name) === v }, v)));
  const form = h('form', { class: 'filters', id: 'incident-filters' },
    h('label', {}, 'Status', select('status', STATUSES)),
    h('label', {}, 'Source', select('source', SOURCES)),
    h('label', {}, 'Error type', h('input', { name: 'errorType', value: f('errorType'), placeholder: 'e.g. UnrecognisedAlert' })),
    h('label', {}, 'Environment', select('environment', ENVIRONMENTS)),
    h('label', {}, 'From', h('input', { type: 'datetime-local', name: 'from', value: f('from') })),
    h('label', {}, 'To', h('input', { type: 'datetime-local', name: 'to', value: f('to') })),
    h('button', { type: 'submit' }, 'Apply'),
    h('button', { type: 'button', class: 'quiet', onclick: () => { location.hash = '#/incidents'; } }, 'Clear'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) q.set(k, v);
    location.hash = '#/incidents?' + q;
  });
  const page = Number(f('page') || 0);
  const query = new URLSearchParams();
  for (const k of ['status', 'source', 'errorType', 'environment']) if (f(k)) query.set(k, f(k));
  for (const k of ['from', 'to']) if (f(k)) query.set(k, new Date(f(k)).toISOString());
  const csv = h('a', { href: '/api/incidents/export?' + query, download: 'rebound-incidents.csv', id: 'csv' }, 'Export CSV');
  const stamp = h('span', {});
  const list = h('div', { id: 'incident-list' });
  fill(main, h('h1', {}, 'Incidents'), form, h('div', { class: 'actions' }, csv, stamp), list);
  query.set('page', page);
  query.set('size', PAGE_SIZE);
  await live(list, async () => {
    const data = await api('GET', '/api/incidents?' + query);
    fill(stamp, liveLabel());
    if (data.items.length === 0) {
      return empty(query.toString().match(/status|source|errorType|environment|from|to/)
        ? 'No incident matches these filters. Clear them to see everything.'
        : 'No incidents yet. They appear here as soon as a webhook reports a failure; '
          + 'see docs/webhooks.md to point Azure Monitor or Databricks at Rebound.');
    }
    const rows = data.items.map((i) => h('tr', { 'data-incident': i.id, 'data-status': i.status },
      h('td', {}, badge(i.status)),
      h('td', { class: 'nowrap' }, badge(i.severity), ' ', i.priority || ''),
      h('td', {}, h('a', { href: '#/incident/' + i.id }, i.errorType || '(undecided)')),
      h('td', { class: 'hide-phone nowrap' }, i.source),
      h('td', { class: 'hide-phone' }, i.environment),
      h('td', { class: 'msg', title: i.resource || '' }, i.resource || ''),
      h('td', { class: 'nowrap', title: when(i.lastSeen) }, ago(i.lastSeen)),
      h('td', { class: 'hide-phone' }, i.occurrences)));
    const last = Math.max(0, Math.ceil(data.total / PAGE_SIZE) - 1);
    const go = (p) => { const q = new URLSearchParams(params); q.set('page', p); location.hash = '#/incidents?' + q; };
    return [
      table(['Status', 'Severity', 'Error type', 'Source', 'Environment', 'Resource', 'Last seen', 'Seen'], rows),
      h('div', { class: 'pager' },
        h('button', { type: 'button', class: 'quiet', disabled: page <= 0, onclick: () => go(page - 1) }, '← Newer'),
        h('span', {}, 'Page ' + (page + 1) + ' of ' + (last + 1) + ' · ' + data.total + ' incidents'),
        h('button', { type: 'button', class: 'quiet', disabled: page >= last, onclick: () => go(page + 1) }, 'Older →')),
    ];
  });
};

// ---------------------------------------------------------------- one incident

PAGES.incident = async (main, parts) => {
  const id = parts[0];
  const incident = await api('GET', '/api/incidents/' + encodeURIComponent(id));
  const head = h('section', { class: 'panel', id: 'incident-head' });
  const plan = h('section', { id: 'plan' });
  const audit = h('section', { id: 'audit' });
  const deliveries = h('section', { id: 'deliveries' });
  fill(main,
    h('p', {}, h('a', { href: '#/incidents' }, '← Incidents')),
    h('h1', {}, incident.errorType || 'Incident', ' ', h('span', { id: 'incident-status' }, badge(incident.status))),
    head,
    h('h2', {}, 'Decision'), decisionPanel(incident),
    h('h2', {}, 'Plan'), plan,
    h('h2', {}, 'Audit trail'), audit,
    h('h2', {}, 'Deliveries'), deliveries,
    h('h2', {}, 'Failure as read'), factPanel(incident));
  const drawHead = (i) => [h('dl', { class: 'facts' },
    h('dt', {}, 'Status'), h('dd', {}, badge(i.status), ' ', i.statusReason || ''),
    h('dt', {}, 'Severity'), h('dd', {}, badge(i.severity), ' ', i.priority || ''),
    h('dt', {}, 'Where'), h('dd', {}, i.source + ' · ' + i.environment + ' · ' + (i.resource || '')),
    h('dt', {}, 'Seen'), h('dd', {}, i.occurrences + '× · first ' + when(i.firstSeen) + ' · last ' + when(i.lastSeen)),
    h('dt', {}, 'Resolved'), h('dd', {}, when(i.resolvedAt)),
    h('dt', {}, 'Message'), h('dd', {}, i.errorMessage || '—')), liveLabel()];
  fill(head, ...drawHead(incident));
  await live(head, async () => {
    const i = await api('GET', '/api/incidents/' + encodeURIComponent(id));
    fill(document.getElementById('incident-status'), badge(i.status));
    fill(audit, auditTable(i.audit));
    return drawHead(i);
  });
  await live(plan, () => planTimeline(id));
  await drawDeliveries(deliveries, id);
};

function decisionPanel(incident) {
  const d = incident.decision;
  if (!d) return empty('Not decided yet: the policy decides within seconds of the alert. If this stays, check the undecided backlog on the Overview.');
  const p = d.playbook || {};
  const reasons = (d.reasons || []).map((r) => h('li', {}, reasonLine(r)));
  return h('div', { class: 'panel' },
    h('dl', { class: 'facts' },
      h('dt', {}, 'Error type'), h('dd', {}, d.errorType + ' (' + (d.category || '—') + ')'),
      h('dt', {}, 'Severity'), h('dd', {}, (d.severity || '—') + ' · ' + (d.priority || '')),
      h('dt', {}, 'Playbook'), h('dd', {}, p.action
        ? p.action + ', up to ' + p.maxRetries + ' retries, waits ' + (p.backoffSeconds || []).join(', ') + ' s'
          + ((p.fallbacks || []).length ? ', then ' + p.fallbacks.join(', ') : '')
        : 'none: a person looks'),
      h('dt', {}, 'Approval'), h('dd', {}, d.approvalRequired ? 'needed before acting'
        : (p.approvalRequiredFor || []).length ? 'needed for ' + p.approvalRequiredFor.join(', ') : 'not needed'),
      h('dt', {}, 'Policy'), h('dd', {}, incident.policyVersion || '—')),
    h('h3', {}, 'Why'), h('ul', { class: 'reasons', id: 'reasons' }, reasons));
}

/** "… (playbooks.xlsx, Playbooks, row 27)": the text, then where it comes from, as a link for admins. */
function reasonLine(text) {
  const m = /^(.*)\(([^,()]+\.(?:xlsx|drl)), ([^,()]+), row (\d+)\)\s*$/.exec(text);
  if (!m) return text;
  const [, what, file, sheet, row] = m;
  const where = h('span', { class: 'where', 'data-workbook': file, 'data-sheet': sheet, 'data-row': row });
  const fileLink = can('admin')
    ? h('a', { href: '#/policy?file=' + encodeURIComponent(file), title: 'Download it from the Policy page' }, file)
    : h('span', { title: 'Workbooks are downloaded by admins from the Policy page' }, file);
  where.append(fileLink, ' › sheet “' + sheet + '” › row ' + row);
  return h('span', {}, what.trim(), h('br'), where);
}

async function planTimeline(incidentId) {
  let plan;
  try {
    plan = await api('GET', '/api/remediation/plans/' + encodeURIComponent(incidentId));
  } catch (e) {
    if (e.status === 404) return empty('No remediation plan: the decision asked for no action, or it is being made now.');
    throw e;
  }
  const steps = plan.steps.map((s) => h('li', { class: 's-' + s.status, 'data-step': s.step },
    h('strong', {}, 'Step ' + s.step + ': ' + s.action), ' ', badge(s.status), ' ',
    h('span', { class: 'where' }, s.kind + ' · up to ' + s.maxAttempts + ' attempts'
      + (s.healthCheck ? ' · health check ' + s.healthCheck : '')),
    s.attempts.map((a) => h('div', { class: 'attempt' },
      'Attempt ' + a.attempt + ' ', badge(a.status), ' ', when(a.startedAt),
      a.finishedAt ? ' → ' + when(a.finishedAt) : '',
      a.reference ? h('div', { class: 'where' }, 'Platform reference: ' + a.reference) : null,
      a.detail ? h('pre', {}, a.detail) : null))));
  return [h('p', {}, 'Plan ', badge(plan.status), ' · mode ' + plan.mode + (plan.outcome ? ' · ' + plan.outcome : '')),
    h('ol', { class: 'timeline' }, steps)];
}

function auditTable(events) {
  if (!events || events.length === 0) return empty('No audit events yet.');
  return table(['When', 'Who', 'What', 'Details'], events.map((e) => h('tr', {},
    h('td', { class: 'nowrap' }, when(e.occurredAt)),
    h('td', {}, e.actor || ''),
    h('td', {}, e.action || ''),
    h('td', {}, keyValues(e.details)))));
}

/** An event's details, one "key value" line each, nested values inline. */
function keyValues(details) {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object') return String(details);
  return h('dl', { class: 'kv' }, Object.entries(details).map(([k, v]) => [
    h('dt', {}, k), h('dd', {}, typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))]));
}

async function drawDeliveries(container, incidentId) {
  const data = await api('GET', '/api/deliveries?incidentId=' + encodeURIComponent(incidentId));
  if (data.items.length === 0) {
    fill(container, empty('No stored delivery leads to this incident (it may predate the inbox).'));
    return;
  }
  fill(container, deliveryTable(data.items));
}

function deliveryTable(items) {
  return table(['Received', 'Source', 'Status', 'Why', 'Incident', ''], items.map((d) => {
    const body = h('td', { colspan: 6 });
    const bodyRow = h('tr', { hidden: true }, body);
    const show = h('button', { type: 'button', class: 'quiet', 'data-action': 'show-body' }, 'Raw body');
    show.addEventListener('click', async () => {
      const full = await api('GET', '/api/deliveries/' + d.id);
      fill(body, h('p', { class: 'where' }, 'Headers'), h('pre', {}, JSON.stringify(full.headers, null, 1)),
        h('p', { class: 'where' }, 'Body (' + full.bodySize + ' bytes' + (full.bodyTruncated ? ', cut short' : '') + ')'),
        h('pre', { class: 'raw-body' }, prettyJson(full.body)));
      bodyRow.hidden = !bodyRow.hidden;
    });
    return [h('tr', { 'data-delivery': d.id },
      h('td', { class: 'nowrap' }, when(d.receivedAt)),
      h('td', {}, d.source),
      h('td', {}, badge(d.status), d.replayOf ? ' replay' : ''),
      h('td', { class: 'msg' }, d.reason || ''),
      h('td', {}, d.incidentId ? h('a', { href: '#/incident/' + d.incidentId }, 'open') : '—'),
      h('td', { class: 'actions' }, show, actionButton('Replay', 'operator',
        () => api('POST', '/api/deliveries/' + d.id + '/replay'), { done: 'Replayed: a new delivery was taken in.', name: 'replay' }))),
    bodyRow];
  }).flat());
}

function prettyJson(text) {
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return text; }
}

function factPanel(incident) {
  return h('details', { class: 'panel' }, h('summary', {}, 'The failure fact (JSON)'),
    h('pre', {}, JSON.stringify(incident.fact, null, 2)),
    h('p', { class: 'where' }, 'Explanation (every rule that fired)'),
    h('pre', {}, JSON.stringify(incident.explanation, null, 2)));
}

// ---------------------------------------------------------------- approvals

PAGES.approvals = async (main) => {
  const list = h('div', { id: 'approval-list' });
  const recent = h('div', {});
  fill(main, h('h1', {}, 'Approvals'),
    can('approver') ? null : h('p', { class: 'role-note' }, 'You can see what waits; approving needs the approver role.'),
    list, h('h2', {}, 'Recently decided'), recent);
  const draw = async () => {
    const pending = await api('GET', '/api/approvals');
    if (pending.length === 0) {
      return empty('Nothing waits for approval. Remediations the policy gates (for example a production scale-up) appear here.');
    }
    return Promise.all(pending.map(approvalCard));
  };
  fill(list, ...[].concat(await draw()));
  // re-read unless someone is typing a reason; the countdowns tick every second
  every(10000, async () => {
    if ([...list.querySelectorAll('textarea')].some((t) => t.value)) return;
    fill(list, ...[].concat(await draw()));
  });
  every(1000, () => list.querySelectorAll('[data-expires]').forEach(tick));
  const all = await api('GET', '/api/approvals?status=all');
  const done = all.filter((a) => a.status !== 'pending').slice(0, 20);
  fill(recent, done.length === 0 ? empty('No approval has been decided yet.')
    : table(['Decided', 'Plan', 'Outcome', 'By', 'Reason'], done.map((a) => h('tr', {},
      h('td', { class: 'nowrap' }, when(a.decidedAt)), h('td', {}, h('a', { href: '#/incident/' + a.incidentId }, a.plan)),
      h('td', {}, badge(a.status)), h('td', {}, a.decidedBy || '—'), h('td', {}, a.reason || '')))));
};

function tick(el) {
  const left = Math.round((new Date(el.dataset.expires).getTime() - Date.now()) / 1000);
  el.textContent = left > 0 ? 'expires in ' + Math.floor(left / 60) + ' min ' + (left % 60) + ' s' : 'expired';
  el.classList.toggle('soon', left < 300);
}

async function approvalCard(a) {
  let incident = null;
  try { incident = await api('GET', '/api/incidents/' + a.incidentId); } catch (e) { /* shown without it */ }
  const gates = incident && incident.decision
    ? (incident.decision.reasons || []).filter((r) => /approval/i.test(r)).map((r) => h('li', {}, reasonLine(r)))
    : [];
  const reason = h('textarea', { 'aria-label': 'Reason', placeholder: 'Why (required to reject)', name: 'reason' });
  const countdown = h('span', { class: 'countdown', 'data-expires': a.expiresAt });
  tick(countdown);
  return h('article', { class: 'approval', 'data-approval': a.id },
    h('h2', {}, a.plan),
    h('p', {}, incident ? h('a', { href: '#/incident/' + a.incidentId },
      (incident.errorType || 'incident') + ' on ' + (incident.resource || '?') + ' (' + incident.environment + ')') : '',
    ' · step ' + a.step + ' · requested by ' + a.requestedBy + ' ' + ago(a.requestedAt) + ' · ', countdown),
    h('h3', {}, 'Why it waits'),
    gates.length ? h('ul', { class: 'reasons' }, gates) : h('p', {}, 'The policy gates this action.'),
    reason,
    h('div', { class: 'actions' },
      actionButton('Approve', 'approver', () => api('POST', '/api/approvals/' + a.id + '/approve',
        { reason: reason.value || 'approved from the dashboard' }), { done: 'Approved: the step runs now.', name: 'approve' }),
      actionButton('Reject', 'approver', () => {
        if (!reason.value.trim()) throw new ApiError(400, { detail: 'Say why you reject it in the reason box.' });
        return api('POST', '/api/approvals/' + a.id + '/reject', { reason: reason.value });
      }, { class: 'danger', done: 'Rejected: the incident is escalated.', name: 'reject' })));
}

// ---------------------------------------------------------------- breakers and the kill switch

PAGES.breakers = async (main) => {
  const kill = h('section', { class: 'panel', id: 'kill-switch' });
  const list = h('div', { id: 'breaker-list' });
  const stamp = h('p', {});
  fill(main, h('h1', {}, 'Breakers and kill switch'), kill, h('h2', {}, 'Circuit breakers'), stamp, list);
  const ks = await api('GET', '/api/remediation/kill-switch');
  fill(kill,
    h('h2', {}, 'Automatic actions are ', h('span', { id: 'kill-state' }, ks.actionsAllowed ? 'ON' : 'OFF')),
    h('p', {}, ks.actionsAllowed
      ? 'Rebound calls Databricks, ADF and CI on its own when the policy says so.'
      : ks.switchedOffByAdmin ? 'An admin switched them off: Rebound decides and records, and calls nothing.'
        : 'Switched off in the configuration (REBOUND_REMEDIATION_ENABLED=false).'),
    ks.actionsAllowed
      ? confirmButton('Stop all automatic actions', 'Nothing will be restarted or re-run until someone turns this back on.',
        'admin', () => api('PUT', '/api/remediation/kill-switch', { enabled: false }), { name: 'kill-off', done: 'Automatic actions are off.' })
      : confirmButton('Turn automatic actions back on', 'Waiting plans will start acting again.',
        'admin', () => api('PUT', '/api/remediation/kill-switch', { enabled: true }), { name: 'kill-on', done: 'Automatic actions are on.' }),
    can('admin') ? null : h('p', { class: 'role-note' }, 'Only an admin may switch automatic actions on or off.'));
  await live(list, async () => {
    const breakers = await api('GET', '/api/breakers');
    fill(stamp, liveLabel());
    if (breakers.length === 0) {
      return empty('No breaker has recorded a failure yet. When a platform or an action keeps failing, its breaker opens and appears here.');
    }
    return table(['Breaker', 'State', 'Failures', 'Refused calls', 'Opened', 'Last failure', ''], breakers.map((b) =>
      h('tr', { 'data-breaker': b.name, 'data-state': b.state },
        h('td', {}, b.name),
        h('td', {}, badge(b.state, b.state === 'OPEN' ? 'b-bad' : STATUS_TONE[b.state])),
        h('td', {}, b.failedCalls + ' of ' + b.failureThreshold),
        h('td', {}, b.notPermittedCalls),
        h('td', { class: 'nowrap' }, when(b.openedAt)),
        h('td', { class: 'msg', title: b.lastFailure || '' }, b.lastFailure || ''),
        h('td', {}, actionButton('Reset', 'operator', () => api('POST', '/api/breakers/' + encodeURIComponent(b.name) + '/reset'),
          { done: 'Breaker ' + b.name + ' reset.', name: 'reset', title: 'Close it: the next call goes through' })))));
  });
};

// ---------------------------------------------------------------- policy

PAGES.policy = async (main, _parts, params) => {
  fill(main, h('h1', {}, 'Policy'));
  if (!can('admin')) {
    main.append(empty('Policy versions, lint, replay and workbook downloads are for admins. '
      + 'Every decision on an incident page names the workbook, sheet and row that made it.'));
    return;
  }
  const versions = await api('GET', '/api/policy/versions');
  const detail = h('section', { id: 'policy-detail' });
  const upload = h('form', { class: 'filters', id: 'upload' },
    h('label', {}, 'Changed workbooks or rule files', h('input', { type: 'file', name: 'files', multiple: true, accept: '.xlsx,.drl,.zip' })),
    h('label', {}, 'Why', h('input', { name: 'message', placeholder: 'e.g. retry DRIVER_UNREACHABLE twice' })),
    h('button', { type: 'submit' }, 'Upload candidate'));
  upload.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const form = new FormData();
    for (const f of upload.files.files) form.append('files', f, f.name);
    form.append('message', upload.message.value);
    try {
      const c = await api('POST', '/api/policy/candidates', undefined, form);
      toast('Candidate ' + c.version + ' uploaded.');
      location.hash = '#/policy?version=' + c.version;
      refresh();
    } catch (e) { upload.append(errorBox(e)); }
  });
  const active = versions.find((v) => v.state === 'active');
  main.append(
    h('div', { class: 'actions' }, active ? h('span', {}, 'In force: version ' + active.version) : null,
      confirmButton('Roll back', 'The previous active version goes back into force on every node.', 'admin',
        () => api('POST', '/api/policy/rollback'), { name: 'rollback', done: 'Rolled back.' })),
    h('h2', {}, 'Propose a change'), upload,
    h('h2', {}, 'Versions'),
    versions.length === 0 ? empty('No policy version stored yet: the shipped files become version 1 at first start.')
      : table(['Version', 'State', 'Author', 'Created', 'Message', ''], versions.map((v) => h('tr', { 'data-version': v.version },
        h('td', {}, String(v.version)), h('td', {}, badge(v.state, v.state === 'active' ? 'b-ok' : v.state === 'candidate' ? 'b-info' : '')),
        h('td', {}, v.author || ''), h('td', { class: 'nowrap' }, when(v.createdAt)), h('td', {}, v.message || ''),
        h('td', {}, h('a', { href: '#/policy?version=' + v.version }, 'Open'))))),
    detail);
  const chosen = params.get('version') || (active && active.version);
  if (chosen) await policyDetail(detail, Number(chosen), params.get('file'));
};

async function policyDetail(container, number, highlight) {
  const v = await api('GET', '/api/policy/versions/' + number);
  const files = (v.files || []).map((f) => h('li', {}, h('a', {
    href: '/api/policy/versions/' + number + '/files/' + encodeURIComponent(f), download: f,
    class: f === highlight ? 'highlight' : null,
  }, f)));
  const out = h('div', { id: 'replay-result' });
  const parts = [h('h2', {}, 'Version ' + number + ' (' + v.state + ')'),
    h('p', {}, v.message || ''),
    h('h3', {}, 'Files (download)'), h('ul', {}, files)];
  if (v.lint) {
    parts.push(h('h3', {}, 'Lint'), lintView(v.lint));
  }
  if (v.state === 'candidate') {
    parts.push(h('div', { class: 'actions' },
      actionButton('Replay the last 7 days', 'admin', async () => {
        const r = await api('POST', '/api/policy/candidates/' + number + '/replay');
        fill(out, replayView(r));
      }, { name: 'replay-policy' }),
      confirmButton('Promote', 'Every node switches to version ' + number + ' within seconds.', 'admin',
        () => api('POST', '/api/policy/candidates/' + number + '/promote'), { name: 'promote', done: 'Promoted.' })), out);
    if (v.replay) fill(out, replayView(v.replay));
  }
  fill(container, h('div', { class: 'panel' }, parts));
}

function lintView(lint) {
  const errors = lint.errors || [], warnings = lint.warnings || [];
  if (!errors.length && !warnings.length) return h('p', {}, badge('clean', 'b-ok'), ' No problem found.');
  return h('ul', { class: 'reasons' },
    errors.map((e) => h('li', {}, badge('error', 'b-bad'), ' ', e)),
    warnings.map((w) => h('li', {}, badge('warning', 'b-warn'), ' ', w)));
}

function replayView(r) {
  const rows = (r.incidents || []).slice(0, 50).map((c) => h('tr', {},
    h('td', {}, h('a', { href: '#/incident/' + c.incidentId }, when(c.firstSeen))),
    h('td', {}, (c.fields || []).join(', ')),
    h('td', {}, outcome(c.active)), h('td', {}, outcome(c.candidate))));
  return h('div', {},
    h('p', {}, r.facts + ' recorded failures replayed, ' + r.changed + ' would be decided differently ('
      + r.unreadable + ' unreadable) in ' + r.millis + ' ms.'),
    r.changed ? h('p', {}, 'By error type: ' + JSON.stringify(r.changedByErrorType) + ' · by field: ' + JSON.stringify(r.changedByField)) : null,
    rows.length ? table(['Incident', 'Changes', 'Now', 'With the candidate'], rows) : empty('No recorded failure would be decided differently.'));
}

function outcome(o) {
  if (!o) return '—';
  return [o.errorType, o.severity, o.action, o.retries !== null ? o.retries + ' retries' : null,
    o.approvalRequired ? 'approval' : null].filter(Boolean).join(' · ');
}

// ---------------------------------------------------------------- deliveries and unrecognised alerts

PAGES.deliveries = async (main, _parts, params) => {
  const status = params.get('status') || '';
  const unrecognised = h('section', { id: 'unrecognised' });
  const list = h('div', { id: 'delivery-list' });
  const refused = h('section', { id: 'refused' });
  const pick = h('select', { name: 'status', 'aria-label': 'Delivery status' },
    h('option', { value: '' }, 'every status'),
    ['RECEIVED', 'PROCESSED', 'FAILED', 'REFUSED'].map((s) => h('option', { value: s, selected: s === status }, s)));
  pick.addEventListener('change', () => { location.hash = '#/deliveries' + (pick.value ? '?status=' + pick.value : ''); });
  fill(main, h('h1', {}, 'Deliveries'),
    h('h2', {}, 'Unrecognised alerts'), unrecognised,
    h('h2', {}, 'Every delivery'), h('div', { class: 'actions' }, pick), list,
    h('h2', {}, 'Refused for a wrong secret'), refused);
  const un = await api('GET', '/api/incidents?errorType=UnrecognisedAlert&size=20');
  fill(unrecognised, un.items.length === 0
    ? empty('Every authenticated alert so far was readable. An alert Rebound cannot read shows up here with its raw body.')
    : table(['Last seen', 'Source', 'Status', 'What was missing'], un.items.map((i) => h('tr', {},
      h('td', {}, h('a', { href: '#/incident/' + i.id }, when(i.lastSeen))), h('td', {}, i.source),
      h('td', {}, badge(i.status)), h('td', { class: 'msg' }, i.errorMessage || '')))));
  await live(list, async () => {
    const data = await api('GET', '/api/deliveries?size=50' + (status ? '&status=' + status : ''));
    return data.items.length === 0
      ? empty('No delivery yet. Point a webhook at Rebound (docs/webhooks.md) and it is stored here before anything else.')
      : deliveryTable(data.items);
  }, 15000);
  if (!can('operator')) {
    fill(refused, h('p', { class: 'role-note' }, 'What strangers send is shown to operators only.'));
    return;
  }
  const r = await api('GET', '/api/deliveries/refused');
  fill(refused, r.total === 0
    ? empty('No webhook has been refused since ' + when(r.since) + '. A sender with a wrong secret shows up here.')
    : h('div', {}, h('p', {}, r.total + ' refused since ' + when(r.since)), objectTable(r.counts),
      h('h3', {}, 'Most recent'), objectTable(r.recent)));
};

/** A table of whatever fields the API sends, so a field added later still shows. */
function objectTable(items) {
  if (!items || items.length === 0) return empty('None.');
  const keys = Object.keys(items[0]);
  return table(keys, items.map((it) => h('tr', {}, keys.map((k) => h('td', { class: 'msg', title: String(it[k] ?? '') },
    typeof it[k] === 'object' && it[k] !== null ? JSON.stringify(it[k]) : String(it[k] ?? ''))))));
}

// ---------------------------------------------------------------- start

document.getElementById('sign-out').addEventListener('click', async () => {
  try { await api('DELETE', '/api/session'); } catch (e) { /* signed out either way */ }
  state.me = null;
  showSignIn('Signed out.');
});
window.addEventListener('hashchange', route);
(async () => {
  try {
    await loadMe();
    route();
  } catch (e) {
    showSignIn(null);
  }
})();
