"""Search results with the index in shards against one index per language, in Chromium.

    python -m bench.ranking [--pairs 2000] [--shard-pages 200[,500…]]

Builds the benchmark corpus (bench/corpus.py) in-process with one shard per language, and again
with shards of about `--shard-pages` pages (each size given); then runs the same queries (single
words, pairs of words, stemmed words, words with a topic filter) on each through Pagefind's JS
API as `static/search.js` uses it, and compares the number of results and the first ten. For
each it also says what a reader's browser does: the index files loaded for the first query (the
shards' entry and metadata files, and the chunks of its words) and for all of them, their bytes
as sent (compressed), and the time of a query.
Needs the test extra (Playwright) and Chromium, like the browser tests.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import random
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench import corpus

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / ".cache" / "bench"
SEARCH = {"nl": "zoeken", "en": "search"}

RUN = """async ([bundle, list, queries]) => {
  const p = await import(bundle);
  await p.options({ baseUrl: "/" });
  await p.init();
  const shards = await (await fetch(list)).json();
  for (const s of shards) await p.mergeIndex(new URL(s, list).pathname, { baseUrl: "/" });
  const out = [];
  for (const [q, topic] of queries) {
    const start = performance.now();
    const found = await p.search(q, topic ? { filters: { topic } } : {});
    const top = found.results.slice(0, 10);
    const urls = await Promise.all(top.map(async (r) => (await r.data()).url));
    out.push([found.results.length, urls, performance.now() - start]);
  }
  return out;
}"""


def queries(lang: str) -> list[tuple[str, str | None]]:
    """Words of the corpus, pairs of them, stemmed forms, words with a topic (filter)."""
    rng = random.Random(7)
    words = corpus.NL_WORDS if lang == "nl" else corpus.EN_WORDS
    found: list[tuple[str, str | None]] = [(word, None) for word in rng.sample(words, 25)]
    found += [(" ".join(rng.sample(words, 2)), None) for _ in range(15)]
    topics = [pair[0 if lang == "nl" else 1] for pair in corpus.TAGS]
    found += [(rng.choice(words), rng.choice(topics)) for _ in range(5)]
    extra = ["aansluitingen", "leveranciers", "livegang", "mandaat"]
    return found + [(word, None) for word in (extra if lang == "nl" else ["mandate", "suppliers"])]


def build_site(content: Path, output: Path, shard_pages: int) -> None:
    sys.path.insert(0, str(REPO / "site"))
    from newsroom.build import search
    from newsroom.build.site import build

    search.SHARD_PAGES = shard_pages
    build(content, output, use_cache=False)


@contextmanager
def serve(root: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(root))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def results(browser, root: Path) -> tuple[dict[str, list], list[tuple[int, int]]]:
    """Each language's query results; and, for its first query alone and for the whole run,
    the index files the browser loaded (`/pagefind/`) and their bytes as sent."""
    with serve(root) as origin:
        found, loads = {}, []
        for lang in SEARCH:
            urls = [f"{origin}/pagefind/{lang}/pagefind.js", f"{origin}/pagefind/{lang}.json"]
            for some in (queries(lang)[:1], queries(lang)):
                page = browser.new_page()  # (nothing loaded yet)
                sizes: list[int] = []
                page.on(
                    "response",
                    lambda r, sizes=sizes: (
                        "/pagefind/" in r.url
                        and sizes.append(int(r.headers.get("content-length", 0)))
                    ),
                )
                page.goto(f"{origin}/{lang}/{SEARCH[lang]}/index.html")
                found[lang] = page.evaluate(RUN, [*urls, some])
                loads.append((len(sizes), sum(sizes)))
                page.close()
    return found, loads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--shard-pages", default="200", help="comma-separated")
    args = parser.parse_args()
    work = WORK / f"ranking-{args.pairs}"
    corpus.generate(args.pairs, work / "content")
    sizes = [int(size) for size in args.shard_pages.split(",")]
    sites = {"one": work / "one" / "build"}
    build_site(work / "content", sites["one"], 10**9)
    for size in sizes:
        sites[size] = work / f"shards-{size}" / "build"
        build_site(work / "content", sites[size], size)
    sys.path.insert(0, str(REPO / "tests"))
    from playwright.sync_api import sync_playwright

    from chromium import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        measured = {name: results(browser, site) for name, site in sites.items()}
        browser.close()
    one = measured["one"][0]
    for name in ["one", *sizes]:
        found, loads = measured[name]
        shards = len([p for p in (sites[name] / "pagefind").iterdir() if p.is_dir()])
        runs = [q for lang in SEARCH for q in found[lang]]
        first = [load for i, load in enumerate(loads) if i % 2 == 0]  # (nl, en)
        whole = [load for i, load in enumerate(loads) if i % 2 == 1]
        print(
            f"{name if name == 'one' else f'shards of about {name} pages'} ({shards} in all): "
            f"first query {sum(n for n, _ in first) / 2:.0f} index files, "
            f"{sum(b for _, b in first) / 2 / 1000:.0f} kB; "
            f"{len(runs)} queries {sum(n for n, _ in whole) / len(runs):.1f} files, "
            f"{sum(b for _, b in whole) / len(runs) / 1000:.1f} kB and "
            f"{sorted(q[2] for q in runs)[len(runs) // 2]:.0f} ms (median) each"
        )
        if name == "one":
            continue
        pairs = [(a, b) for lang in SEARCH for a, b in zip(one[lang], found[lang], strict=True)]
        overlap = [len(set(a[1]) & set(b[1])) / len(a[1]) for a, b in pairs if a[1]]
        print(
            f"  against one shard per language, of {len(pairs)} queries: "
            f"the same number of results for {sum(a[0] == b[0] for a, b in pairs)}, "
            f"the same first result for {sum(a[1][:1] == b[1][:1] for a, b in pairs)}, "
            f"the same first ten in the same order for {sum(a[1] == b[1] for a, b in pairs)}; "
            f"on average {sum(overlap) / len(overlap):.0%} of the first ten the same"
        )


if __name__ == "__main__":
    main()
