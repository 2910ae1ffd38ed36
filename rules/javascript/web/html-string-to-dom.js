// Renders the task list of the todo app.
const list = document.getElementById('tasks');
const counter = document.getElementById('count');

async function loadTasks() {
  const res = await fetch('/api/tasks');
  const tasks = await res.json();
  // ruleid: javascript.html-string-to-dom
  list.innerHTML = tasks.map((t) => `<li class="${t.done ? 'done' : ''}">${t.title}</li>`).join('');
  // ok: javascript.html-string-to-dom
  counter.innerHTML = `<b>${tasks.length}</b> tasks`;
}

function addTask(task) {
  // ruleid: javascript.html-string-to-dom
  list.insertAdjacentHTML('beforeend', '<li>' + task.title + '</li>');
}

function addTaskSafely(task) {
  const li = document.createElement('li');
  // ok: javascript.html-string-to-dom
  li.textContent = task.title;
  list.appendChild(li);
}

function showError(message) {
  const box = document.getElementById('error');
  const html = `<div class="alert">${message}</div>`;
  // ruleid: javascript.html-string-to-dom
  box.innerHTML = html;
}

function showEscaped(message) {
  // ok: javascript.html-string-to-dom
  document.getElementById('error').innerHTML = `<div class="alert">${escapeHtml(message)}</div>`;
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function showProgress(done, total) {
  const percent = Math.round((done / total) * 100);
  // ok: javascript.html-string-to-dom
  document.getElementById('progress').innerHTML = `<span style="width:${percent}%"></span>`;
}

loadTasks();
