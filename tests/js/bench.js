// Not a test: time the client's query path over an index on disk and count
// the bytes it reads, the way a browser would fetch them (cold cache per query).
//   HIREBOARD_SEARCH_BENCH=/tmp/search-bench cargo test --release --lib \
//     render::search::tests::bench -- --ignored
//   node tests/js/bench.js /tmp/search-bench/100000
// or over a built site (bench/gen_corpus.py, then hireboard build):
//   node tests/js/bench.js <output folder>
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");
const { createSearch } = require("../../themes/default/static/search.js");

const dir = path.join(process.argv[2] || "/tmp/search-bench/100000", "search");
const queries = [
  ["rust", {}], ["engineer", {}], ["senior backend engineer", {}], ["python berlin", {}],
  ["kubern", {}], ["dévelop", {}], ["c++", {}], ["data eng", { remote: "remote" }],
  ["", { tag: "rust", salary: 150000, base: "USD" }], ["", { remote: "hybrid", type: "contract" }],
  // Typos: within a shard, and in the first letters (through tails/).
  ["pyhton", {}], ["kubernets", {}], ["ngineer", {}], ["senior enginer", {}],
];

async function run(text, filters, full) {
  let raw = 0, gzipped = 0;
  const files = [];
  const search = createSearch((file) => {
    const bytes = fs.readFileSync(path.join(dir, file));
    raw += bytes.length;
    gzipped += zlib.gzipSync(bytes).length;
    files.push(file);
    return JSON.parse(bytes);
  });
  const started = process.hrtime.bigint();
  const r = await search.query(text, filters, { limit: 10, full });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, raw, gzipped, files: files.length, hits: r.hits.length, total: r.total, partial: r.partial };
}

(async () => {
  for (const [text, filters] of queries) {
    const first = await run(text, filters, false);
    const exact = first.partial ? await run(text, filters, true) : null;
    const kb = (n) => (n / 1024).toFixed(1);
    console.log(
      `${JSON.stringify(text).padEnd(27)} ${JSON.stringify(filters).padEnd(34)} first: ${first.ms.toFixed(1)} ms, ` +
      `${kb(first.raw)} KB (${kb(first.gzipped)} KB gzip), ${first.files} files, ${first.hits} hits` +
      (exact ? ` | exact: ${exact.ms.toFixed(1)} ms, ${kb(exact.raw)} KB (${kb(exact.gzipped)} gzip), total ${exact.total}` : `, total ${first.total}`),
    );
  }
})();
