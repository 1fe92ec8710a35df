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

async function loadTopics() {
  const response = await fetch(api, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    show(`Could not list topics: ${(await response.json()).message}`, true);
    return;
  }
  const topics = await response.json();
  rows.replaceChildren(...topics.map(topic => {
    const tr = document.createElement('tr');
    tr.dataset.topic = topic.name;
    tr.append(cell(topic.name), cell(topic.partitions, 'num'), cell(topic.records, 'num'),
      cell(topic.partitionOffsets.map(p => `${p.partition}:${p.endOffset}`).join('  '), 'offsets'));
    return tr;
  }));
  empty.hidden = topics.length > 0;
}

const groupRows = document.querySelector('#groups tbody');

async function loadGroups() {
  const response = await fetch('api/groups', { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    return;
  }
  const groups = await response.json();
  groupRows.replaceChildren(...groups.map(group => {
    const tr = document.createElement('tr');
    tr.dataset.group = group.name;
    tr.append(cell(group.name), cell(group.generation, 'num'), cell(Object.keys(group.members).length, 'num'),
      cell(group.totalLag, 'num'),
      cell(group.partitions.map(p => `${p.topic}/${p.partition}:${p.lag}`).join('  '), 'offsets'));
    return tr;
  }));
  document.querySelector('#no-groups').hidden = groups.length > 0;
  document.querySelector('#total-lag').textContent =
    `total lag ${groups.reduce((sum, group) => sum + group.totalLag, 0)}`;
}

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

function refresh() {
  loadTopics();
  loadGroups();
}

document.querySelector('#refresh').addEventListener('click', refresh);
refresh();
setInterval(refresh, 5000);
