/* hireboard search: the browser side of the index under search/ (format:
   src/render/search/mod.rs). Fetches meta.json, then only the term shards
   and record chunks a query needs. The form of partials/search.html stays
   hidden unless this script runs. Posting text is untrusted: textContent only. */
(function () {
  "use strict";

  var DIGIT = {};
  "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_".split("").forEach(function (c, i) { DIGIT[c] = i; });

  // codec.rs: 5 bits a character, least significant first, >= 32 continues.
  function numbers(text) {
    var out = [], value = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var d = DIGIT[text[i]];
      value += (d & 31) * scale;
      scale *= 32;
      if (d < 32) { out.push(value); value = 0; scale = 1; }
    }
    return out;
  }
  // Ids from a deltas string: sign -1 for newest first, +1 for ascending.
  function deltas(text, sign) {
    var id = 0;
    return numbers(text).map(function (v, k) { return (id = k ? id + sign * v : v); });
  }
  // A posting list: [[id, field bits]], newest first.
  function postingList(text) {
    var id = 0;
    return numbers(text).map(function (v, k) {
      var d = Math.floor(v / 32);
      id = k ? id - d : d;
      return [id, v % 32];
    });
  }

  // tokenize.rs, rule by rule.
  var ALNUM = /[\p{Alphabetic}\p{N}]/u, MARK = /\p{M}/u, WORD = /[a-z0-9]/;
  function fold(text, table) {
    var out = "";
    for (var c of text) {
      if (c < "\x80") out += c.toLowerCase();
      else if (!ALNUM.test(c)) out += " ";
      else if (table[c] !== undefined) out += table[c];
      else for (var d of c.normalize("NFKD")) out += d < "\x80" ? d.toLowerCase() : MARK.test(d) ? "" : " ";
    }
    return out;
  }
  function split(s, emit) {
    var an = function (i) { return i < s.length && WORD.test(s[i]); };
    for (var i = 0; i < s.length;) {
      var start;
      if (an(i)) {
        var parts = [];
        for (;;) {
          start = i;
          while (an(i)) i++;
          parts.push(s.slice(start, i));
          if (s[i] === "." && an(i + 1)) i++; else break;
        }
        if (parts.length > 1) { emit(parts.join("")); parts.forEach(function (p) { emit(p); }); }
        else if (s.startsWith("++", i) && !an(i + 2)) { emit(parts[0] + "pp"); i += 2; }
        else if (s[i] === "#" && !an(i + 1)) { emit(parts[0] + "sharp"); i++; }
        else emit(parts[0]);
      } else if (s[i] === "." && an(i + 1)) {
        start = ++i;
        while (an(i)) i++;
        emit("dot" + s.slice(start, i));
      } else i++;
    }
  }
  function tokenize(text, meta) {
    var terms = [];
    split(fold(text, meta.fold), function (t) {
      if (t.length <= meta.max_term && meta.stopwords.indexOf(t) < 0) terms.push(t);
    });
    return terms;
  }

  var EXPANSIONS = 8; // most common completions of a word being typed
  var YEAR = { hour: 2080, day: 260, week: 52, month: 12, year: 1 };
  var FIELDS = ["id", "title", "company", "url", "location", "remote", "type", "salary", "tags", "date", "summary"];

  // `load(path)` returns (a promise of) the parsed JSON of search/<path>.
  function createSearch(load) {
    var cache = new Map();
    function memo(key, make) {
      if (!cache.has(key)) cache.set(key, Promise.resolve(key).then(make));
      return cache.get(key);
    }
    function get(path, then) {
      return memo(path, function () { return Promise.resolve(load(path)).then(then); });
    }
    function chunk(start) {
      return get("records/" + start + ".json", function (rs) { return new Map(rs.map(function (r) { return [r[0], r]; })); });
    }
    var meta = get("meta.json", function (m) {
      m.shardSet = new Set(m.shards);
      m.starts = deltas(m.chunks, 1);
      return m;
    });

    // id -> best score of one query word (over its completions when typed).
    async function wordScores(m, word, typing, full) {
      var shard = word.slice(0, m.prefix), scores = new Map(), partial = false;
      if (!m.shardSet.has(shard)) return { scores: scores, partial: false };
      var data = await get("terms/" + shard + ".json");
      var terms = typing && word.length >= m.prefix
        ? Object.keys(data).filter(function (t) { return t.startsWith(word); })
        : data[word] ? [word] : [];
      terms = terms.sort(function (a, b) { return (b === word) - (a === word) || data[b][0] - data[a][0]; }).slice(0, EXPANSIONS);
      // One idf for the word (of its most common term, about the union's),
      // and completions count half: "engineer" ranks Engineer before Engineering.
      var idf = Math.log(1 + m.count / Math.max.apply(null, terms.map(function (t) { return data[t][0]; })));
      await Promise.all(terms.map(async function (t) {
        var n = data[t][0], whole = n <= m.big, factor = t === word ? idf : idf / 2;
        partial = partial || (!whole && !full);
        var list = whole || !full
          ? await memo("terms/" + shard + ".json#" + t, function () { return postingList(data[t][1]); })
          : await get("lists/" + t + ".json", postingList);
        list.forEach(function (e) {
          var w = 0;
          for (var f = 0; f < m.weights.length; f++) if (e[1] & (1 << f)) w += m.weights[f];
          scores.set(e[0], Math.max(scores.get(e[0]) || 0, w * factor));
        });
      }));
      return { scores: scores, partial: partial };
    }

    async function record(m, id) {
      var lo = 0, hi = m.starts.length - 1;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (m.starts[mid] <= id) lo = mid; else hi = mid - 1; }
      return (await chunk(m.starts[lo])).get(id);
    }

    // filters: {company, tag (slugs), remote, type, salary (yearly minimum)}.
    // options: {limit = 10, full: load whole lists of common words (exact
    // ranking) instead of their best entries (fast first results)}.
    // Returns {hits: [record objects], total (null when unknown), more, partial}.
    async function query(text, filters, options) {
      var m = await meta, f = filters || {}, limit = (options && options.limit) || 10, full = !!(options && options.full);
      var words = Array.from(new Set(tokenize(text, m))), typing = ALNUM.test(text.slice(-1));
      var results = await Promise.all(words.map(function (w, k) { return wordScores(m, w, typing && k === words.length - 1, full); }));
      var facets = await Promise.all(["company", "tag", "remote", "type"].filter(function (k) { return f[k]; }).map(function (k) {
        // No file: no open posting has that value.
        return get("facets/" + k + "/" + f[k] + ".json").catch(function () { return ""; }).then(function (s) { return new Set(deltas(s, -1)); });
      }));
      var scores = null, partial = false;
      results.forEach(function (r) {
        partial = partial || r.partial;
        scores = scores ? new Map(Array.from(scores).filter(function (e) { return r.scores.has(e[0]); }).map(function (e) { return [e[0], e[1] + r.scores.get(e[0])]; })) : r.scores;
      });
      facets.forEach(function (ids) {
        scores = scores ? new Map(Array.from(scores).filter(function (e) { return ids.has(e[0]); })) : new Map(Array.from(ids, function (id) { return [id, 0]; }));
      });
      var byRecord = f.salary;
      if (!words.length && !scores && !byRecord) return { hits: [], total: 0, more: false, partial: false };
      var keep = function (r) {
        return r && (!f.salary || (r[7] && r[7][1] * (YEAR[r[7][3]] || 1) >= f.salary));
      };
      var hits = [], more = false, total = null;
      if (scores) {
        var ranked = Array.from(scores).sort(function (a, b) { return b[1] - a[1] || b[0] - a[0]; });
        var i = 0;
        while (hits.length < limit && i < ranked.length) {
          var batch = ranked.slice(i, (i += byRecord ? 2 * limit : limit - hits.length));
          var records = await Promise.all(batch.map(function (e) { return record(m, e[0]); }));
          records.filter(keep).forEach(function (r) { if (hits.length < limit) hits.push(r); else more = true; });
        }
        more = more || i < ranked.length;
        if (!byRecord) total = ranked.length;
      } else {
        // Filters on records alone: newest chunks first.
        for (var c = m.starts.length - 1; c >= 0 && hits.length < limit; c--) {
          var rs = Array.from((await chunk(m.starts[c])).values());
          for (var j = rs.length - 1; j >= 0; j--) if (keep(rs[j])) { if (hits.length < limit) hits.push(rs[j]); else more = true; }
        }
        more = more || c >= 0;
      }
      return {
        hits: hits.map(function (r) { var o = {}; FIELDS.forEach(function (k, i) { o[k] = r[i]; }); return o; }),
        total: total, more: more, partial: partial,
      };
    }
    return { query: query, get: get };
  }

  var LABEL = { remote: "Remote", hybrid: "Hybrid", onsite: "On-site", "full-time": "Full-time", "part-time": "Part-time", contract: "Contract", temporary: "Temporary", internship: "Internship" };

  function salaryText(s) {
    var money;
    try {
      var nf = new Intl.NumberFormat(undefined, { style: "currency", currency: s[2], maximumFractionDigits: 0 });
      money = function (x) { return nf.format(x); };
    } catch (e) {
      money = function (x) { return x + " " + s[2]; };
    }
    return (s[0] === s[1] ? money(s[0]) : money(s[0]) + "–" + money(s[1])) + " / " + s[3];
  }

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  // "2026-10-02" -> "Posted 2 Oct 2026", as the cards say it.
  function postedText(date) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
    return "Posted " + (m ? Number(m[3]) + " " + MONTHS[Number(m[2]) - 1] + " " + m[1] : date);
  }

  function slug(text) {
    return fold(text, {}).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  }

  function init(form) {
    // A theme may load this file twice (base and partial): one set of listeners.
    if (form.hasAttribute("data-search-ready")) return;
    form.setAttribute("data-search-ready", "");
    var base = form.getAttribute("data-base") || "/";
    var engine = createSearch(function (path) {
      return fetch(base + "search/" + path).then(function (r) {
        if (!r.ok) throw new Error(r.status + " for search/" + path);
        return r.json();
      });
    });
    var el = function (name) { return form.elements[name]; };
    var status = form.querySelector("[data-status]"), list = form.querySelector("[data-results]"), moreButton = form.querySelector("[data-more]");
    var companies = new Map(), limit = 10, seq = 0, timer;

    function card(h) {
      var li = document.createElement("li"), title = document.createElement("h3"), a = document.createElement("a"), facts = document.createElement("p");
      li.className = "search-hit";
      a.href = base + h.url;
      a.textContent = h.title;
      title.append(a);
      facts.className = "search-facts";
      facts.textContent = [h.company, h.location, LABEL[h.remote], LABEL[h.type], h.salary && salaryText(h.salary), h.date && postedText(h.date)].filter(Boolean).join(" · ");
      li.append(title, facts);
      if (h.tags.length) {
        var tags = document.createElement("ul");
        tags.className = "search-tags";
        h.tags.forEach(function (t) { var i = document.createElement("li"); i.textContent = t; tags.append(i); });
        li.append(tags);
      }
      return li;
    }
    function show(r) {
      list.replaceChildren.apply(list, r.hits.map(card));
      status.textContent = !r.hits.length ? "No jobs match." : r.total !== null && !r.partial
        ? r.total + (r.total === 1 ? " job matches." : " jobs match.") : "Showing " + r.hits.length + " matching jobs.";
      moreButton.hidden = !r.more;
    }
    async function run() {
      var mine = ++seq, q = el("q").value, company = el("company").value.trim();
      var filters = {
        company: companies.get(company.toLowerCase()) || slug(company), tag: slug(el("tag").value),
        remote: el("remote").value, type: el("type").value, salary: Number(el("salary").value) || 0,
      };
      history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname);
      try {
        var r = await engine.query(q, filters, { limit: limit });
        if (mine !== seq) return;
        show(r);
        if (!r.partial) return;
        r = await engine.query(q, filters, { limit: limit, full: true });
        if (mine === seq) show(r);
      } catch (e) {
        if (mine === seq) status.textContent = "Search is unavailable (" + e.message + ").";
      }
    }
    function again() { limit = 10; clearTimeout(timer); timer = setTimeout(run, 120); }

    form.addEventListener("submit", function (e) { e.preventDefault(); again(); });
    form.addEventListener("input", again);
    // Some ways of picking an option fire only `change` (WebDriver, older
    // assistive tech); the debounce makes the pair one query.
    form.addEventListener("change", again);
    moreButton.addEventListener("click", function () { limit += 10; run(); });
    form.querySelector("details").addEventListener("toggle", function () {
      if (companies.size) return;
      engine.get("facets/company.json").then(function (values) {
        values.forEach(function (v) { companies.set(v[1].toLowerCase(), v[0]); });
        fill("search-companies", values.map(function (v) { return v[1]; }));
      });
      engine.get("facets/tag.json").then(function (values) { fill("search-tags", values.map(function (v) { return v[0]; })); });
    });
    function fill(id, values) {
      var datalist = document.getElementById(id);
      values.slice(0, 300).forEach(function (v) { var o = document.createElement("option"); o.value = v; datalist.append(o); });
    }
    form.hidden = false;
    var q = new URLSearchParams(location.search).get("q");
    if (q) { el("q").value = q; run(); }
  }

  if (typeof module === "object" && module.exports) module.exports = { tokenize: tokenize, createSearch: createSearch };
  else document.querySelectorAll("form[data-search]").forEach(init);
})();
