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
      location.hash = `#/topics/${encodeURIComponent(topic.name)}`;
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
  const rate = messagesPerSecond(topic, now);
  return rate === null ? '' : rate.toLocaleString();
}

function messagesPerSecond(topic, now) {
  const end = topic.partitionOffsets.reduce((sum, p) => sum + p.endOffset, 0);
  const previous = lastEnds.get(topic.name);
  lastEnds.set(topic.name, { end, at: now });
  if (!previous || now <= previous.at) {
    return null;
  }
  return Math.max(0, Math.round((end - previous.end) * 1000 / (now - previous.at)));
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
  else if (form.get('time')) query.set('timestamp', new Date(form.get('time')).getTime());
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
    const history = remember(lagHistory, group.name, group.totalLag);
    const tr = document.createElement('tr');
    tr.dataset.group = group.name;
    const trend = cell('');
    trend.append(sparkline(history, 120, 24, `lag over time, now ${group.totalLag}`));
    const action = cell('');
    const resetButton = document.createElement('button');
    resetButton.type = 'button';
    resetButton.textContent = 'Reset…';
    resetButton.className = 'admin-only';
    resetButton.addEventListener('click', () => {
      location.hash = `#/groups/${encodeURIComponent(group.name)}/reset`;
    });
    action.append(resetButton);
    const name = cell('');
    name.append(link(group.name, `#/groups/${encodeURIComponent(group.name)}`));
    tr.append(name, cell(group.generation, 'num'), cell(Object.keys(group.members).length, 'num'),
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

// Messages in and out per second: the change of each broker's counts since the previous refresh (a broker
// that restarted counts from zero again, so a fall counts as nothing).
const lastCounts = new Map();

function ratesOf(broker, now) {
  const previous = lastCounts.get(broker.id);
  lastCounts.set(broker.id, { recordsIn: broker.recordsIn, recordsOut: broker.recordsOut, at: now });
  if (!previous || now <= previous.at) {
    return null;
  }
  const rate = (count, before) => Math.max(0, Math.round((count - before) * 1000 / (now - previous.at)));
  return { in: rate(broker.recordsIn, previous.recordsIn), out: rate(broker.recordsOut, previous.recordsOut) };
}

async function loadBrokers() {
  const { ok, body: brokers } = await getJson('api/brokers');
  if (!ok) {
    return;
  }
  const now = Date.now();
  const rates = new Map(brokers.map(broker => [broker.id, ratesOf(broker, now)]));
  brokerRows.replaceChildren(...brokers.map(broker => {
    const tr = document.createElement('tr');
    const rate = rates.get(broker.id);
    tr.append(cell(broker.local ? `${broker.id} (this one)` : broker.id), cell(broker.address),
      cell(duration(broker.uptimeMillis), 'num'), cell(broker.ledPartitions, 'num'),
      cell(broker.backupPartitions, 'num'), cell(rate ? rate.in.toLocaleString() : '', 'num'),
      cell(rate ? rate.out.toLocaleString() : '', 'num'),
      cell(`${megabytes(broker.heapUsedBytes)} of ${megabytes(broker.heapMaxBytes)}`, 'num'),
      cell(megabytes(broker.diskBytes), 'num'));
    return tr;
  }));
  const known = [...rates.values()].filter(rate => rate !== null);
  const total = key => known.reduce((sum, rate) => sum + rate[key], 0);
  document.querySelector('#cluster-summary').textContent = `${brokers.length} broker${brokers.length === 1 ? '' : 's'} (`
    + `${brokers.map(broker => broker.id).join(', ')})` + (known.length ? `, ${total('in').toLocaleString()} in/s,`
    + ` ${total('out').toLocaleString()} out/s` : '');
  if (known.length) {
    const chart = document.querySelector('#cluster-throughput');
    chart.replaceChildren(
      sparkline(remember(rateHistory, ' in', total('in')), 480, 40, `messages in per second, now ${total('in')}`),
      sparkline(remember(rateHistory, ' out', total('out')), 480, 40, `messages out per second, now ${total('out')}`));
  }
}

// Lag and throughput over the last ten minutes of refreshes, kept in the page: a line is read faster than a
// column of numbers.
const lagHistory = new Map();
const rateHistory = new Map();
const historyLength = 120;

function remember(histories, key, value) {
  const history = histories.get(key) || [];
  history.push(value);
  if (history.length > historyLength) history.shift();
  histories.set(key, history);
  return history;
}

function sparkline(values, width, height, label) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
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

// A horizontal bar, its length the share of the largest value on the page.
function bar(value, max, label) {
  const outer = document.createElement('div');
  outer.className = 'meter';
  outer.setAttribute('role', 'img');
  outer.setAttribute('aria-label', label);
  const fill = document.createElement('div');
  fill.style.width = `${max > 0 ? Math.round(value * 100 / max) : 0}%`;
  outer.append(fill);
  return outer;
}

function link(text, href) {
  const a = document.createElement('a');
  a.textContent = text;
  a.href = href;
  return a;
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  return { ok: response.ok, status: response.status, body: await response.json() };
}

async function sendJson(method, url, body) {
  const response = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body)
  });
  return { ok: response.ok, status: response.status, body: await response.json() };
}

// The topic page: partitions with leader and backups, settings, share groups, the message browser.
let currentTopic = null;

async function loadTopic(name) {
  const status = document.querySelector('#topic-status');
  const { ok, body: topic } = await getJson(`${api}/${encodeURIComponent(name)}`);
  if (!ok) {
    status.textContent = topic.message;
    status.className = 'error';
    return;
  }
  document.querySelector('#topic-name').textContent = topic.name;
  document.querySelector('#topic-summary').textContent =
    `${topic.partitions} partitions, ${topic.records.toLocaleString()} records held`;
  const rate = messagesPerSecond(topic, Date.now());
  if (rate !== null) {
    const history = remember(rateHistory, topic.name, rate);
    document.querySelector('#topic-rate').textContent = `now ${rate.toLocaleString()}`;
    document.querySelector('#topic-throughput')
      .replaceChildren(sparkline(history, 480, 60, `messages in per second, now ${rate}`));
  }
  document.querySelector('#partitions tbody').replaceChildren(...topic.partitionOffsets.map(p => {
    const tr = document.createElement('tr');
    tr.dataset.partition = p.partition;
    const state = cell('');
    if (p.underReplicated) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = 'under-replicated';
      state.append(badge);
    }
    tr.append(cell(p.partition, 'num'), cell(p.leader || 'none'), cell(p.backups.join(', ') || 'none'),
      cell(p.startOffset, 'num'), cell(p.endOffset, 'num'), cell(p.endOffset - p.startOffset, 'num'),
      cell(p.segments, 'num'), cell(megabytes(p.sizeInBytes), 'num'), cell(megabytes(p.heldBytes), 'num'), state);
    return tr;
  }));
  document.querySelector('#topic-config tbody').replaceChildren(...Object.entries(topic.config).sort()
    .map(([key, value]) => {
      const tr = document.createElement('tr');
      tr.append(cell(key, 'offsets'), cell(value, 'num'));
      return tr;
    }));
  const grow = document.querySelector('#add-partitions [name=partitions]');
  grow.min = topic.partitions + 1;
  if (!grow.value || Number(grow.value) <= topic.partitions) grow.value = topic.partitions + 1;
  const shares = await getJson(`${api}/${encodeURIComponent(name)}/share-groups`);
  if (shares.ok) {
    document.querySelector('#share-groups tbody').replaceChildren(...shares.body.groups.map(group => {
      const tr = document.createElement('tr');
      const sum = key => group.partitions.reduce((total, p) => total + p[key], 0);
      tr.append(cell(group.group), cell(sum('acquired'), 'num'), cell(sum('available'), 'num'));
      return tr;
    }));
    document.querySelector('#dead-lettered').textContent =
      `${shares.body.deadLettered.toLocaleString()} dead-lettered (in ${name}.DLQ)`;
  }
}

function topicAction(form, handler) {
  document.querySelector(form).addEventListener('submit', async event => {
    event.preventDefault();
    const { ok, body } = await handler(new FormData(event.target));
    const status = document.querySelector('#topic-status');
    status.textContent = ok ? 'Done.' : body.message;
    status.className = ok ? '' : 'error';
    if (ok) loadTopic(currentTopic);
  });
}

topicAction('#add-partitions', form => sendJson('POST', `${api}/${encodeURIComponent(currentTopic)}/partitions`,
  { partitions: Number(form.get('partitions')) }));
topicAction('#delete-records', form => sendJson('POST',
  `${api}/${encodeURIComponent(currentTopic)}/partitions/${form.get('partition')}/delete-records`,
  { before: Number(form.get('offset')) }));
topicAction('#alter-config', form => sendJson('PATCH', `${api}/${encodeURIComponent(currentTopic)}/config`,
  { [form.get('key')]: form.get('value') }));

// The group page: lag per partition as bars, members and what they own, the offset reset dialog.
let currentGroup = null;
let shownGroup = null;

async function loadGroup(name) {
  const { ok, body: group } = await getJson(`api/groups/${encodeURIComponent(name)}`);
  const status = document.querySelector('#reset-status');
  if (!ok) {
    status.textContent = group.message;
    return;
  }
  shownGroup = group;
  document.querySelector('#group-name').textContent = group.name;
  const memberCount = Object.keys(group.members).length;
  document.querySelector('#group-summary').textContent = `generation ${group.generation}, ${group.strategy},`
    + ` ${memberCount} members, total lag ${group.totalLag.toLocaleString()}`;
  const history = remember(lagHistory, group.name, group.totalLag);
  document.querySelector('#group-trend')
    .replaceChildren(sparkline(history, 480, 60, `total lag over time, now ${group.totalLag}`));
  const owners = new Map();
  Object.entries(group.members).forEach(([member, owned]) => owned.forEach(tp => owners.set(tp, member)));
  const maxLag = Math.max(0, ...group.partitions.map(p => p.lag));
  document.querySelector('#group-partitions tbody').replaceChildren(...group.partitions.map(p => {
    const tr = document.createElement('tr');
    tr.dataset.partition = `${p.topic}/${p.partition}`;
    const chart = cell('');
    chart.append(bar(p.lag, maxLag, `lag ${p.lag}`));
    const committed = p.committed === null ? 'none' : p.committed;
    const end = p.committed === null ? '' : p.committed + p.lag;
    tr.append(cell(p.topic), cell(p.partition, 'num'), cell(committed, 'num'), cell(end, 'num'),
      cell(p.lag, 'num lag'), chart, cell(owners.get(`${p.topic}/${p.partition}`) || ''));
    return tr;
  }));
  document.querySelector('#members tbody').replaceChildren(...Object.entries(group.members).map(([member, owned]) => {
    const tr = document.createElement('tr');
    tr.append(cell(member, 'offsets'), cell(owned.join('  ') || 'nothing yet', 'offsets'));
    return tr;
  }));
  document.querySelector('#no-members').hidden = memberCount > 0;
  if (resetForm.elements.group.value !== group.name) {
    resetForm.elements.group.value = group.name;
    lastPreview = null;
    resetStatus.textContent = '';
  }
  showResetPreview(lastPreview);
}

// Offset reset: the dialog lists the group's committed offsets; Preview is a dry run showing what each would
// become, Reset commits (refused by the broker while the group has active members).
const resetForm = document.querySelector('#reset');
const resetStatus = document.querySelector('#reset-status');

let lastPreview = null;

function showResetPreview(offsets) {
  lastPreview = offsets;
  const after = new Map((offsets || []).map(o => [`${o.topic}/${o.partition}`, o.offset]));
  document.querySelector('#reset-preview tbody').replaceChildren(...(shownGroup?.partitions || []).map(p => {
    const tr = document.createElement('tr');
    const key = `${p.topic}/${p.partition}`;
    tr.dataset.partition = key;
    tr.append(cell(p.topic), cell(p.partition, 'num'), cell(p.committed === null ? 'none' : p.committed, 'num'),
      cell(after.has(key) ? after.get(key) : '', 'num after'));
    return tr;
  }));
}

resetForm.addEventListener('submit', async event => {
  event.preventDefault();
  const dryRun = event.submitter?.value !== 'apply';
  const request = { to: resetForm.elements.to.value, dryRun };
  if (resetForm.elements.value.value !== '') request.value = Number(resetForm.elements.value.value);
  const { ok, body } = await sendJson('POST',
    `api/groups/${encodeURIComponent(resetForm.elements.group.value)}/reset`, request);
  resetStatus.textContent = ok ? (body.dryRun ? 'Preview: nothing committed yet.' : 'Committed.') : body.message;
  resetStatus.className = ok ? 'subtle' : 'error';
  if (ok) showResetPreview(body.offsets);
  if (ok && !body.dryRun) loadGroup(resetForm.elements.group.value);
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

// Four pages in one document, chosen by the address's fragment: #/ (overview), #/brokers, #/topics/<name>,
// #/groups/<name> (#/groups/<name>/reset scrolls to the reset dialog).
let showingBrokers = false;

function route() {
  const [, kind, name, part] = location.hash.split('/').map(decodeURIComponent);
  currentTopic = kind === 'topics' ? name : null;
  currentGroup = kind === 'groups' ? name : null;
  showingBrokers = kind === 'brokers';
  document.querySelector('#overview-view').hidden = currentTopic !== null || currentGroup !== null || showingBrokers;
  document.querySelector('#brokers-view').hidden = !showingBrokers;
  document.querySelector('#topic-view').hidden = currentTopic === null;
  document.querySelector('#group-view').hidden = currentGroup === null;
  if (currentTopic !== null && document.querySelector('#browse [name=topic]').value !== currentTopic) {
    document.querySelector('#browse [name=topic]').value = currentTopic;
    messageRows.replaceChildren();
    document.querySelector('#browse-status').textContent = '';
    document.querySelector('#topic-status').textContent = '';
  }
  refresh().then(() => {
    if (part === 'reset') document.querySelector('#reset').scrollIntoView();
  });
}

async function refresh() {
  if (currentTopic !== null) {
    await loadTopic(currentTopic);
  } else if (currentGroup !== null) {
    await loadGroup(currentGroup);
  } else if (showingBrokers) {
    await loadBrokers();
  } else {
    await Promise.all([loadBrokers(), loadTopics(), loadGroups()]);
  }
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
window.addEventListener('hashchange', route);
loadUser();
route();
setInterval(refresh, 5000);
