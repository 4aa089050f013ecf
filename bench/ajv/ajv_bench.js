// ajv as a further baseline: JSON.parse of the body text, then a compiled ajv validator (first error stops it,
// ajv's fastest mode), on the same inputs and schema as reqprobe_bench. Prints Google Benchmark-shaped JSON
// (median aggregates) so bench/compare merges it with the C++ results.
//
//   node ajv_bench.js --data=DIR --schema=FILE [--repetitions=10] [--min-time=0.1]
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

function option(name, fallback) {
  const prefix = `--${name}=`;
  const arg = process.argv.find((a) => a.startsWith(prefix));
  return arg === undefined ? fallback : arg.slice(prefix.length);
}

const dataDir = option('data', path.join(__dirname, '..', 'data'));
const schemaFile = option('schema');
const repetitions = Number(option('repetitions', '10'));
const minTimeNs = BigInt(Math.round(Number(option('min-time', '0.1')) * 1e9));
if (!schemaFile) {
  console.error('ajv_bench: --schema=FILE is required (reqprobe_bench --write-schema=FILE writes it)');
  process.exit(2);
}

// strict: false because the exported schema is meant for draft-04 readers too (properties without "type" inside
// anyOf branches, which ajv's strict mode only warns about).
const ajv = new Ajv({ strict: false, allErrors: false, logger: false });
const hssValidate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
// Inputs of the real-world suite name their own draft-07 schema (bench/data/cases.json "schema"). ajv without the
// ajv-formats plugin ignores "format" (reqprobe asserts uuid, date-time and email on the same inputs).
const bySchema = new Map();
function validatorFor(c) {
  if (!c.schema) return hssValidate;
  if (!bySchema.has(c.schema)) {
    bySchema.set(c.schema, ajv.compile(JSON.parse(fs.readFileSync(path.join(dataDir, c.schema), 'utf8'))));
  }
  return bySchema.get(c.schema);
}
let validate = hssValidate;

function accepts(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return false;
  }
  return validate(value);
}

// Runs accepts(text) in batches until minTimeNs has passed; returns [wall ns, process CPU ns] per call. Node's CPU
// time counts every thread of the process (garbage collector, JIT compiler), so the wall time of the main thread is
// what is reported as ajv's time (compare with the C++ CPU times on an otherwise idle machine).
function measure(text) {
  let iterations = 0;
  let batch = 1;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  let sink = 0;
  while (elapsed < minTimeNs) {
    for (let i = 0; i < batch; ++i) sink += accepts(text) ? 1 : 0;
    iterations += batch;
    batch *= 2;
    elapsed = process.hrtime.bigint() - start;
  }
  const cpu = process.cpuUsage(cpuStart);
  if (sink < 0) console.error(sink);  // keeps the calls observable
  return [Number(elapsed) / iterations, ((cpu.user + cpu.system) * 1000) / iterations];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const cases = JSON.parse(fs.readFileSync(path.join(dataDir, 'cases.json'), 'utf8')).cases;
const benchmarks = [];
let disagreements = 0;
for (const c of cases) {
  if (c.role === 'scaling') continue;
  validate = validatorFor(c);
  const bytes = fs.readFileSync(path.join(dataDir, c.dir, 'body.json'));
  const text = bytes.toString('utf8');
  if (accepts(text) !== c.valid) {
    console.error(`ajv_bench: ${c.name}: ajv says ${c.valid ? 'invalid' : 'valid'}, expected the opposite`);
    ++disagreements;
    continue;
  }
  measure(text);  // warm-up: lets V8 optimise the parse and validate paths
  const wall = [];
  const cpu = [];
  for (let r = 0; r < repetitions; ++r) {
    const [w, c2] = measure(text);
    wall.push(w);
    cpu.push(c2);
  }
  const wallNs = median(wall);
  benchmarks.push({
    name: `BM_Ajv_${c.name}_median`,
    run_name: `BM_Ajv_${c.name}`,
    run_type: 'aggregate',
    aggregate_name: 'median',
    repetitions,
    real_time: wallNs,
    cpu_time: wallNs,
    process_cpu_time: median(cpu),
    time_unit: 'ns',
    bytes_per_second: (bytes.length * 1e9) / wallNs,
    'requests/s': 1e9 / wallNs,
    'allocs/req': -1,
  });
}
if (disagreements) process.exit(2);
process.stdout.write(JSON.stringify({ context: { ajv: require('ajv/package.json').version, node: process.version }, benchmarks }, null, 1) + '\n');
