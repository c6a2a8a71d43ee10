"""docs/*.md: every shell example runs, against the page's app served on loopback.

The rule (which blocks run, how, with what, and how output is compared) is in
`tests/examples/shell_docs.py`; the pages run concurrently, one bash session each.
"""

from __future__ import annotations

import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.examples import shell_docs
from tests.examples.loader import ROOT
from tests.examples.shell_docs import Block, PageRun, Step

REQUIRE_SERVICES = os.environ.get("FABRIC_AUTH_TEST_REQUIRE_SERVICES") == "1"


def _pages_selected(request: pytest.FixtureRequest) -> list[Path]:
    selected = {
        item.callspec.params["page"]
        for item in request.session.items
        if getattr(item, "originalname", "") == "test_shell_examples_of_the_page_run"
    }
    return sorted(selected)


@pytest.fixture(scope="module")
def runs(request: pytest.FixtureRequest) -> dict[str, PageRun]:
    """Every selected page's shell session, run concurrently, by page name."""
    missing = shell_docs.missing_tools()
    if missing:
        message = f"the docs' shell examples need {', '.join(missing)} on PATH"
        if REQUIRE_SERVICES:
            pytest.fail(f"{message}; FABRIC_AUTH_TEST_REQUIRE_SERVICES=1 forbids skipping")
        pytest.skip(message)
    # The pages with the most commands start first, so that the slowest does not start last.
    pages = sorted(_pages_selected(request), key=shell_docs.command_count, reverse=True)
    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 1))) as pool:
        results = {run.page.name: run for run in pool.map(shell_docs.run_page, pages)}
    request.config.stash[shell_docs.RUNS] = results
    request.config.stash[shell_docs.NOT_RUN] = [
        block
        for page in shell_docs.pages()
        for block in shell_docs.shell_blocks(page)
        if block.not_run is not None
    ]
    return results


@pytest.mark.parametrize("page", shell_docs.runnable_pages(), ids=lambda page: page.name)
def test_shell_examples_of_the_page_run(page: Path, runs: dict[str, PageRun]) -> None:
    """The page's shell blocks run in one bash session, exit 0 and print what the page shows."""
    run = runs[page.name]
    failed = run.steps[run.last_step] if run.steps and run.last_step >= 0 else None
    where = f"{failed.where}: {failed.command.strip()}" if failed else "before any step"
    ended = (
        "the app did not start"
        if not run.port
        else "timed out"
        if run.returncode is None
        else f"exit {run.returncode}"
    )
    assert run.returncode == 0, (
        f"{page.name}: {ended} at {where}\n--- session:\n{run.log}\n--- server:\n{run.server_log}"
    )
    problems = shell_docs.mismatches(run)
    assert not problems, "\n\n".join(problems)


def test_every_fenced_block_names_its_language() -> None:
    """An unlabeled fence would escape both the Python and the shell example tests."""
    unlabeled = [
        block.where
        for page in shell_docs.pages()
        for block in shell_docs.fenced_blocks(page)
        if not block.language
    ]
    assert unlabeled == []


def test_not_run_markers_precede_a_shell_block_with_a_reason() -> None:
    """`<!-- not run: REASON -->` sits right before a shell fence and says why."""
    for page in shell_docs.pages():
        lines = page.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            if not line.startswith("<!-- not run"):
                continue
            fence = lines[number] if number < len(lines) else ""
            language = fence.removeprefix("```")
            assert re.fullmatch(r"<!-- not run: \S.* -->", line), f"{page.name}:{number}"
            assert fence.startswith("```") and language in shell_docs.SHELL_LANGUAGES, (
                f"{page.name}:{number}: not followed by a shell block"
            )


def test_curl_output_is_compared_or_fails_on_http_errors() -> None:
    """A curl whose output the page does not show must fail on a 4xx (`-f`/`--fail...`)."""
    unchecked = [
        f"{step.where}: {command}"
        for page in shell_docs.pages()
        for block in shell_docs.shell_blocks(page)
        if block.not_run is None
        for step in shell_docs.steps_of(block)
        for command in shell_docs.unchecked_curls(step)
    ]
    assert unchecked == []


@pytest.mark.parametrize(
    ("shown", "printed"),
    [
        (
            '{"detail": "Not authenticated", "code": "not_authenticated"}',
            '{"detail":"Not authenticated","code":"not_authenticated"}\n',
        ),
        ('{"hello": "..."}', '{"hello":"e175d6fd-0ca7-4e7b-abe0-7b0eea4f811f"}\n'),
        ('{"a": 1,\n "b": "x..."}', '{"a":1,"b":"xyz"}\n'),
        ("fas_...                # the key alone", "fas_AbC\n"),
        ("", ""),
    ],
)
def test_output_matches_what_the_page_shows(shown: str, printed: str) -> None:
    """JSON as json.dumps writes it, white space squeezed, `...` for any text, annotations."""
    assert shell_docs.output_matches(shown, printed)


@pytest.mark.parametrize(
    ("shown", "printed"),
    [
        ('{"code": "not_authenticated"}', '{"code":"invalid_token"}\n'),
        ('{"a": 1, "b": 2}', '{"b":2,"a":1}\n'),
        ("", "something\n"),
        ("ok", "ok\nand more\n"),
    ],
)
def test_output_differing_from_the_page_does_not_match(shown: str, printed: str) -> None:
    """Other values, another key order, unexpected or extra output: a mismatch."""
    assert not shell_docs.output_matches(shown, printed)


def test_transcript_commands_continue_over_backslashes() -> None:
    """A `$ ` line ending in a backslash continues; the lines after the command are output."""
    block = Block(
        page=ROOT / "docs" / "x.md",
        line=1,
        language="console",
        text="$ curl -s a \\\n    -d b\n{}\n$ export X=1\n",
    )
    assert shell_docs.steps_of(block) == [
        Step(block, 2, "curl -s a \\\n    -d b", "{}"),
        Step(block, 5, "export X=1", ""),
    ]


def test_make_demo_serves_without_proxy_headers() -> None:
    """`make demo` starts uvicorn with --no-proxy-headers (see docs/security.md)."""
    dry_run = subprocess.run(
        ["make", "-n", "demo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    uvicorn = [line for line in dry_run.splitlines() if "uvicorn " in line and "examples." in line]
    assert len(uvicorn) == 1
    assert "--no-proxy-headers" in uvicorn[0].split()
