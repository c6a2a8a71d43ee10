"""The docs' shell examples report what they ran and which blocks they left out, and why."""

from __future__ import annotations

import pytest

from tests.examples.shell_docs import NOT_RUN, RUNS


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    runs = terminalreporter.config.stash.get(RUNS, None)
    if runs is None:
        return
    not_run = terminalreporter.config.stash[NOT_RUN]
    blocks = {step.block for run in runs.values() for step in run.steps}
    terminalreporter.write_sep("-", "docs shell examples")
    terminalreporter.write_line(
        f"{len(blocks)} shell blocks run on {len(runs)} pages; {len(not_run)} not run:"
    )
    for block in not_run:
        terminalreporter.write_line(f"  {block.where}: {block.not_run}")
    slowest = sorted(runs.values(), key=lambda run: run.seconds, reverse=True)
    timings = ", ".join(f"{run.page.name} {run.seconds:.0f} s" for run in slowest)
    terminalreporter.write_line(f"seconds per page (run concurrently): {timings}")
