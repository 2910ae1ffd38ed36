const path = require('path');

function assignments() {
  const a = source();
  let b;
  b = a;
  // ruleid: taint.js-flow
  sink(b);
  b = 'clean';
  // ok: taint.js-flow
  sink(b);
}

function branches(flag) {
  let x = 'clean';
  if (flag) {
    x = source();
  }
  // ruleid: taint.js-flow
  sink(x);
  let y = flag ? source() : 'clean';
  // ruleid: taint.js-flow
  sink(y);
}

function destructuring() {
  const { name, other } = source();
  // ruleid: taint.js-flow
  sink(name);
  const [first] = source();
  // ruleid: taint.js-flow
  sink(first);
}

function strings() {
  const t = source();
  // ruleid: taint.js-flow
  sink(`SELECT * FROM users WHERE id = ${t}`);
  // ruleid: taint.js-flow
  sink('a' + t);
  // ok: taint.js-flow
  sink(`constant`);
}

function fields(req) {
  const body = { query: source() };
  // ruleid: taint.js-flow
  sink(body.query);
  const list = [];
  list.push(source());
  // ruleid: taint.js-flow
  sink(list.join(','));
}

async function awaits() {
  const v = await source();
  // ruleid: taint.js-flow
  sink(v);
  const r = await fetchIt(source());
  // ruleid: taint.js-flow
  sink(r);
}

function closures() {
  const t = source();
  return () => {
    // ruleid: taint.js-flow
    sink(t);
  };
}

function propagators() {
  const t = source();
  // ruleid: taint.js-flow
  sink(path.join('/base', t));
  // ruleid: taint.js-flow
  sink(Buffer.from(t).toString('base64'));
  // ruleid: taint.js-flow
  sink(JSON.parse(t).field);
  // ok: taint.js-flow
  sink(Number(t));
  // ok: taint.js-flow
  sink(clean(t));
}

function helpers() {
  // ruleid: taint.js-flow
  sink(wrap(source()));
  // ok: taint.js-flow
  sink(constant(source()));
  reaches(source());
}

function wrap(v) {
  return '[' + v + ']';
}

const constant = (v) => 'clean';

function reaches(v) {
  // ruleid: taint.js-flow
  sink(v);
}

class Service {
  constructor(q) {
    this.q = q;
  }
  run() {
    // ruleid: taint.js-flow
    sink(this.q);
  }
}

new Service(source()).run();

// a focused sink argument that is itself a call is reached by the call's value
function focused() {
  // ruleid: taint.js-focused-sink
  run(source());
  // ruleid: taint.js-focused-sink
  run(wrap(source()), {});
  // ok: taint.js-focused-sink
  run(clean(source()));
  // ok: taint.js-focused-sink
  run(constant(source()));
  // ok: taint.js-focused-sink
  run('ls', source());
}

// what an inline callback returns from a source flows into the higher-order call's result
function callbacks(items) {
  const html = items.map((item) => `<li>${source()}</li>`).join('');
  // ruleid: taint.js-flow
  sink(html);
  const plain = items.map((item) => `<li>${item.name}</li>`).join('');
  // ok: taint.js-flow
  sink(plain);
  const counted = items.filter((item) => item.name === source()).length;
  // ok: taint.js-flow
  sink(counted);
}

// a sanitizer on the very expression that is a source wins
function sourceAndSanitizer(req) {
  // ok: taint.js-source-and-sanitizer
  sink(new URL('/home', req.url));
  // ruleid: taint.js-source-and-sanitizer
  sink(new URL(req.body.next, req.url));
  // ruleid: taint.js-source-and-sanitizer
  sink(req.url);
}

// computed keys of an assignment target are evaluated: sinks inside them see their taint
function keys(registry, value) {
  const group = source();
  // ruleid: taint.js-key-sink
  registry[group][value] = 1;
  // ok: taint.js-key-sink
  registry['fixed'][group] = 1;
  // ok: taint.js-key-sink
  registry[value][group] = source();
}

// an inline callback of an iteration method receives the receiver's elements
function elements(rows) {
  const tainted = source();
  // ruleid: taint.js-flow
  tainted.forEach((row) => sink(row));
  tainted.reduce((acc, item) => {
    // ruleid: taint.js-flow
    sink(item);
    return acc;
  }, []);
  // ok: taint.js-flow
  rows.forEach((row) => sink(row));
  // ok: taint.js-flow
  tainted.forEach(() => sink('constant'));
}

// map, flatMap, then and reduce return what their callback returns
function mapped() {
  const tainted = source();
  // ruleid: taint.js-flow
  sink(tainted.map((x) => `<li>${x}</li>`));
  // ok: taint.js-flow
  sink(tainted.map((x) => clean(x)).join(''));
  // ok: taint.js-flow
  sink(tainted.then(() => 'done'));
  // ruleid: taint.js-flow
  sink(tainted.filter((x) => x.ok));
}
