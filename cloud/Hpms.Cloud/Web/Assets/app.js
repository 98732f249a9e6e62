// HPMS technician and operator page. Talks to the REST API with a bearer token kept in sessionStorage
// (never in a URL). Every value is rendered as text (textContent / text nodes), never as HTML. The page
// shows only the actions /api/me says the caller may take; the API still checks every call.

const TOKEN_KEY = 'hpms.token';
const OPEN_WORK = ['created', 'assigned', 'accepted', 'in_progress', 'reopened', 'resolved', 'verified'];
const CABINET_CLASS = 'smart-supply-cabinet';

const $ = (id) => document.getElementById(id);
let me = null;

/** Builds an element; children are nodes or values shown as text. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) {
      node.setAttribute(name, String(value));
    }
  }
  for (const child of children) {
    if (child !== undefined && child !== null) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

function when(ms) {
  return ms ? new Date(ms).toLocaleString() : '';
}

/** An API answer that was not 2xx, described from its problem details. */
class ApiError extends Error {
  constructor(status, problem) {
    const title = problem?.title || `HTTP ${status}`;
    const fields = problem?.errors
      ? Object.entries(problem.errors).map(([field, messages]) => `${field}: ${[].concat(messages).join(' ')}`).join('; ')
      : '';
    super([`${title} (${status})`, problem?.detail, fields].filter(Boolean).join(' — '));
    this.status = status;
  }
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch (error) {
    throw new Error(`The service cannot be reached (${error.message}).`);
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { detail: text.slice(0, 200) };
  }
  if (!response.ok) {
    if (response.status === 401 && token) {
      signOut();
    }
    throw new ApiError(response.status, data);
  }
  return data;
}

function say(text, kind = 'info') {
  const message = $('message');
  message.textContent = text;
  message.className = `message ${kind}`;
  message.dataset.kind = kind;
  message.hidden = !text;
}

function can(policy) {
  return me !== null && me.policies.includes(policy);
}

/** Runs an action from a button: disables it meanwhile, reports the outcome, reloads the section. */
async function act(button, action, done, reload) {
  button.disabled = true;
  try {
    await action();
    say(done, 'info');
    await reload();
  } catch (error) {
    say(error.message, 'error');
    button.disabled = false;
  }
}

function listInto(list, items, render, empty) {
  list.replaceChildren(...(items.length ? items.map(render) : [el('li', { class: 'empty' }, empty)]));
}

// ---- work orders -------------------------------------------------------------------------------

const NEXT_STEP = {
  assigned: { action: 'accept', label: 'Accept' },
  accepted: { action: 'start', label: 'Start' },
  in_progress: { action: 'resolve', label: 'Resolve', note: true },
};

async function loadWorkOrders() {
  const mine = me.technicianId !== null && !can('engineering');
  $('work-orders-title').textContent = mine ? 'My work orders' : 'Open work orders';
  const all = await api('GET', mine ? '/api/workorders?mine=true&limit=200' : '/api/workorders?limit=200');
  const open = all.filter((w) => OPEN_WORK.includes(w.state));
  listInto($('work-order-list'), open, renderWorkOrder, mine ? 'Nothing assigned to you.' : 'No open work orders.');
}

function renderWorkOrder(w) {
  const card = el('li', { class: 'card work-order', 'data-id': w.id, 'data-state': w.state },
    el('h3', {}, `#${w.id} ${w.title}`),
    el('p', {}, el('span', { class: `badge ${w.priority}` }, w.priority), el('span', { class: 'badge state' }, w.state.replace('_', ' '))),
    el('p', { class: 'meta' }, `${w.assetId} · ${w.zone} · ${w.skill}`),
    el('p', { class: 'meta' }, `Assigned to ${w.assignedTo ?? 'nobody'} · resolve by ${when(w.resolutionDueMs)}`),
    w.description ? el('p', {}, w.description) : null,
    w.resolutionNote ? el('p', { class: 'meta' }, `Note: ${w.resolutionNote}`) : null);
  const step = NEXT_STEP[w.state];
  const mayAct = can('field-work') && (can('engineering') || (me.technicianId !== null && w.assignedTo === me.technicianId));
  if (step && mayAct) {
    const actions = el('div', { class: 'actions' });
    let note = null;
    if (step.note) {
      const noteId = `note-${w.id}`;
      note = el('textarea', { id: noteId, class: 'note', required: '', maxlength: 2000, placeholder: 'What was done' });
      card.append(el('label', { for: noteId }, 'Resolution note'), note);
    }
    const button = el('button', { type: 'button', class: `do-${step.action}` }, step.label);
    button.addEventListener('click', () => {
      if (note !== null && !note.value.trim()) {
        say('A resolution note is required to resolve.', 'error');
        note.focus();
        return;
      }
      const body = { expectedVersion: w.version, ...(note !== null ? { note: note.value.trim() } : {}) };
      act(button, () => api('POST', `/api/workorders/${encodeURIComponent(w.id)}/${step.action}`, body),
        `Work order ${w.id}: ${step.action} done.`, loadWorkOrders);
    });
    actions.append(button);
    card.append(actions);
  }
  return card;
}

// ---- alarms ------------------------------------------------------------------------------------

async function loadAlarms() {
  const alarms = await api('GET', '/api/alarms?state=active&limit=200');
  listInto($('alarm-list'), alarms, renderAlarm, 'No open alarms.');
}

function renderAlarm(a) {
  const card = el('li', { class: 'card alarm', 'data-id': a.id },
    el('h3', {}, `${a.deviceId}: ${a.kind}`),
    el('p', {}, el('span', { class: `badge ${a.severity}` }, a.severity), el('span', { class: 'badge' }, a.state)),
    el('p', {}, a.message),
    el('p', { class: 'meta' }, `${a.series} · since ${when(a.startedMs)}`));
  if (can('engineering')) {
    const button = el('button', { type: 'button', class: 'do-acknowledge' }, 'Acknowledge');
    button.addEventListener('click', () =>
      act(button, () => api('POST', `/api/alarms/${encodeURIComponent(a.id)}/acknowledge`), `Alarm ${a.id} acknowledged.`, loadAlarms));
    card.append(el('div', { class: 'actions' }, button));
  }
  return card;
}

// ---- orders ------------------------------------------------------------------------------------

async function loadOrders() {
  const orders = await api('GET', '/api/orders?status=open&limit=50');
  listInto($('order-list'), orders, renderOrder, 'No open orders.');
}

function renderOrder(o) {
  return el('li', { class: 'card order', 'data-id': o.id },
    el('h3', {}, `Order ${o.id} · ${o.kind}`),
    el('p', { class: 'meta' }, `${o.supplierId} → ${o.storeroom} · ${o.status} · ${when(o.createdMs)}`),
    el('ul', { class: 'lines' }, ...o.lines.map((l) =>
      el('li', {}, `${l.itemId} × ${l.quantity} (cabinet ${l.cabinetId}${l.bin ? ` bin ${l.bin}` : ''}, on hand ${l.onHand}/${l.par})`))));
}

// ---- cabinets ----------------------------------------------------------------------------------

async function loadCabinets() {
  const devices = await api('GET', '/api/devices');
  const cabinets = devices.filter((d) => d.deviceClass === CABINET_CLASS);
  listInto($('cabinet-list'), cabinets, renderCabinet, 'No cabinets registered.');
}

function renderCabinet(d) {
  const card = el('li', { class: 'card cabinet', 'data-id': d.id },
    el('h3', {}, d.name || d.id),
    el('p', { class: 'meta' }, `${d.id} · ${d.building} · ${d.zone} · ${d.online ? 'online' : 'offline'}`));
  if (can('device-commands')) {
    const badgeId = `badge-${d.id}`;
    const badge = el('input', { id: badgeId, class: 'badge-input', maxlength: 64, autocomplete: 'off' });
    const button = el('button', { type: 'button', class: 'do-unlock' }, 'Unlock');
    button.addEventListener('click', () => {
      if (!badge.value.trim()) {
        say('A badge number is required to unlock.', 'error');
        badge.focus();
        return;
      }
      act(button, () => api('POST', `/api/devices/${encodeURIComponent(d.id)}/commands/unlock`, { args: { badge: badge.value.trim() } }),
        `Cabinet ${d.id} unlocked.`, loadCabinets);
    });
    card.append(el('label', { for: badgeId }, 'Badge'), badge, el('div', { class: 'actions' }, button));
  }
  return card;
}

// ---- session -----------------------------------------------------------------------------------

// A technician's page is their work and the alarms; orders and cabinets are for the other roles.
const SECTIONS = [
  { id: 'work-orders', load: loadWorkOrders, show: () => true },
  { id: 'alarms', load: loadAlarms, show: () => true },
  { id: 'orders', load: loadOrders, show: () => !me.roles.includes('technician') || can('engineering') },
  { id: 'cabinets', load: loadCabinets, show: () => !me.roles.includes('technician') || can('engineering') },
];

async function loadSection(section) {
  try {
    await section.load();
  } catch (error) {
    say(error.message, 'error');
  }
}

async function showSignedIn() {
  me = await api('GET', '/api/me');
  $('sign-in').hidden = true;
  $('who').textContent = `${me.name} (${me.roles.join(', ')})`;
  $('who').hidden = false;
  $('sign-out').hidden = false;
  document.body.dataset.roles = me.roles.join(' ');
  for (const section of SECTIONS) {
    const node = $(section.id);
    node.hidden = !section.show();
    if (!node.hidden) {
      await loadSection(section);
    }
  }
  document.body.dataset.ready = 'true';
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  me = null;
  delete document.body.dataset.ready;
  delete document.body.dataset.roles;
  for (const section of SECTIONS) {
    $(section.id).hidden = true;
  }
  $('who').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
}

async function signIn(event) {
  event.preventDefault();
  const button = $('sign-in-button');
  button.disabled = true;
  try {
    const token = await api('POST', '/api/auth/token', { userName: $('user-name').value.trim(), password: $('password').value });
    sessionStorage.setItem(TOKEN_KEY, token.accessToken);
    $('password').value = '';
    say('');
    await showSignedIn();
  } catch (error) {
    say(error.message, 'error');
  } finally {
    button.disabled = false;
  }
}

$('sign-in').addEventListener('submit', signIn);
$('sign-out').addEventListener('click', () => {
  signOut();
  say('Signed out.', 'info');
});
for (const section of SECTIONS) {
  $(section.id).querySelector('.refresh').addEventListener('click', () => loadSection(section));
}
if (sessionStorage.getItem(TOKEN_KEY)) {
  showSignedIn().catch((error) => say(error.message, 'error'));
}
