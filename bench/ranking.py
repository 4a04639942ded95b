"""Search results with the index in shards against one index per language, in Chromium.

    python -m bench.ranking [--pairs 2000] [--shard-pages 500]

Builds the benchmark corpus (bench/corpus.py) twice, in-process: with shards of about
`--shard-pages` pages, and with one shard per language; then runs the same queries (single
words, pairs of words, stemmed words, words with a topic filter) on both through Pagefind's JS
API as `static/search.js` uses it, and compares the number of results and the first ten.
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
    const found = await p.search(q, topic ? { filters: { topic } } : {});
    const top = found.results.slice(0, 10);
    out.push([found.results.length, await Promise.all(top.map(async (r) => (await r.data()).url))]);
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


def results(browser, root: Path) -> dict[str, list]:
    with serve(root) as origin:
        page = browser.new_page()
        found = {}
        for lang in SEARCH:
            page.goto(f"{origin}/{lang}/{SEARCH[lang]}/index.html")
            urls = [f"{origin}/pagefind/{lang}/pagefind.js", f"{origin}/pagefind/{lang}.json"]
            found[lang] = page.evaluate(RUN, [*urls, queries(lang)])
        page.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--shard-pages", type=int, default=500)
    args = parser.parse_args()
    work = WORK / f"ranking-{args.pairs}"
    corpus.generate(args.pairs, work / "content")
    sites = {"one": work / "one" / "build", "shards": work / "shards" / "build"}
    build_site(work / "content", sites["one"], 10**9)
    build_site(work / "content", sites["shards"], args.shard_pages)
    sys.path.insert(0, str(REPO / "tests"))
    from playwright.sync_api import sync_playwright

    from chromium import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        one, shards = results(browser, sites["one"]), results(browser, sites["shards"])
        browser.close()
    pairs = [(a, b) for lang in SEARCH for a, b in zip(one[lang], shards[lang], strict=True)]
    overlap = [len(set(a[1]) & set(b[1])) / len(a[1]) for a, b in pairs if a[1]]
    print(
        f"{len(pairs)} queries, {args.pairs} pairs, shards of about {args.shard_pages} pages: "
        f"the same number of results for {sum(a[0] == b[0] for a, b in pairs)}, "
        f"the same first result for {sum(a[1][:1] == b[1][:1] for a, b in pairs)}, "
        f"the same first ten in the same order for {sum(a[1] == b[1] for a, b in pairs)}; "
        f"on average {sum(overlap) / len(overlap):.0%} of the first ten the same"
    )


if __name__ == "__main__":
    main()
