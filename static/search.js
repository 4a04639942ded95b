// The search page (templates/search.html): Pagefind's JS API over the index the build makes
// (build/search.py). Pagefind loads the index of the page's language (<html lang>); nothing
// leaves the site. The query lives in the address (?q=), so a search can be bookmarked,
// shared and reloaded, and the back button returns to it. Focus is never moved: the number of
// results is announced by a polite live region (role="status").

const PAGE_SIZE = 20;

const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const results = document.getElementById("search-results");
const texts = form.dataset;
let pagefind = null; // the loading of the index: once
let current = 0; // the latest search; an older one that ends later is dropped

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
}

function announce(text) {
  status.textContent = text;
}

// The index of the page's language is in shards (build/search.py): Pagefind's script comes
// with the first; the others, listed beside it, are merged into it (one web worker and one
// WebAssembly search them all and rank the results together).
async function openIndex() {
  const root = new URL(texts.root, document.baseURI).pathname;
  const list = new URL(texts.shards, document.baseURI);
  const [api, shards] = await Promise.all([
    import(new URL(texts.bundle, document.baseURI).href),
    fetch(list, { cache: "no-cache" }).then((response) => {
      if (!response.ok) throw new Error(`${list}: ${response.status}`);
      return response.json();
    }),
  ]);
  const options = { baseUrl: root, excerptLength: 30 };
  await api.options(options);
  await api.init();
  await Promise.all(shards.map((shard) => api.mergeIndex(new URL(shard, list).pathname, options)));
  return api;
}

function load() {
  if (pagefind === null) pagefind = openIndex();
  return pagefind;
}

// Pagefind's excerpt is text with <mark> around the matches: keep exactly that, as nodes
// (an inert document parses it; nothing else of it reaches the page).
function excerpt(html) {
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html");
  const paragraph = document.createElement("p");
  paragraph.className = "summary";
  for (const node of parsed.body.firstChild.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      paragraph.append(mark);
    } else {
      paragraph.append(node.textContent);
    }
  }
  return paragraph;
}

function address(url) {
  // The built site links to …/index.html, so it also works opened from disk.
  return "indexLinks" in texts && url.endsWith("/") ? `${url}index.html` : url;
}

function item(data) {
  const li = document.createElement("li");
  li.className = "post-item";
  const heading = document.createElement("h2");
  heading.className = "post-item-title";
  const link = document.createElement("a");
  link.href = address(data.url);
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  li.append(heading);
  if (data.meta.date) {
    const meta = document.createElement("p");
    meta.className = "meta";
    const time = document.createElement("time");
    if (data.meta.datetime) time.dateTime = data.meta.datetime;
    time.textContent = data.meta.date;
    meta.append(time);
    li.append(meta);
  }
  li.append(excerpt(data.excerpt));
  return li;
}

async function show(list, found, from) {
  const shown = await Promise.all(found.slice(from, from + PAGE_SIZE).map((r) => r.data()));
  for (const data of shown) list.append(item(data));
  const more = results.querySelector(".search-more");
  if (more) more.remove();
  if (from + PAGE_SIZE < found.length) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "search-more";
    button.textContent = texts.more;
    button.addEventListener("click", async () => {
      await show(list, found, from + PAGE_SIZE);
      // The button is gone; focus the first new result rather than losing it to the page.
      const next = list.children[from + PAGE_SIZE];
      if (next) next.querySelector("a").focus();
    });
    results.append(button);
  }
}

async function run(query) {
  const mine = ++current;
  query = query.trim();
  if (!query) {
    results.replaceChildren();
    announce("");
    return;
  }
  let found;
  try {
    const search = await (await load()).search(query);
    found = search.results;
  } catch (error) {
    if (mine !== current) return;
    results.replaceChildren();
    announce(texts.failed);
    console.warn("search:", error);
    return;
  }
  if (mine !== current) return;
  const list = document.createElement("ol");
  list.className = "post-list search-results";
  results.replaceChildren();
  if (found.length) {
    results.append(list);
    await show(list, found, 0);
    if (mine !== current) return;
  }
  const count = found.length;
  const template = count === 0 ? texts.none : count === 1 ? texts.one : texts.other;
  announce(fill(template, { count: count.toLocaleString(document.documentElement.lang), query }));
}

function queryInAddress() {
  return new URL(window.location.href).searchParams.get("q") || "";
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value.trim();
  const url = new URL(window.location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  if (url.href !== window.location.href) window.history.pushState({ q: query }, "", url);
  run(query);
});

window.addEventListener("popstate", () => {
  input.value = queryInAddress();
  run(input.value);
});

input.value = queryInAddress();
run(input.value);
