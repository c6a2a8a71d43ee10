"""One results file, several benchmarks: each script owns a marked section of `RESULTS.md`.

A script rewrites only its own section (between `<!-- begin: NAME -->` and `<!-- end: NAME -->`),
so running one benchmark never erases the figures another one recorded.
"""

from __future__ import annotations

from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "RESULTS.md"
HEADER = (
    "# Benchmark results\n\n"
    "Each section is written by the script it names (see README.md); sections are replaced\n"
    "independently, so their dates and commits may differ.\n"
)


def write_section(name: str, markdown: str, path: Path = RESULTS) -> None:
    """Replace (or append) the section `name` of `path` with `markdown`."""
    begin, end = f"<!-- begin: {name} -->", f"<!-- end: {name} -->"
    block = f"{begin}\n{markdown.strip()}\n{end}\n"
    text = path.read_text() if path.exists() else HEADER
    if begin in text and end in text:
        before, _, rest = text.partition(begin)
        _, _, after = rest.partition(end)
        text = before + block.rstrip("\n") + after
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text)
