// Search page script: shows the query from the URL and the results.
const params = new URLSearchParams(window.location.search);
const query = params.get('q') || '';

const heading = document.getElementById('heading');
// ruleid: javascript.dom-xss
heading.innerHTML = `Results for <em>${query}</em>`;

const note = document.getElementById('note');
// ok: javascript.dom-xss
note.textContent = `Results for ${query}`;

function showTab() {
  const tab = decodeURIComponent(location.hash.slice(1));
  // ruleid: javascript.dom-xss
  document.querySelector('#tabs').insertAdjacentHTML('beforeend', '<li class="active">' + tab + '</li>');
}

window.addEventListener('hashchange', showTab);

window.addEventListener('message', (event) => {
  if (event.origin !== 'https://widgets.example.com') return;
  const { html } = event.data;
  // ruleid: javascript.dom-xss
  document.getElementById('widget').innerHTML = html;
});

window.addEventListener('message', (event) => {
  // ok: javascript.dom-xss
  document.getElementById('widget').innerHTML = DOMPurify.sanitize(event.data.html);
});

function renderBanner() {
  // ok: javascript.dom-xss
  document.getElementById('banner').innerHTML = '<strong>Maintenance tonight at 22:00</strong>';
}

function greet() {
  const name = new URL(document.URL).searchParams.get('name');
  // ruleid: javascript.dom-xss
  document.write('<p>Hello ' + name + '</p>');
}

function legacyNotice() {
  // ruleid: javascript.dom-xss
  $('#notice').html(`Referred by ${document.referrer}`);
  // ok: javascript.dom-xss
  $('#notice').text(`Referred by ${document.referrer}`);
}

renderBanner();
greet();
legacyNotice();
