// The search client against tests/js/fixture (an index written by the Rust
// test `render::search::tests::js_fixture_is_current`), compared with a
// brute-force search over the same postings. Run: node --test tests/js/
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const test = require("node:test");
const assert = require("node:assert/strict");
const { tokenize, createSearch, oneEdit } = require("../../themes/default/static/search.js");

const dir = path.join(__dirname, "fixture");
const read = (file) => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
const meta = read("search/meta.json");
const postings = read("postings.json");

// A fresh client that records what it fetches.
function client() {
  const fetched = [];
  const search = createSearch((file) => {
    fetched.push(file);
    return read("search/" + file);
  });
  return { search, fetched };
}

// The reference: every posting's terms with field bits, as the index has them.
const docs = postings.map((p) => {
  const bits = new Map();
  [p.title, p.company || "", p.tags.join(" "), p.location.join("; "), p.summary].forEach((text, field) => {
    for (const t of tokenize(text, meta)) bits.set(t, (bits.get(t) || 0) | (1 << field));
  });
  return { p, bits };
});
const df = new Map();
for (const d of docs) for (const t of d.bits.keys()) df.set(t, (df.get(t) || 0) + 1);
const weight = (b) => meta.weights.reduce((sum, w, f) => sum + (b & (1 << f) ? w : 0), 0);
const yearly = { hour: 2080, day: 260, week: 52, month: 12, year: 1 };

const byCount = (a, b) => df.get(b) - df.get(a) || (a < b ? -1 : 1);
// The yearly salary of a posting in the site's currency, or null without a rate.
function paysAtLeast(p, f) {
  const s = p.salary;
  if (!s) return false;
  const yearlyMax = s.max * yearly[s.period], currency = f.currency || f.base;
  if (s.currency === currency) return yearlyMax >= f.salary;
  const inBase = (code, x) => (code === f.base ? x : f.rates && f.rates[code] ? x * f.rates[code] : null);
  const a = inBase(s.currency, yearlyMax), b = inBase(currency, f.salary);
  return a !== null && b !== null && a >= b;
}

function bruteForce(text, f = {}) {
  const words = [...new Set(tokenize(text, meta))];
  if (!words.length && !["company", "tag", "remote", "type", "salary"].some((k) => f[k])) return [];
  const typing = /[\p{Alphabetic}\p{N}]$/u.test(text);
  const expansions = words.map((w, k) => {
    const factors = new Map(df.has(w) ? [[w, 1]] : []);
    if ((typing && k === words.length - 1 && w.length >= meta.prefix) || w.length >= 5) {
      const completions = [...df.keys()].filter((t) => t !== w && t.startsWith(w)).sort(byCount);
      completions.slice(0, 8 - factors.size).forEach((t) => factors.set(t, 1 / 2));
    }
    if (w.length >= 5) {
      const typos = [...df.keys()].filter((t) => t !== w && !factors.has(t) && oneEdit(w, t)).sort(byCount);
      typos.slice(0, 4).forEach((t) => factors.set(t, 1 / 24));
    }
    const idf = Math.log(1 + meta.count / Math.max(...[...factors.keys()].map((t) => df.get(t))));
    return new Map([...factors].map(([t, factor]) => [t, idf * factor]));
  });
  const hits = [];
  for (const { p, bits } of docs) {
    let score = 0;
    const ok = expansions.every((terms) => {
      const found = [...terms].filter(([t]) => bits.has(t));
      score += Math.max(0, ...found.map(([t, factor]) => weight(bits.get(t)) * factor));
      return found.length > 0;
    });
    if (ok && (!f.company || p.company_slug === f.company) && (!f.tag || p.tags.includes(f.tag)) &&
      (!f.remote || p.remote === f.remote) && (!f.type || p.employment_type === f.type) &&
      (!f.salary || paysAtLeast(p, f))) hits.push({ p, score });
  }
  // Ties: newest first; within a minute, by slug (as ids are assigned).
  const minute = (p) => (p.date ? Math.floor(Date.parse(p.date) / 60000) : 0);
  hits.sort((a, b) => b.score - a.score || minute(b.p) - minute(a.p) || (a.p.slug < b.p.slug ? -1 : 1));
  return hits.map((h) => `jobs/${h.p.slug}/`);
}

test("the tokenizer agrees with the Rust one", () => {
  for (const [text, terms] of read("tokens.json")) assert.deepEqual(tokenize(text, meta), terms, text);
});

test("whole-list results equal a brute-force search, in rank order", async () => {
  const { search } = client();
  const queries = ["engineer", "senior engineer", "rust", "Zürich", "ZURICH", "python berlin", "data eng", "c++ developpeur",
    "node.js", ".net", "remote us", "code review", "the", "nonexistentword", "fr", "e"];
  for (const q of queries) {
    const r = await search.query(q, {}, { limit: 1000, full: true });
    const expected = bruteForce(q);
    assert.deepEqual(r.hits.map((h) => h.url), expected, q);
    assert.equal(r.total, q.trim() && tokenize(q, meta).length ? expected.length : 0, q);
    assert.equal(r.partial, false);
  }
});

test("common words first come from their best entries, without lists/", async () => {
  const { search, fetched } = client();
  const word = [...df.keys()].sort((a, b) => df.get(b) - df.get(a))[0];
  assert.ok(df.get(word) > meta.big, "the fixture has a common word");
  const quick = await search.query(word, {}, { limit: 5 });
  assert.equal(quick.partial, true);
  assert.ok(!fetched.some((f) => f.startsWith("lists/")), fetched.join());
  assert.deepEqual(quick.hits.map((h) => h.url), bruteForce(word).slice(0, 5), "the best entries hold the top hits");
  const exact = await search.query(word, {}, { limit: 5, full: true });
  assert.ok(fetched.some((f) => f.startsWith(`lists/${word}/`)));
  assert.equal(exact.total, df.get(word));
});

test("several common words first load their lists only as far as a page of matches needs", async () => {
  const common = [...df.keys()].filter((t) => df.get(t) > meta.big).sort(byCount);
  assert.ok(common.length >= 2, "the fixture has two common words");
  const [a, b] = common;
  const { search, fetched } = client();
  const first = await search.query(`${a} ${b} `, {}, { limit: 5 });
  const all = bruteForce(`${a} ${b} `);
  assert.equal(first.hits.length, Math.min(5, all.length));
  assert.ok(first.hits.every((h) => all.includes(h.url)), "only true matches");
  // The newest matches, not all of the lists.
  const pages = fetched.filter((f) => f.startsWith("lists/")).length;
  const exact = client();
  const whole = await exact.search.query(`${a} ${b} `, {}, { limit: 5, full: true });
  const allPages = exact.fetched.filter((f) => f.startsWith("lists/")).length;
  assert.ok(pages < allPages, `${pages} of ${allPages} pages`);
  assert.deepEqual(whole.hits.map((h) => h.url), all.slice(0, 5));
  assert.equal(whole.total, all.length);
});

test("facets filter like the brute force does", async () => {
  const { search } = client();
  const some = postings.find((p) => p.company_slug && p.tags.length && p.salary);
  const cases = [
    ["", { company: some.company_slug }],
    ["", { tag: some.tags[0] }],
    ["engineer", { remote: "remote" }],
    ["", { remote: "hybrid", type: "contract" }],
    ["", { salary: 150000, base: "USD" }],
    ["senior", { tag: some.tags[0], salary: 90000, base: "USD" }],
    ["", { company: "no-such-company" }],
  ];
  for (const [q, f] of cases) {
    const r = await search.query(q, f, { limit: 1000, full: true });
    assert.deepEqual(r.hits.map((h) => h.url), bruteForce(q, f), JSON.stringify([q, f]));
  }
  const page = await search.query("", { remote: "remote" }, { limit: 3 });
  assert.equal(page.hits.length, 3);
  assert.equal(page.more, true);
  assert.equal(page.total, bruteForce("", { remote: "remote" }).length);
  const paid = await search.query("", { salary: 100000, base: "USD" }, { limit: 3 });
  assert.deepEqual(paid.hits.map((h) => h.url), bruteForce("", { salary: 100000, base: "USD" }).slice(0, 3));
  assert.equal(paid.total, null, "salaries are checked on records: no count");
});

test("one edit finds a word of 5 or more letters, ranked below exact hits", async () => {
  const { search } = client();
  for (const [typo, word] of [["pyhton", "python"], ["kubernets", "kubernetes"], ["ngineer", "engineer"],
    ["negineer", "engineer"], ["eengineer", "engineer"], ["ebgineer", "engineer"], ["pythom", "python"]]) {
    const r = await search.query(typo + " ", {}, { limit: 1000, full: true });
    assert.ok(r.hits.length > 0, typo);
    assert.deepEqual(r.hits.map((h) => h.url), bruteForce(typo + " "), typo);
    const exact = bruteForce(word + " ");
    assert.ok(r.hits.every((h) => exact.includes(h.url)), `${typo} finds postings with ${word}`);
  }
  // Four letters are too few to guess at.
  assert.equal((await search.query("rsut ", {}, { full: true })).hits.length, 0);
  // An exact hit outranks every typo: "senior" also reaches "senor"-like terms.
  const mixed = await search.query("engineers ", {}, { limit: 1000, full: true });
  assert.deepEqual(mixed.hits.map((h) => h.url), bruteForce("engineers "));
});

test("a typo in the first letters is found through the tail files", async () => {
  const { search, fetched } = client();
  await search.query("ngineer", {}, { full: true });
  assert.ok(fetched.some((f) => f.startsWith("tails/")), fetched.join());
  assert.ok(fetched.includes("terms/en.json"), "the term's own shard: " + fetched.join());
  assert.ok(oneEdit("python", "pyhton") && oneEdit("python", "pythn") && oneEdit("pyton", "python"));
  assert.ok(!oneEdit("python", "ptyhno") && !oneEdit("python", "pyth") && !oneEdit("abcd", "badc"));
});

test("the salary filter compares yearly figures in one currency, or through rates", async () => {
  const { search } = client();
  const periods = new Set(postings.filter((p) => p.salary).map((p) => p.salary.period));
  assert.ok(periods.has("hour") && periods.has("month"), "the fixture pays by the hour and month too");
  const cases = [
    { salary: 100000, base: "USD" },
    { salary: 100000, currency: "EUR", base: "USD" },
    { salary: 90000, currency: "GBP", base: "USD" },
    { salary: 100000, base: "USD", rates: { EUR: 1.08, GBP: 1.27 } },
    { salary: 80000, currency: "EUR", base: "USD", rates: { EUR: 1.08 } },
  ];
  for (const f of cases) {
    const r = await search.query("", f, { limit: 1000, full: true });
    const expected = bruteForce("", f);
    assert.ok(expected.length > 0, JSON.stringify(f));
    assert.deepEqual(r.hits.map((h) => h.url), expected, JSON.stringify(f));
  }
  // Candidates come from the salary bands that can reach the minimum.
  const banded = client();
  await banded.search.query("", { salary: 150000, base: "USD" }, { limit: 3 });
  assert.ok(banded.fetched.includes("facets/salary/usd-150000.json"), banded.fetched.join());
  assert.ok(!banded.fetched.some((f) => /salary\/usd-(0|25000|50000|75000|100000|125000)\.json/.test(f)), banded.fetched.join());
  // Within one currency, no other currency's posting passes.
  const eur = await search.query("", { salary: 1, currency: "EUR", base: "USD" }, { limit: 1000 });
  assert.ok(eur.hits.every((h) => h.salary[2] === "EUR"));
  // An hourly wage counts as 2080 hours a year.
  const hourly = postings.find((p) => p.salary && p.salary.period === "hour");
  const at = hourly.salary.max * 2080;
  const f = { company: hourly.company_slug, currency: hourly.salary.currency, base: "USD" };
  const urls = async (salary) => (await search.query("", { ...f, salary }, { limit: 1000 })).hits.map((h) => h.url);
  assert.ok((await urls(at)).includes(`jobs/${hourly.slug}/`));
  assert.ok(!(await urls(at + 1)).includes(`jobs/${hourly.slug}/`));
});

test("records carry what a result card shows", async () => {
  const { search } = client();
  const p = postings.find((x) => x.salary && x.remote);
  const r = await search.query(p.title, { company: p.company_slug }, { limit: 100, full: true });
  const hit = r.hits.find((h) => h.url === `jobs/${p.slug}/`);
  assert.ok(hit, p.slug);
  assert.equal(hit.title, p.title);
  assert.equal(hit.company, p.company);
  assert.equal(hit.remote, p.remote);
  assert.equal(hit.type, p.employment_type);
  assert.deepEqual(hit.salary, [p.salary.min, p.salary.max, p.salary.currency, p.salary.period, p.salary.max * yearly[p.salary.period]]);
  assert.equal(hit.company_slug, p.company_slug);
  assert.deepEqual(hit.tags, p.tags);
  assert.equal(hit.location, p.location.join("; "));
});

test("nothing to search, nothing fetched but meta", async () => {
  const { search, fetched } = client();
  assert.deepEqual((await search.query("", {})).hits, []);
  assert.deepEqual((await search.query("the and", {})).hits, []);
  assert.deepEqual(fetched, ["meta.json"]);
});
