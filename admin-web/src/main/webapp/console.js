// The console talks to the broker only through the admin REST API.
const api = 'api/topics';
const rows = document.querySelector('#topics tbody');
const empty = document.querySelector('#empty');
const message = document.querySelector('#message');

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

// Paging and search run on the server, so the page stays fast with thousands of topics.
const pageSize = 50;
let pageStart = 0;
let total = 0;

async function loadTopics() {
  const search = document.querySelector('#search').value;
  const query = new URLSearchParams({ search, offset: pageStart, limit: pageSize });
  const response = await fetch(`${api}?${query}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    show(`Could not list topics: ${(await response.json()).message}`, true);
    return;
  }
  const topics = await response.json();
  total = Number(response.headers.get('X-Total-Count') || topics.length);
  const now = Date.now();
  rows.replaceChildren(...topics.map(topic => {
    const tr = document.createElement('tr');
    tr.dataset.topic = topic.name;
    const name = cell(topic.name);
    if (topic.partitionOffsets.some(p => p.underReplicated)) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = 'under-replicated';
      badge.title = 'fewer brokers than backup-count + 1, or replicas moving';
      name.append(' ', badge);
    }
    const offsets = cell(topic.partitionOffsets.map(p => `${p.partition}:${p.endOffset}`).join('  '), 'offsets');
    offsets.title = topic.partitionOffsets.map(p => `partition ${p.partition}: leader ${p.leader || 'none'}`)
      .join('\n');
    tr.append(name, cell(topic.partitions, 'num'), cell(topic.records, 'num'),
      cell(rateIn(topic, now), 'num'), offsets);
    tr.addEventListener('click', () => {
      document.querySelector('#browse [name=topic]').value = topic.name;
      browse();
    });
    return tr;
  }));
  empty.hidden = total > 0 || search !== '';
  document.querySelector('#page').textContent = total === 0 ? 'no topics match'
    : `${pageStart + 1}-${pageStart + topics.length} of ${total}`;
  document.querySelector('#previous').disabled = pageStart === 0;
  document.querySelector('#next').disabled = pageStart + pageSize >= total;
}

// Messages in per second: the change of a topic's end offsets since the previous refresh.
const lastEnds = new Map();

function rateIn(topic, now) {
  const end = topic.partitionOffsets.reduce((sum, p) => sum + p.endOffset, 0);
  const previous = lastEnds.get(topic.name);
  lastEnds.set(topic.name, { end, at: now });
  if (!previous || now <= previous.at) {
    return '';
  }
  return Math.max(0, Math.round((end - previous.end) * 1000 / (now - previous.at))).toLocaleString();
}

document.querySelector('#search').addEventListener('input', () => {
  pageStart = 0;
  loadTopics();
});
document.querySelector('#previous').addEventListener('click', () => {
  pageStart = Math.max(0, pageStart - pageSize);
  loadTopics();
});
document.querySelector('#next').addEventListener('click', () => {
  pageStart += pageSize;
  loadTopics();
});

const messageRows = document.querySelector('#messages tbody');

async function browse() {
  const form = new FormData(document.querySelector('#browse'));
  const query = new URLSearchParams({ order: form.get('order'), limit: 20 });
  if (form.get('offset')) query.set('offset', form.get('offset'));
  if (form.get('selector')) query.set('selector', form.get('selector'));
  const url = `${api}/${encodeURIComponent(form.get('topic'))}/partitions/${form.get('partition')}/messages?${query}`;
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json();
  const status = document.querySelector('#browse-status');
  if (!response.ok) {
    messageRows.replaceChildren();
    status.textContent = body.message;
    return;
  }
  messageRows.replaceChildren(...body.messages.map(message => {
    const tr = document.createElement('tr');
    tr.append(cell(message.offset, 'num'), cell(new Date(message.appendTime).toISOString()), cell(message.type),
      cell(JSON.stringify(message.properties), 'offsets'), cell(pretty(message.body), 'body'));
    return tr;
  }));
  status.textContent = `${body.messages.length} shown, ${body.scanned} looked at; offsets ${body.startOffset}`
    + `-${body.endOffset - 1} held; next page from offset ${body.resumeAt}`;
}

// Text that is JSON is shown indented; other bodies as the API decoded them.
function pretty(body) {
  if (typeof body === 'string') {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch (notJson) {
      return body;
    }
  }
  return JSON.stringify(body, null, 2);
}

document.querySelector('#browse').addEventListener('submit', event => {
  event.preventDefault();
  browse();
});

const groupRows = document.querySelector('#groups tbody');

async function loadGroups() {
  const response = await fetch('api/groups', { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    return;
  }
  const groups = await response.json();
  groupRows.replaceChildren(...groups.map(group => {
    const history = remember(group.name, group.totalLag);
    const tr = document.createElement('tr');
    tr.dataset.group = group.name;
    const trend = cell('');
    trend.append(sparkline(history));
    const action = cell('');
    const resetButton = document.createElement('button');
    resetButton.type = 'button';
    resetButton.textContent = 'Reset…';
    resetButton.className = 'admin-only';
    resetButton.addEventListener('click', () => openReset(group));
    action.append(resetButton);
    tr.append(cell(group.name), cell(group.generation, 'num'), cell(Object.keys(group.members).length, 'num'),
      cell(group.totalLag, 'num'), trend,
      cell(group.partitions.map(p => `${p.topic}/${p.partition}:${p.lag}`).join('  '), 'offsets'), action);
    return tr;
  }));
  document.querySelector('#no-groups').hidden = groups.length > 0;
  document.querySelector('#total-lag').textContent =
    `total lag ${groups.reduce((sum, group) => sum + group.totalLag, 0)}`;
}

const brokerRows = document.querySelector('#brokers tbody');

function megabytes(bytes) {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

function duration(millis) {
  const minutes = Math.floor(millis / 60000);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

async function loadBrokers() {
  const response = await fetch('api/brokers', { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    return;
  }
  const brokers = await response.json();
  brokerRows.replaceChildren(...brokers.map(broker => {
    const tr = document.createElement('tr');
    tr.append(cell(broker.local ? `${broker.id} (this one)` : broker.id), cell(broker.address),
      cell(duration(broker.uptimeMillis), 'num'), cell(broker.ledPartitions, 'num'),
      cell(broker.backupPartitions, 'num'), cell(`${megabytes(broker.heapUsedBytes)} of ${megabytes(broker.heapMaxBytes)}`, 'num'),
      cell(megabytes(broker.diskBytes), 'num'));
    return tr;
  }));
}

// Lag over the last ten minutes of refreshes, kept in the page: a line is read faster than a column of numbers.
const lagHistory = new Map();
const historyLength = 120;

function remember(group, lag) {
  const history = lagHistory.get(group) || [];
  history.push(lag);
  if (history.length > historyLength) history.shift();
  lagHistory.set(group, history);
  return history;
}

function sparkline(values) {
  const width = 120;
  const height = 24;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `lag over time, now ${values[values.length - 1]}`);
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (historyLength - 1) : 0;
  const points = values.map((value, i) => `${(i * step).toFixed(1)},${(height - 2 - (value / max) * (height - 4)).toFixed(1)}`);
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', points.join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', 'currentColor');
  line.setAttribute('stroke-width', '1.5');
  svg.append(line);
  return svg;
}

// Offset reset: the form starts from the group's committed offsets; Preview is a dry run, Reset commits
// (refused by the broker while the group has active members).
const resetForm = document.querySelector('#reset');
const resetStatus = document.querySelector('#reset-status');

function openReset(group) {
  resetForm.hidden = false;
  resetForm.elements.group.value = group.name;
  resetStatus.textContent = 'committed now: ' + group.partitions
    .map(p => `${p.topic}/${p.partition}=${p.committed === null ? 'none' : p.committed}`).join('  ');
}

resetForm.addEventListener('submit', async event => {
  event.preventDefault();
  const dryRun = event.submitter?.value !== 'apply';
  const request = { to: resetForm.elements.to.value, dryRun };
  if (resetForm.elements.value.value !== '') request.value = Number(resetForm.elements.value.value);
  const response = await fetch(`api/groups/${encodeURIComponent(resetForm.elements.group.value)}/reset`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(request)
  });
  const body = await response.json();
  resetStatus.textContent = response.ok
    ? `${body.dryRun ? 'would commit' : 'committed'}: ${body.offsets.map(o => `${o.topic}/${o.partition}=${o.offset}`).join('  ')}`
    : body.message;
  if (response.ok && !body.dryRun) loadGroups();
});

function show(text, isError) {
  message.textContent = text;
  message.className = isError ? 'error' : '';
}

document.querySelector('#create').addEventListener('submit', async event => {
  event.preventDefault();
  const form = new FormData(event.target);
  const response = await fetch(api, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ name: form.get('name'), partitions: Number(form.get('partitions')) })
  });
  const body = await response.json();
  if (response.ok) {
    show(`Created ${body.name} with ${body.partitions} partitions.`, false);
    event.target.reset();
    await loadTopics();
  } else {
    show(body.message, true);
  }
});

// A JMS text message, sent by the broker on the user's behalf: properties are typed in as key=value pairs.
document.querySelector('#send').addEventListener('submit', async event => {
  event.preventDefault();
  const form = new FormData(event.target);
  const properties = {};
  for (const pair of String(form.get('properties') || '').split(',')) {
    const [key, ...value] = pair.split('=');
    if (key.trim()) properties[key.trim()] = value.join('=').trim();
  }
  const response = await fetch(`${api}/${encodeURIComponent(form.get('topic'))}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ text: form.get('text'), properties, groupId: form.get('groupId') || null })
  });
  const body = await response.json();
  const status = document.querySelector('#send-status');
  status.textContent = response.ok ? `Sent ${body.messageId}.` : body.message;
  status.className = response.ok ? '' : 'error';
  if (response.ok) await loadTopics();
});

function refresh() {
  loadBrokers();
  loadTopics();
  loadGroups();
}

// Who is logged in: a viewer sees no controls that change anything (the API refuses them anyway).
async function loadUser() {
  const response = await fetch('api/me', { headers: { Accept: 'application/json' } });
  if (response.ok) {
    const me = await response.json();
    document.querySelector('#user').textContent = `${me.user} (${me.role})`;
    document.body.classList.toggle('viewer', me.role !== 'admin');
  }
}

document.querySelector('#refresh').addEventListener('click', refresh);
loadUser();
refresh();
setInterval(refresh, 5000);
