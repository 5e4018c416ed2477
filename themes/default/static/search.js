/* hireboard search: the browser side of the index under search/ (format:
   src/render/search/mod.rs). Fetches meta.json, then only the term shards
   (with the tail files, for typos) and record chunks a query needs, for the
   results page (templates/search.html), whose URL carries the query and
   filters. Posting text is untrusted: textContent only. */
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

  var EXPANSIONS = 8; // most common completions of a word
  var TYPOS = 4; // most common terms one edit away from a word
  var FUZZY_MIN = 5; // letters a word needs for completions and typos
  // What a completion and a typo count against the word itself: a typo's
  // is below any exact hit's (the field weights sum to 23).
  var COMPLETION = 1 / 2, TYPO = 1 / 24;
  var FIELDS = ["id", "title", "company", "company_slug", "url", "location", "remote", "type", "salary", "tags", "date", "summary"];

  // Whether a and b are at most one edit apart: an insertion, deletion,
  // substitution, or transposition of neighbours (optimal string alignment).
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    var long = a.length > b.length ? a : b, short = long === a ? b : a;
    return long.slice(i + 1) === short.slice(i);
  }

  // Most postings first, then A to Z.
  function byCount(terms) {
    return function (a, b) { return terms.get(b)[0] - terms.get(a)[0] || (a < b ? -1 : 1); };
  }

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
      m.tailSet = new Set(m.tails);
      m.starts = deltas(m.chunks, 1);
      return m;
    });
    // A term shard as a Map (empty when no term has that prefix).
    function shard(m, prefix) {
      if (!m.shardSet.has(prefix)) return Promise.resolve(new Map());
      return get("terms/" + prefix + ".json", function (data) { return new Map(Object.entries(data)); });
    }

    // The terms one edit from `word` (5+ letters), with their shards: those
    // of its own shard, and those in others that the tail files name (an
    // edit in the first letters keeps the rest: mod.rs, `tails/`).
    async function typos(m, word, own) {
      var found = new Map();
      own.forEach(function (_, t) { if (t !== word && oneEdit(word, t)) found.set(t, own); });
      var h = m.tail_from, elsewhere = new Set();
      await Promise.all([h - 1, h, h + 1].map(async function (k) {
        var tail = word.slice(k), file = tail.slice(0, m.prefix);
        if (!m.tailSet.has(file)) return;
        var heads = (await get("tails/" + file + ".json"))[tail] || "";
        for (var i = 0; i < heads.length; i += h) {
          var t = heads.slice(i, i + h) + tail;
          if (t !== word && !found.has(t) && oneEdit(word, t)) elsewhere.add(t);
        }
      }));
      await Promise.all(Array.from(elsewhere, async function (t) {
        var data = await shard(m, t.slice(0, m.prefix));
        if (data.has(t)) found.set(t, data);
      }));
      return found;
    }

    // The terms a query word matches: term -> [factor, shard].
    async function matches(m, word, typing) {
      var own = await shard(m, word.slice(0, m.prefix)), used = new Map();
      if (own.has(word)) used.set(word, [1, own]);
      if ((typing && word.length >= m.prefix) || word.length >= FUZZY_MIN) {
        var completions = [];
        own.forEach(function (_, t) { if (t !== word && t.startsWith(word)) completions.push(t); });
        completions.sort(byCount(own)).slice(0, EXPANSIONS - used.size).forEach(function (t) { used.set(t, [COMPLETION, own]); });
      }
      if (word.length >= FUZZY_MIN) {
        var near = await typos(m, word, own), all = new Map();
        near.forEach(function (data, t) { if (!used.has(t)) all.set(t, data.get(t)); });
        Array.from(all.keys()).sort(byCount(all)).slice(0, TYPOS).forEach(function (t) { used.set(t, [TYPO, near.get(t)]); });
      }
      return used;
    }

    // Each term a query word matches, with its factor (idf included) and
    // how its entries load: `entries` once loaded.
    async function plan(m, word, typing) {
      var used = await matches(m, word, typing);
      if (!used.size) return [];
      // One idf for the word (of its most common term, about the union's):
      // "engineer" ranks Engineer before Engineering.
      var most = Math.max.apply(null, Array.from(used, function (e) { return e[1][1].get(e[0])[0]; }));
      var idf = Math.log(1 + m.count / most);
      return Array.from(used, function (e) {
        var t = e[0], entry = e[1][1].get(t);
        return { t: t, factor: idf * e[1][0], entry: entry, whole: entry[0] <= m.big, starts: entry[2] ? deltas(entry[2], -1) : [], k: 0, entries: [] };
      });
    }
    // The entries a term's shard holds: all of them, or its best ones.
    function shardList(m, term) {
      return memo("terms/" + term.t.slice(0, m.prefix) + ".json#" + term.t, function () { return postingList(term.entry[1]); });
    }
    function page(term, k) {
      return get("lists/" + term.t + "/" + term.starts[k] + ".json", postingList);
    }
    // Loaded pages hold every entry above this id (-1: all of them).
    function loadedAbove(term) {
      return term.whole || term.k >= term.starts.length ? -1 : term.starts[term.k];
    }

    // id -> score: every word's best term, summed, for ids above `above`,
    // within every facet's ids; null when there are neither words nor facets.
    function intersect(m, plans, facets, above) {
      var scores = null;
      plans.forEach(function (terms) {
        var word = new Map();
        terms.forEach(function (term) {
          term.entries.forEach(function (e) {
            if (e[0] <= above) return;
            var w = 0;
            for (var f = 0; f < m.weights.length; f++) if (e[1] & (1 << f)) w += m.weights[f];
            word.set(e[0], Math.max(word.get(e[0]) || 0, w * term.factor));
          });
        });
        scores = scores ? new Map(Array.from(scores).filter(function (e) { return word.has(e[0]); }).map(function (e) { return [e[0], e[1] + word.get(e[0])]; })) : word;
      });
      facets.forEach(function (ids) {
        scores = scores ? new Map(Array.from(scores).filter(function (e) { return ids.has(e[0]); })) : new Map(Array.from(ids, function (id) { return [id, 0]; }));
      });
      return scores;
    }

    // First results of several words, some common: their whole lists page
    // by page, newest first, only as far down as a page of matches needs
    // (best entries of common words rarely meet). Returns the id above
    // which the matches are complete (-1: everywhere).
    async function newestMatches(m, plans, facets, limit) {
      var terms = [].concat.apply([], plans);
      await Promise.all(terms.map(async function (term) { if (term.whole) term.entries = await shardList(m, term); }));
      for (;;) {
        var above = Math.max.apply(null, plans.map(function (p) { return Math.max.apply(null, p.map(loadedAbove)); }));
        if (!(above >= 0) || intersect(m, plans, facets, above).size >= limit) return Math.max(above, -1);
        var next = terms.find(function (term) { return loadedAbove(term) === above; });
        next.entries = next.entries.concat(await page(next, next.k));
        next.k++;
      }
    }

    // The ids in any of these facet files (none: no open posting has that value).
    async function facet(files) {
      var lists = await Promise.all(files.map(function (file) { return get(file).catch(function () { return ""; }); }));
      return new Set([].concat.apply([], lists.map(function (s) { return deltas(s, -1); })));
    }

    async function record(m, id) {
      var lo = 0, hi = m.starts.length - 1;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (m.starts[mid] <= id) lo = mid; else hi = mid - 1; }
      return (await chunk(m.starts[lo])).get(id);
    }

    // filters: {company, tag (slugs), remote, type, salary (yearly minimum),
    // currency (of the minimum), base (the site's currency), rates
    // (currency -> worth of one unit in base)}.
    // options: {limit = 10, full: load whole lists of common words (exact
    // ranking) instead of their best entries (fast first results)}.
    // Returns {hits: [record objects], total (null when unknown), more, partial}.
    async function query(text, filters, options) {
      var m = await meta, f = filters || {}, limit = (options && options.limit) || 10, full = !!(options && options.full);
      var words = Array.from(new Set(tokenize(text, m))), typing = ALNUM.test(text.slice(-1));
      var plans = await Promise.all(words.map(function (w, k) { return plan(m, w, typing && k === words.length - 1); }));
      var facets = await Promise.all(["company", "tag", "remote", "type"].filter(function (k) { return f[k]; }).map(function (k) {
        return facet(["facets/" + k + "/" + f[k] + ".json"]);
      }));
      if (f.salary > 0) facets.push(await facet(salaryBands(m, f)));
      var terms = [].concat.apply([], plans), above = -1, partial = false;
      if (!full && words.length > 1 && terms.some(function (term) { return !term.whole; })) {
        above = await newestMatches(m, plans, facets, limit);
        partial = above >= 0;
      } else {
        await Promise.all(terms.map(async function (term) {
          if (term.whole || !full) term.entries = await shardList(m, term);
          else term.entries = [].concat.apply([], await Promise.all(term.starts.map(function (_, k) { return page(term, k); })));
          partial = partial || !term.whole && !full;
        }));
      }
      var scores = intersect(m, plans, facets, above);
      if (!scores) return { hits: [], total: 0, more: false, partial: false };
      // The salary bands are a superset: the records decide.
      var byRecord = f.salary > 0, paid = salaryFilter(f);
      var hits = [], more = false, total = null;
      var ranked = Array.from(scores).sort(function (a, b) { return b[1] - a[1] || b[0] - a[0]; });
      var i = 0;
      while (hits.length < limit && i < ranked.length) {
        var batch = ranked.slice(i, (i += limit - hits.length));
        var records = await Promise.all(batch.map(function (e) { return record(m, e[0]); }));
        records.filter(paid).forEach(function (r) { if (hits.length < limit) hits.push(r); else more = true; });
      }
      more = more || i < ranked.length;
      if (!byRecord) total = ranked.length;
      return {
        hits: hits.map(function (r) { var o = {}; FIELDS.forEach(function (k, i) { o[k] = r[i]; }); return o; }),
        total: total, more: more, partial: partial,
      };
    }
    return { query: query, get: get };
  }

  // The salary band files whose postings may pay the yearly minimum: in the
  // minimum's currency, and in each other one the rates convert it to.
  function salaryBands(m, f) {
    var currency = f.currency || f.base, rates = f.rates || {}, files = [];
    var worth = function (code) { return code === f.base ? 1 : rates[code] || null; };
    new Set([currency, f.base].concat(Object.keys(rates))).forEach(function (code) {
      if (!code) return;
      var minimum = code === currency ? f.salary : worth(currency) && worth(code) ? f.salary * worth(currency) / worth(code) : null;
      if (minimum === null) return;
      m.salary_bands.forEach(function (band, i) {
        var next = m.salary_bands[i + 1];
        if (next === undefined || next > minimum) files.push("facets/salary/" + code.toLowerCase() + "-" + band + ".json");
      });
    });
    return files;
  }

  // Whether a record pays at least the yearly minimum: in the minimum's
  // currency, or in any other when the site gives rates to compare them.
  function salaryFilter(f) {
    var currency = f.currency || f.base, rates = f.rates || {};
    var inBase = function (code, amount) { return code === f.base ? amount : rates[code] ? amount * rates[code] : null; };
    return function (r) {
      if (!r) return false;
      if (!(f.salary > 0)) return true;
      var s = r[8];
      if (!s) return false;
      if (s[2] === currency) return s[4] >= f.salary;
      var yearly = inBase(s[2], s[4]), minimum = inBase(currency, f.salary);
      return yearly !== null && minimum !== null && yearly >= minimum;
    };
  }

  var LABEL = { remote: "Remote", hybrid: "Hybrid", onsite: "On-site", "full-time": "Full-time", "part-time": "Part-time", contract: "Contract", temporary: "Temporary", internship: "Internship" };
  var SYMBOL = { USD: "$", EUR: "€", GBP: "£", JPY: "¥", INR: "₹", CAD: "CA$", AUD: "A$" };

  // As views.rs `format_salary` writes it: "$137,000–$199,000 / year".
  function salaryText(s) {
    var group = function (x) {
      var whole = Math.trunc(x).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ","), cents = Math.round((x - Math.trunc(x)) * 100);
      return cents ? whole + "." + String(cents).padStart(2, "0") : whole;
    };
    var money = function (x) { return SYMBOL[s[2]] ? SYMBOL[s[2]] + group(x) : s[2] + "\u00a0" + group(x); };
    return (s[1] > s[0] ? money(s[0]) + "–" + money(s[1]) : money(s[0])) + " / " + s[3];
  }

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  // "2026-10-02" -> "2 Oct 2026", as the lists say it.
  function dayText(date) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
    return m ? Number(m[3]) + " " + MONTHS[Number(m[2]) - 1] + " " + m[1] : date;
  }

  // "No jobs match", "1 job", "1,204 jobs".
  function jobsText(n) {
    return n === 0 ? "No jobs match" : n === 1 ? "1 job" : n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",") + " jobs";
  }

  function slug(text) {
    return fold(text, {}).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  }

  // The one feed that lists exactly these results, if there is one: a
  // company's, a tag's or the remote jobs', for that filter alone.
  function feedOf(state) {
    var set = PARAMS.filter(function (k) { return state[k] && k !== "currency"; });
    if (set.length !== 1) return null;
    if (set[0] === "company") return "companies/" + state.company + "/atom.xml";
    if (set[0] === "tag") return "tags/" + state.tag + "/atom.xml";
    if (set[0] === "remote" && state.remote === "remote") return "remote/atom.xml";
    return null;
  }

  // The URL's parameters, in this order.
  var PARAMS = ["q", "company", "tag", "remote", "type", "salary", "currency"];

  function init(form) {
    // A theme may load this file twice: one set of listeners.
    if (form.hasAttribute("data-search-ready")) return;
    form.setAttribute("data-search-ready", "");
    var base = form.getAttribute("data-base") || "/", currency = form.getAttribute("data-currency") || "USD";
    var rates = JSON.parse(form.getAttribute("data-rates") || "{}"), today = form.getAttribute("data-today");
    var engine = createSearch(function (path) {
      return fetch(base + "search/" + path).then(function (r) {
        if (!r.ok) throw new Error(r.status + " for search/" + path);
        return r.json();
      });
    });
    var el = function (name) { return form.elements[name]; };
    var status = form.querySelector("[data-status]"), feed = form.querySelector("[data-feed]");
    var list = document.querySelector("[data-results]"), moreButton = document.querySelector("[data-more]");
    var template = document.querySelector("template[data-result]");
    var companies = new Map(), limit = 10, seq = 0, timer, committed;

    // The form as URL parameters: slugs for company and tag.
    function state() {
      var company = el("company").value.trim(), salary = Number(el("salary").value) || 0;
      return {
        q: el("q").value, company: companies.get(company.toLowerCase()) || slug(company), tag: slug(el("tag").value),
        remote: el("remote").value, type: el("type").value, salary: salary > 0 ? String(salary) : "",
        currency: salary > 0 && el("currency").value !== currency ? el("currency").value : "",
      };
    }
    function urlOf(s) {
      var params = new URLSearchParams();
      PARAMS.forEach(function (k) { if (s[k]) params.set(k, s[k]); });
      var query = params.toString();
      return location.pathname + (query ? "?" + query : "");
    }
    // Fills the form from the URL (on load, and on back and forward).
    function read() {
      var params = new URLSearchParams(location.search);
      PARAMS.forEach(function (k) { el(k).value = params.get(k) || (k === "currency" ? currency : ""); });
      // A company slug shows as its name once a hit names it.
      el("company").setAttribute("data-slug", params.get("company") || "");
    }

    function fill(h) {
      var item = template.content.firstElementChild.cloneNode(true), find = function (s) { return item.querySelector(s); };
      var title = find("h2 a");
      title.textContent = h.title;
      title.href = base + h.url;
      var company = find(".company");
      if (company && h.company) {
        company.textContent = h.company;
        if (h.company_slug) company.href = base + "companies/" + h.company_slug + "/";
        else company.removeAttribute("href");
      } else if (company) company.remove();
      var place = find(".location");
      if (place && h.location) place.textContent = h.location.split("; ").join(" · ");
      else if (place) place.remove();
      var meta = find(".byline");
      if (meta && !meta.children.length) meta.remove();
      var remote = find(".badge-remote");
      if (remote && h.remote) { remote.className = "badge badge-" + h.remote; remote.textContent = LABEL[h.remote]; } else if (remote) remote.remove();
      var type = find(".badge-type");
      if (type && h.type) type.textContent = LABEL[h.type]; else if (type) type.remove();
      var salary = find(".salary");
      if (salary && h.salary) salary.textContent = salaryText(h.salary); else if (salary) salary.remove();
      var time = find(".date time");
      if (time) { time.dateTime = h.date || today; time.textContent = dayText(h.date || today); }
      var summary = find(".summary");
      if (summary && h.summary) summary.textContent = h.summary; else if (summary) summary.remove();
      var tags = find(".tags");
      if (tags && h.tags.length) {
        var proto = tags.firstElementChild;
        tags.replaceChildren.apply(tags, h.tags.map(function (t) {
          var li = proto.cloneNode(true), a = li.querySelector("a");
          a.textContent = t;
          a.href = base + "tags/" + t + "/";
          return li;
        }));
      } else if (tags) tags.remove();
      return item;
    }
    function show(r, s) {
      list.replaceChildren.apply(list, r.hits.map(fill));
      var known = r.total !== null && !r.partial;
      status.textContent = !s.q.trim() && !PARAMS.some(function (k) { return k !== "q" && k !== "currency" && s[k]; })
        ? "Type a query or pick a filter."
        : known || !r.more ? jobsText(known ? r.total : r.hits.length) : jobsText(r.hits.length) + " so far";
      moreButton.hidden = !r.more;
      var wanted = el("company").getAttribute("data-slug"), named = r.hits.find(function (h) { return wanted && h.company_slug === wanted; });
      if (named && el("company").value === wanted) el("company").value = named.company;
      var href = feedOf(s);
      feed.hidden = !href;
      if (href) feed.firstElementChild.href = base + href;
    }
    async function run() {
      var mine = ++seq, s = state();
      var filters = {
        company: s.company, tag: s.tag, remote: s.remote, type: s.type, salary: Number(s.salary) || 0,
        currency: s.currency || currency, base: currency, rates: rates,
      };
      try {
        var r = await engine.query(s.q, filters, { limit: limit });
        if (mine !== seq) return;
        // First results from the best entries of common words: shown when
        // they fill a page, else they would say too few until the rest comes.
        if (!r.partial || r.hits.length >= limit) show(r, s);
        if (!r.partial) return;
        r = await engine.query(s.q, filters, { limit: limit, full: true });
        if (mine === seq) show(r, s);
      } catch (e) {
        if (mine === seq) status.textContent = "Search is unavailable (" + e.message + ").";
      }
    }
    // While typing, the current history entry follows the form; a
    // committed change (Enter, a picked option, leaving a field) becomes an
    // entry of its own, so back returns to the results before it.
    function update(commit) {
      var url = urlOf(state());
      if (commit && url !== committed) {
        history.replaceState(null, "", committed);
        history.pushState(null, "", url);
        committed = url;
      } else if (!commit) history.replaceState(null, "", url);
      limit = 10;
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); update(true); });
    form.addEventListener("input", function (e) { update(e.target.tagName === "SELECT"); });
    // Some ways of picking an option fire only `change` (WebDriver, older
    // assistive tech); the debounce makes the pair one query.
    form.addEventListener("change", function () { update(true); });
    window.addEventListener("popstate", function () { read(); committed = urlOf(state()); limit = 10; run(); });
    moreButton.addEventListener("click", function () { limit += 10; run(); });
    // The values for the company and tag fields, when one is first used.
    function suggest() {
      if (companies.size) return;
      engine.get("facets/company.json").then(function (values) {
        values.forEach(function (v) { companies.set(v[1].toLowerCase(), v[0]); });
        fillList("search-companies", values.map(function (v) { return v[1]; }));
      });
      engine.get("facets/tag.json").then(function (values) { fillList("search-tags", values.map(function (v) { return v[0]; })); });
    }
    el("company").addEventListener("focus", suggest);
    el("tag").addEventListener("focus", suggest);
    function fillList(id, values) {
      var datalist = document.getElementById(id);
      values.slice(0, 300).forEach(function (v) { var o = document.createElement("option"); o.value = v; datalist.append(o); });
    }
    form.hidden = false;
    read();
    committed = urlOf(state());
    run();
  }

  if (typeof module === "object" && module.exports) module.exports = { tokenize: tokenize, createSearch: createSearch, oneEdit: oneEdit };
  else document.querySelectorAll("form[data-search]").forEach(init);
})();
