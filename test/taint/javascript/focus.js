// A focused sink argument that is itself a call is judged by its own value.
function direct() {
  // ruleid: taint.js-focused-sink
  sink('a', source());
  // ok: taint.js-focused-sink
  sink(source(), 'b');
}

function sanitizedCall() {
  const v = source();
  // ok: taint.js-focused-sink
  sink('a', clean(v));
  // ruleid: taint.js-focused-sink
  sink('a', wrapIt(v));
}
