"""Server processes of the benches: waiting for one to serve, stopping it."""

from __future__ import annotations

import contextlib
import subprocess
import time


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL after 15 s."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_serving(
    port: int, process: subprocess.Popen[bytes], path: str, timeout: float = 60
) -> None:
    """Until `GET path` on 127.0.0.1:`port` answers 401 (a guarded route, up and refusing an
    anonymous caller); `RuntimeError` if the process exits or `timeout` passes first."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited with {process.returncode}")
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(f"http://127.0.0.1:{port}{path}", timeout=1).status_code == 401:
                return
        time.sleep(0.1)
    raise RuntimeError(f"the server on port {port} did not start within {timeout} s")
