"""Measure images: the time to check and process one, and the bytes a browser fetches.

    python -m bench.images [--repeat 3]      (make bench-images)

1. Processing time per image: `inspect` (decode and check) and `make_copies` (upright, sRGB,
   three widths in WebP and the image's own format) of a 4000 × 3000 JPEG with the detail of
   a photograph (`camera_photo`) and a
   1920 × 1080 PNG screenshot, in this process, median of `--repeat` runs.
2. Bytes served: a site with a post showing the 4000 × 3000 JPEG, built and served locally,
   opened in Chromium (Playwright) at 360 px and 1280 px wide (1, 2 and 3 device pixels per
   CSS pixel); the bytes of the image the browser fetched, against the original file's.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageMath

from newsroom.build.site import build
from newsroom.content import images
from newsroom.loading.images import image_digest

REPO = Path(__file__).resolve().parents[1]


def _test_module(name: str):  # type: ignore[no-untyped-def]
    """A helper module of the tests (tests/<name>.py): the same images the tests use."""
    spec = importlib.util.spec_from_file_location(
        f"bench_{name.replace('/', '_')}", REPO / "tests" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def camera_photo(width: int = 4000, height: int = 3000) -> bytes:
    """A JPEG (quality 92, with EXIF) whose detail is spread over every scale as in a
    photograph (noise of 1/f-like spectrum: octaves from 8 px to the full size), so its
    file and its copies are about as large as a real photo's. Takes seconds to make."""
    channels = []
    for _ in range(3):
        layers, size, weight = [], (8, 6), 1.0
        while size[0] <= width * 2:
            layer = Image.effect_noise(size, 60).resize((width, height), Image.Resampling.BICUBIC)
            layers.append((layer.convert("F"), weight))
            size, weight = (size[0] * 2, size[1] * 2), weight * 0.72
        total = sum(w for _, w in layers)
        mixed = Image.new("F", (width, height), 0)
        for layer, w in layers:
            mixed = ImageMath.lambda_eval(
                lambda a, share=w / total: a["m"] + a["l"] * share, m=mixed, l=layer
            )
        channels.append(mixed.point(lambda v: (v - 128) * 3 + 128).convert("L"))
    exif = Image.Exif()
    exif[0x010F] = "Benchcamera"
    exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 5.0, 30.0)})
    out = io.BytesIO()
    Image.merge("RGB", channels).save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


def processing_times(data: bytes, name: str, repeat: int) -> dict[str, float]:
    """Median seconds to inspect and to make every copy of one image: wall clock and CPU (this
    process; less sensitive to other work on the machine)."""
    limits = images.Limits(pixels=40_000_000, bytes=20_000_000)
    digest = image_digest(data)
    runs: dict[str, list[float]] = {"check": [], "copies": [], "check cpu": [], "copies cpu": []}
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        info = images.inspect(name, data, limits, digest)
        runs["check"].append(time.perf_counter() - start)
        runs["check cpu"].append(time.process_time() - cpu)
        start, cpu = time.perf_counter(), time.process_time()
        images.make_copies(info, data)
        runs["copies"].append(time.perf_counter() - start)
        runs["copies cpu"].append(time.process_time() - cpu)
    return {key: statistics.median(values) for key, values in runs.items()}


def bytes_served(site: Path, widths: list[int], scales: list[int]) -> dict[tuple[int, int], tuple]:
    """(viewport width, device scale) -> (the copy the browser chose, its bytes)."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(REPO / "tests"))
    browsing = _test_module("browser/browsing")
    chromium = _test_module("chromium")
    found = {}
    with browsing.serve(site) as served, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium.CHROMIUM, args=chromium.CHROMIUM_ARGS
        )
        for width in widths:
            for scale in scales:
                context = browser.new_context(
                    viewport={"width": width, "height": 800}, device_scale_factor=scale
                )
                page = context.new_page()
                fetched: dict[str, int] = {}

                def record(response, fetched=fetched) -> None:  # type: ignore[no-untyped-def]
                    if "/afbeeldingen/foto.jpg/" in response.url:
                        fetched[response.url] = len(response.body())

                page.on("response", record)
                page.goto(served.url("nl/nieuws/fotos/index.html"))
                page.wait_for_function("() => document.querySelector('main img').complete")
                page.wait_for_load_state("networkidle")
                chosen = page.evaluate("() => document.querySelector('main img').currentSrc")
                context.close()
                found[(width, scale)] = (
                    chosen.partition("?")[0].rsplit("/", 1)[1],
                    sum(fetched.values()),
                )
        browser.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    helpers = _test_module("images")
    jpeg = camera_photo(4000, 3000)
    png = helpers.screenshot(1920, 1080)

    print(f"Processing one image (median of {arguments.repeat} runs, one process; wall / CPU):\n")
    print("| image | file | check (decode) | copies (3 widths × 2 formats) | total |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, data, label in (
        ("foto.jpg", jpeg, "JPEG 4000 × 3000"),
        ("s.png", png, "PNG 1920 × 1080"),
    ):
        t = processing_times(data, name, arguments.repeat)
        print(
            f"| {label} | {len(data) / 1e6:.2f} MB | {t['check']:.2f} / {t['check cpu']:.2f} s "
            f"| {t['copies']:.2f} / {t['copies cpu']:.2f} s "
            f"| {t['check'] + t['copies']:.2f} / {t['check cpu'] + t['copies cpu']:.2f} s |"
        )
    print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")

    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        shutil.copytree(REPO / "content", base / "content")
        helpers.add_images(base / "content", photo_bytes=jpeg)
        build(base / "content", base / "build", search=False)
        served = bytes_served(base / "build", [360, 1280], [1, 2, 3])
    print(
        f"\nBytes fetched for the 4000 × 3000 JPEG (before: the original, {len(jpeg):,} bytes):\n"
    )
    print("| viewport | device pixels per CSS pixel | copy chosen | bytes | of the original |")
    print("| ---: | ---: | --- | ---: | ---: |")
    for (width, scale), (chosen, size) in sorted(served.items()):
        print(f"| {width} px | {scale} | {chosen} | {size:,} | {size / len(jpeg):.1%} |")


if __name__ == "__main__":
    main()
