"""The shell examples of docs/*.md: how they are found, run against a served app, and checked.

The rule (docs/index.md states it for writers):

- Every fenced block in docs/*.md names its language, so none escapes the example tests.
- `sh`, `shell` and `bash` blocks are scripts. `console` blocks are transcripts: a line starting
  with `$ ` is a command (continued by the next line while a line ends with a backslash), and the
  lines up to the next command are what it prints (stdout and stderr, as a terminal shows them),
  compared as `output_matches` says.
- A curl whose output is not compared (in a script, or a transcript command showing no output)
  must fail on an HTTP error: `-f`, `--fail` or `--fail-with-body`.
- A shell block right after a line `<!-- not run: REASON -->` is not run; the run lists it.
- Each page's other shell blocks run in order, in one `bash -euo pipefail` session, in a fresh
  directory, against the page's app served by uvicorn on a free loopback port with a new SQLite
  store. `<!-- shell app: PATH [NAME=VALUE ...] -->` names that app, a file whose `create_app()`
  builds it (`examples/app.py` when the page names none), and settings the page's server and
  session add. `http://127.0.0.1:8000` and `localhost:8000` in the examples mean that server.
- The session's environment is what a reader who followed Getting started has: the venv's
  `fabric-auth`, `uvicorn` and `python` first on `PATH`, `curl` and `jq`, and the app's settings
  (`FABRIC_AUTH_ENVIRONMENT=development`, the store's `FABRIC_AUTH_DATABASE_URL`, a secret, and
  the administrator `admin@example.com` with the password `a long demo password`), shared by the
  server and the command line. The directory holds `myapp.py`, whose `app` is the page's app, for
  `fabric-auth --app myapp:app`. No other variable is given: examples sign in with curl.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.examples.loader import ROOT

DOCS = ROOT / "docs"
BIN = Path(sys.executable).parent
DEFAULT_APP = "examples/app.py"
ADMIN_EMAIL, ADMIN_PASSWORD = "admin@example.com", "a long demo password"
SCRIPT_LANGUAGES = frozenset({"sh", "shell", "bash"})
SHELL_LANGUAGES = SCRIPT_LANGUAGES | {"console"}
PAGE_TIMEOUT = 60.0
TOOLS = ("bash", "curl", "jq")

_FENCE = re.compile(r"^\s*```(?P<language>\S*)\s*$")
_NOT_RUN = re.compile(r"^<!-- not run: (?P<reason>.*?) -->$")
_SHELL_APP = re.compile(r"^<!-- shell app: (?P<app>.+?) -->$", re.MULTILINE)
_DOCS_SERVER = re.compile(r"\b(?:127\.0\.0\.1|localhost):8000\b")
_ANNOTATION = re.compile(r"\s{2,}#\s.*$")
_FAIL_FLAG = re.compile(r"^(?:--fail|--fail-with-body|-[A-Za-z]*f[A-Za-z]*)$")


@dataclass(frozen=True)
class Block:
    """One fenced block of a page."""

    page: Path
    line: int
    """Line number of the opening fence."""
    language: str
    text: str
    not_run: str | None = None
    """The reason given by `<!-- not run: ... -->`; `None` for a block that runs."""

    @property
    def where(self) -> str:
        return f"{self.page.name}:{self.line}"


@dataclass(frozen=True)
class Step:
    """One command of a transcript, or one whole script block."""

    block: Block
    line: int
    """Line number of the command (of the block, for a script) in the page."""
    command: str
    expected: str | None
    """The output the page shows, `None` for a script (not compared)."""

    @property
    def where(self) -> str:
        return f"{self.block.page.name}:{self.line}"


@dataclass
class PageRun:
    """What running one page's shell blocks gave."""

    page: Path
    steps: list[Step]
    port: int = 0
    returncode: int | None = None
    """`None` when the session was stopped after `PAGE_TIMEOUT` seconds."""
    last_step: int = -1
    """Index of the step running when the session ended."""
    outputs: dict[int, str] = field(default_factory=dict)
    log: str = ""
    """What the session printed outside transcript commands."""
    server_log: str = ""
    seconds: float = 0.0
    """Wall time from starting the server to the end of the session."""


RUNS = pytest.StashKey[dict[str, PageRun]]()
NOT_RUN = pytest.StashKey[list[Block]]()


def pages() -> list[Path]:
    return sorted(DOCS.glob("*.md"))


def fenced_blocks(page: Path) -> list[Block]:
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks, index = [], 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        end = index + 1
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        marker = _NOT_RUN.match(lines[index - 1].strip()) if index else None
        indent = len(lines[index]) - len(lines[index].lstrip())  # a fence inside a list item
        blocks.append(
            Block(
                page=page,
                line=index + 1,
                language=opening["language"],
                text="".join(line[indent:] + "\n" for line in lines[index + 1 : end]),
                not_run=marker["reason"] if marker else None,
            )
        )
        index = end + 1
    return blocks


def shell_blocks(page: Path) -> list[Block]:
    return [block for block in fenced_blocks(page) if block.language in SHELL_LANGUAGES]


def runnable_pages() -> list[Path]:
    return [page for page in pages() if any(b.not_run is None for b in shell_blocks(page))]


@dataclass(frozen=True)
class ShellApp:
    """The app a page's examples talk to, and the settings they add."""

    path: str
    settings: dict[str, str]

    @property
    def module(self) -> str:
        return self.path.removesuffix(".py").replace("/", ".")


def runnable_steps(page: Path) -> list[Step]:
    return [
        step for block in shell_blocks(page) if block.not_run is None for step in steps_of(block)
    ]


def command_count(page: Path) -> int:
    return sum(step.command.count("\n") + 1 for step in runnable_steps(page))


def app_of(page: Path) -> ShellApp:
    found = _SHELL_APP.findall(page.read_text(encoding="utf-8"))
    assert len(found) <= 1, f"{page.name}: more than one <!-- shell app: ... -->"
    path, *settings = shlex.split(found[0]) if found else [DEFAULT_APP]
    assert (ROOT / path).is_file(), f"{page.name}: no app {path}"
    return ShellApp(path, dict(setting.split("=", 1) for setting in settings))


def steps_of(block: Block) -> list[Step]:
    if block.language in SCRIPT_LANGUAGES:
        return [Step(block, block.line, block.text, None)]
    steps: list[Step] = []
    start, continued = 0, False
    command: list[str] = []
    output: list[str] = []
    for number, line in enumerate(block.text.splitlines(), start=block.line + 1):
        if continued:
            command.append(line)
        elif line.startswith("$ "):
            if command:
                steps.append(Step(block, start, "\n".join(command), "\n".join(output)))
            start, command, output = number, [line[2:]], []
        else:
            assert command, f"{block.where}: a console block starts with a `$ ` command"
            output.append(line)
            continue
        continued = line.endswith("\\")
    if command:
        steps.append(Step(block, start, "\n".join(command), "\n".join(output)))
    return steps


def unchecked_curls(step: Step) -> list[str]:
    """The curl commands of a step whose output nobody compares and which would pass a 4xx."""
    if step.expected:
        return []
    return [
        " ".join(command)
        for command in _curl_commands(step.command)
        if not any(_FAIL_FLAG.match(word) for word in command)
    ]


def _curl_commands(script: str) -> Iterator[list[str]]:
    """Each curl command of a script, as its words up to the next shell operator."""
    lexer = shlex.shlex(script.replace("\\\n", " "), posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    command: list[str] | None = None
    for word in lexer:
        if command is not None and word[0] in lexer.punctuation_chars:
            yield command
            command = None
        if command is not None:
            command.append(word)
        elif word == "curl" or word.endswith("/curl"):
            command = [word]
    if command is not None:
        yield command


def output_matches(expected: str, actual: str) -> bool:
    """Whether what a command printed is the output the page shows.

    A line of output that is JSON is compared as `json.dumps` writes it (`{"a": 1, "b": [2]}`,
    the key order kept); runs of white space, line breaks included, count as one space, so the
    page may wrap long output; `...` stands for any text; an expected line may end with an
    annotation (two spaces or more, `#`, a space, text) that is not output.
    """
    shown = "\n".join(_ANNOTATION.sub("", line) for line in expected.splitlines())
    printed = "\n".join(_as_json_dumps_writes_it(line) for line in actual.splitlines())
    pattern = ".*?".join(re.escape(part) for part in _squeeze(shown).split("..."))
    return re.fullmatch(pattern, _squeeze(printed), re.DOTALL) is not None


def _as_json_dumps_writes_it(line: str) -> str:
    if not line.lstrip().startswith(("{", "[")):
        return line
    try:
        return json.dumps(json.loads(line), ensure_ascii=False)
    except ValueError:
        return line


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def point_at(text: str, port: int) -> str:
    """The docs' server, `127.0.0.1:8000` or `localhost:8000`, replaced by the test's."""
    return _DOCS_SERVER.sub(f"127.0.0.1:{port}", text)


def mismatches(run: PageRun) -> list[str]:
    """Each transcript command whose output is not what the page shows, with both."""
    found = []
    for index, step in enumerate(run.steps):
        if step.expected is None or index not in run.outputs:
            continue
        expected = point_at(step.expected, run.port)
        if not output_matches(expected, run.outputs[index]):
            found.append(
                f"{step.where}: $ {step.command}\n"
                f"--- the page shows:\n{expected}\n--- it printed:\n{run.outputs[index]}"
            )
    return found


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def environment(directory: Path) -> dict[str, str]:
    """The page session's variables: this process's, without fabric-auth's or a proxy's."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("FABRIC_AUTH_")
        and name.lower() not in {"http_proxy", "https_proxy", "all_proxy", "forwarded_allow_ips"}
    }
    return {
        **inherited,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(ROOT),
        "NO_PROXY": "127.0.0.1,localhost",
        "FABRIC_AUTH_ENVIRONMENT": "development",
        "FABRIC_AUTH_DATABASE_URL": f"sqlite://{directory / 'store.sqlite3'}",
        "FABRIC_AUTH_SECRET_KEY": secrets.token_urlsafe(32),
        "FABRIC_AUTH_ADMIN_EMAIL": ADMIN_EMAIL,
        "FABRIC_AUTH_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "FABRIC_AUTH_GC_FREEZE_ON_STARTUP": "false",
    }


@contextmanager
def served(app: ShellApp, directory: Path, env: dict[str, str]) -> Iterator[tuple[int, Path]]:
    """The app's `create_app` under uvicorn on a free loopback port; yields the port and log.

    uvicorn gets the listening socket itself (`--fd`), so no other process can take the port
    between choosing and binding it.
    """
    log_path = directory / "server.log"
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        port = listener.getsockname()[1]
        command = [
            str(BIN / "uvicorn"),
            f"{app.module}:create_app",
            "--factory",
            "--fd",
            str(listener.fileno()),
            "--no-proxy-headers",
            "--no-access-log",
        ]
        with log_path.open("wb") as log:
            server = subprocess.Popen(
                command,
                cwd=directory,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                pass_fds=(listener.fileno(),),
                start_new_session=True,
            )
        try:
            _wait_until_serving(server, port, log_path)
            yield port, log_path
        finally:
            _stop(server)


def _wait_until_serving(server: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    deadline = time.monotonic() + 30
    with httpx.Client(trust_env=False, timeout=2) as client:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise AssertionError(f"the app did not start:\n{log_path.read_text()}")
            try:
                if client.get(f"http://127.0.0.1:{port}/openapi.json").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
    raise AssertionError(f"the app did not answer within 30 s:\n{log_path.read_text()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End a process this module started, and the processes of its session."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def script_of(steps: list[Step], port: int, outputs: Path) -> str:
    """One bash script: each step marks its index; a transcript command's output is kept."""
    parts = []
    for index, step in enumerate(steps):
        command = point_at(step.command, port)
        parts.append(f"printf '%s' {index} > {shlex.quote(str(outputs / 'step'))}\n")
        if step.expected is None:
            parts.append(command if command.endswith("\n") else command + "\n")
        else:
            out = shlex.quote(str(outputs / f"{index}.out"))
            parts.append(f"{{\n{command}\n}} > {out} 2>&1\n")
    return "".join(parts)


def run_page(page: Path) -> PageRun:
    """Serve the page's app and run its shell blocks in one bash session."""
    app = app_of(page)
    run = PageRun(page=page, steps=runnable_steps(page))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fabric-auth-docs-") as temporary:
        directory = Path(temporary)
        (directory / "myapp.py").write_text(
            f'"""The app of docs/{page.name}, for `fabric-auth --app myapp:app`."""\n\n'
            f"from {app.module} import create_app\n\napp = create_app()\n",
            encoding="utf-8",
        )
        env = {**environment(directory), **app.settings}
        try:
            with served(app, directory, env) as (port, server_log):
                run.port = port
                _run_session(run, directory, env)
                run.server_log = server_log.read_text(errors="replace")
        except AssertionError as exc:  # the app did not start: the page's test says why
            run.server_log = str(exc)
    run.seconds = time.monotonic() - started
    return run


def _run_session(run: PageRun, directory: Path, env: dict[str, str]) -> None:
    outputs = directory / ".outputs"
    outputs.mkdir()
    script = outputs / "session.sh"
    script.write_text(script_of(run.steps, run.port, outputs), encoding="utf-8")
    session = subprocess.Popen(
        ["bash", "-euo", "pipefail", str(script)],
        cwd=directory,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        log, _ = session.communicate(timeout=PAGE_TIMEOUT)
        run.returncode = session.returncode
    except subprocess.TimeoutExpired:
        _stop(session)
        log, _ = session.communicate()
    run.log = log.decode(errors="replace")
    step_file = outputs / "step"
    run.last_step = int(step_file.read_text()) if step_file.exists() else -1
    for index, step in enumerate(run.steps):
        out = outputs / f"{index}.out"
        if step.expected is not None and out.exists():
            run.outputs[index] = out.read_text(errors="replace")
