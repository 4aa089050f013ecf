// An independent implementation of the OAI example "petstore-expanded" (tests/data/openapi/oai-examples), written
// for the tests with node's http module and no framework, so that `reqprobe probe` is measured against a server
// reqprobe did not generate: with no flags it implements the document strictly (0 findings expected); each
// `--bug NAME` seeds one defect that probe must find. Its error bodies are its own ({code, message}, the document's
// Error schema), not reqprobe's.
//
//   node petstore_expanded.js [--bug NAME]...     prints "listening PORT" on stdout (an ephemeral loopback port)
'use strict';

const http = require('http');

const BUGS = new Set();
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--bug' && i + 1 < process.argv.length) BUGS.add(process.argv[++i]);
}
const KNOWN = ['json-parse', 'any-content-type', 'crash-on-wrong-type', 'no-id-in-pet', 'text-plain-responses',
               'reject-unknown-query', 'ignore-missing-name', 'path-ignores-case', 'problem-json-errors'];
for (const bug of BUGS) {
  if (!KNOWN.includes(bug)) {
    process.stderr.write(`unknown bug ${bug}; known: ${KNOWN.join(', ')}\n`);
    process.exit(2);
  }
}

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// ---- strict JSON (RFC 8259), with what JSON.parse lets through refused: repeated member names (after unescaping),
// unpaired surrogate escapes. Nesting is bounded so a hostile body cannot exhaust the stack.
const MAX_DEPTH = 512;

function parseStrictJson(text) {
  let i = 0;
  const fail = (why) => {
    throw new HttpError(400, `body is not JSON: ${why} at offset ${i}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const value = (depth) => {
    if (depth > MAX_DEPTH) throw new HttpError(400, 'body nests too deep');
    ws();
    const c = text[i];
    if (c === '{') return object(depth);
    if (c === '[') return array(depth);
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return fail('unexpected character');
  };
  const object = (depth) => {
    i++;
    const out = new Map();
    ws();
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      ws();
      if (text[i] !== '"') fail('a member name must be a string');
      const name = string();
      if (out.has(name)) fail(`member "${name}" repeated`);
      ws();
      if (text[i] !== ':') fail("':' expected");
      i++;
      out.set(name, value(depth + 1));
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return out;
      }
      fail("',' or '}' expected");
    }
  };
  const array = (depth) => {
    i++;
    const out = [];
    ws();
    if (text[i] === ']') {
      i++;
      return out;
    }
    for (;;) {
      out.push(value(depth + 1));
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return out;
      }
      fail("',' or ']' expected");
    }
  };
  const string = () => {
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text[i];
      const code = text.charCodeAt(i);
      if (c === '"') {
        i++;
        return out;
      }
      if (code < 0x20) fail('raw control character in a string');
      if (code >= 0xd800 && code <= 0xdfff) {  // decoded UTF-8 holds only pairs; kept as they are
        out += c;
        i++;
        continue;
      }
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const e = text[i + 1];
      i += 2;
      const simple = {'"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t'};
      if (e in simple) {
        out += simple[e];
        continue;
      }
      if (e !== 'u') fail('bad escape');
      const unit = () => {
        const hex = text.substr(i, 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
        i += 4;
        return parseInt(hex, 16);
      };
      const u = unit();
      if (u >= 0xdc00 && u <= 0xdfff) fail('a low surrogate without a high one');
      if (u >= 0xd800 && u <= 0xdbff) {
        if (text[i] !== '\\' || text[i + 1] !== 'u') fail('a high surrogate without a low one');
        i += 2;
        const low = unit();
        if (low < 0xdc00 || low > 0xdfff) fail('a high surrogate without a low one');
        out += String.fromCharCode(u, low);
        continue;
      }
      out += String.fromCharCode(u);
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 1100));
    if (!m) fail('bad number');
    i += m[0].length;
    return {number: m[0]};
  };
  const root = value(0);
  ws();
  if (i !== text.length) fail('text after the value');
  return root;
}

// JSON.parse's reading, for the json-parse bug: the same shapes (Map for objects), repeats and lone surrogates let
// through.
function lenientJson(text) {
  const convert = (v) => {
    if (Array.isArray(v)) return v.map(convert);
    if (v !== null && typeof v === 'object') return new Map(Object.entries(v).map(([k, x]) => [k, convert(x)]));
    if (typeof v === 'number') return {number: String(v)};
    return v;
  };
  try {
    return convert(JSON.parse(text));
  } catch (e) {
    throw new HttpError(400, `body is not JSON: ${e.message}`);
  }
}

// ---- request-target
const INT32 = [-(2n ** 31n), 2n ** 31n - 1n];
const INT64 = [-(2n ** 63n), 2n ** 63n - 1n];

function decodeComponent(raw, what) {
  if (/%(?![0-9a-fA-F]{2})/.test(raw)) throw new HttpError(400, `malformed percent-encoding in ${what}`);
  const bytes = [];
  for (let k = 0; k < raw.length; k++) {
    if (raw[k] === '%') {
      bytes.push(parseInt(raw.substr(k + 1, 2), 16));
      k += 2;
    } else {
      bytes.push(...Buffer.from(raw[k], 'latin1'));
    }
  }
  try {
    return new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(Buffer.from(bytes));
  } catch (e) {
    throw new HttpError(400, `${what} is not UTF-8 once decoded`);
  }
}

function integerParameter(text, range, name) {
  if (!/^-?(0|[1-9][0-9]*)$/.test(text)) throw new HttpError(400, `${name} must be an integer`);
  const n = BigInt(text);
  if (n < range[0] || n > range[1]) throw new HttpError(400, `${name} is out of range`);
  return n;
}

function parseTarget(target) {
  if (/[^\x21-\x7e]/.test(target)) throw new HttpError(400, 'a request-target byte must be percent-encoded');
  if (target.includes('#')) throw new HttpError(400, 'a request-target has no fragment');
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q + 1);
  const segments = path.split('/').slice(1).map((s) => decodeComponent(s, 'the path'));
  if (segments.some((s) => s === '.' || s === '..')) throw new HttpError(400, 'dot segments are not routed');
  const pairs = [];
  for (const item of query.split('&')) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    const name = decodeComponent(eq < 0 ? item : item.slice(0, eq), 'a query name');
    const value = decodeComponent(eq < 0 ? '' : item.slice(eq + 1), 'a query value');
    pairs.push([name, value]);
  }
  return {segments, pairs};
}

// ---- the pets
const pets = new Map();  // id (BigInt) -> {name, tag}
let nextId = 1n;

function petJson(id, pet) {
  const members = [];
  if (!BUGS.has('no-id-in-pet')) members.push(`"id":${id}`);
  members.push(`"name":${JSON.stringify(pet.name)}`);
  if (pet.tag !== undefined) members.push(`"tag":${JSON.stringify(pet.tag)}`);
  return `{${members.join(',')}}`;
}

function findPets(pairs) {
  const tags = [];
  let limit = null;
  for (const [name, value] of pairs) {
    if (name === 'tags') {
      tags.push(value);
    } else if (name === 'limit') {
      if (limit !== null) throw new HttpError(400, 'limit repeated');
      limit = integerParameter(value, INT32, 'limit');
    } else if (BUGS.has('reject-unknown-query')) {
      throw new HttpError(400, `unknown query parameter ${name}`);
    }
  }
  let found = [...pets.entries()].filter(([, pet]) => tags.length === 0 || tags.includes(pet.tag));
  if (limit !== null) found = found.slice(0, limit < 0n ? 0 : Number(limit));
  return [200, `[${found.map(([id, pet]) => petJson(id, pet)).join(',')}]`];
}

function mediaTypeIsJson(value) {
  if (value === undefined) return false;
  const [type, ...parameters] = value.split(';').map((s) => s.trim());
  if (type.toLowerCase() !== 'application/json') return false;
  return parameters.every((p) => {
    const [k, v] = p.split('=').map((s) => s.trim());
    return k.toLowerCase() === 'charset' && (v || '').replace(/^"(.*)"$/, '$1').toLowerCase() === 'utf-8';
  }) && parameters.length <= 1;
}

function addPet(headers, body) {
  if (body.length === 0) throw new HttpError(400, 'a pet is required');
  if (!BUGS.has('any-content-type') && !mediaTypeIsJson(headers['content-type']))
    throw new HttpError(415, 'the body must be application/json');
  let text;
  try {
    text = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(body);
  } catch (e) {
    throw new HttpError(400, 'the body is not UTF-8');
  }
  const pet = BUGS.has('json-parse') ? lenientJson(text) : parseStrictJson(text);
  if (!(pet instanceof Map)) throw new HttpError(400, 'a pet is an object');
  const name = pet.get('name');
  const tag = pet.get('tag');
  if (BUGS.has('crash-on-wrong-type') && name !== undefined) name.toUpperCase();  // throws when not a string
  if (name === undefined && !BUGS.has('ignore-missing-name')) throw new HttpError(400, 'name is required');
  if (name !== undefined && typeof name !== 'string') throw new HttpError(400, 'name must be a string');
  if (tag !== undefined && typeof tag !== 'string') throw new HttpError(400, 'tag must be a string');
  const id = nextId++;
  if (pets.size < 1000) pets.set(id, {name: name === undefined ? '' : name, tag});
  return [200, petJson(id, {name: name === undefined ? '' : name, tag})];
}

function route(method, target, headers, body) {
  const {segments, pairs} = parseTarget(target);
  const lower = (s) => (BUGS.has('path-ignores-case') ? s.toLowerCase() : s);
  if (segments[0] !== 'v2' || lower(segments[1] || '') !== 'pets') throw new HttpError(404, 'no such path');
  const hasBody = body.length > 0;
  if (segments.length === 2) {
    if (method === 'GET') {
      if (hasBody) throw new HttpError(400, 'GET takes no body');
      return findPets(pairs.filter(([name]) => name === 'tags' || name === 'limit' || BUGS.has('reject-unknown-query')));
    }
    if (method === 'POST') return addPet(headers, body);
    throw new HttpError(405, 'GET or POST');
  }
  if (segments.length !== 3) throw new HttpError(404, 'no such path');
  const id = integerParameter(segments[2], INT64, 'id');
  if (hasBody) throw new HttpError(400, `${method} takes no body`);
  if (method === 'GET') return [200, petJson(id, pets.get(id) || {name: `pet-${id}`})];  // every id has a pet
  if (method === 'DELETE') {
    pets.delete(id);
    return [204, ''];
  }
  throw new HttpError(405, 'GET or DELETE');
}

const server = http.createServer({maxHeaderSize: 1 << 20}, (req, res) => {
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size <= 64 << 20) chunks.push(chunk);
  });
  req.on('end', () => {
    let status, body;
    try {
      if (size > 64 << 20) throw new HttpError(413, 'body too large');
      const contentTypes = req.rawHeaders.filter((v, k) => k % 2 === 0 && v.toLowerCase() === 'content-type');
      if (contentTypes.length > 1) throw new HttpError(400, 'Content-Type repeated');
      [status, body] = route(req.method, req.url, req.headers, Buffer.concat(chunks));
    } catch (e) {
      status = e instanceof HttpError ? e.status : 500;
      const message = e instanceof HttpError ? e.message : 'internal error';
      body = BUGS.has('problem-json-errors') ? JSON.stringify({type: 'about:blank', status, detail: message})
                                              : JSON.stringify({code: status, message});
    }
    let type = BUGS.has('text-plain-responses') ? 'text/plain' : 'application/json';
    if (BUGS.has('problem-json-errors') && status >= 400) type = 'application/problem+json';
    res.writeHead(status, body === '' ? {} : {'Content-Type': type, 'Content-Length': Buffer.byteLength(body)});
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
