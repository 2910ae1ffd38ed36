// Search box widget: shows the current query and the results list.
(function () {
  const params = new URLSearchParams(window.location.search);
  const query = params.get('q') || '';
  const summary = document.getElementById('search-summary');
  const list = document.getElementById('search-results');

  summary.innerHTML = `Showing results for <strong>${query}</strong>`; // bench: vuln CWE-79

  async function load() {
    const res = await fetch(`/api/search?q=${encodeURIComponent(query)}`);
    const items = await res.json();
    list.replaceChildren();
    for (const item of items) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = `/docs/${encodeURIComponent(item.slug)}`;
      a.textContent = item.title;
      li.appendChild(a);
      list.appendChild(li);
    }
  }

  document.getElementById('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = document.getElementById('search-input').value;
    window.location.search = `?q=${encodeURIComponent(q)}`;
  });

  load();
})();
