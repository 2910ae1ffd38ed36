// Helpers that see request data.
function trimTrailing(input) {
  // ruleid: javascript.regex-redos-polynomial
  return input.replace(/\s+$/, '');
}

function parseHeaderList(header) {
  // ruleid: javascript.regex-redos-polynomial
  return header.split(/\s*,\s*,*\s*/);
}

// ruleid: javascript.regex-redos-polynomial
const KEY_VALUE = new RegExp('^(.*)=(.*)=(.*)$');

function extractQuoted(text) {
  // ruleid: javascript.regex-redos-polynomial
  const m = /".*".*"/.exec(text);
  return m && m[0];
}

// Linear alternatives.
function trimSafe(input) {
  // ok: javascript.regex-redos-polynomial
  return input.trimEnd();
}

function parseHeaderListSafe(header) {
  // ok: javascript.regex-redos-polynomial
  return header.split(',').map((s) => s.trim()).filter(Boolean);
}

// ok: javascript.regex-redos-polynomial
const KEY_VALUE_SAFE = /^([^=]*)=([^=]*)$/;
// ok: javascript.regex-redos-polynomial
const HEX = /^[0-9a-f]+$/i;

module.exports = { trimTrailing, parseHeaderList, KEY_VALUE, extractQuoted, trimSafe, parseHeaderListSafe, KEY_VALUE_SAFE, HEX };
