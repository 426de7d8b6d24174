"""Starting, waiting for and stopping our own programs on loopback."""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def run(args: list[str], *, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run a command of ours (never a shell), its output kept for the error message."""
    result = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result


def command(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} is not installed.")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"Timed out after {seconds:.0f} s waiting for {what}.")
        time.sleep(0.1)


def answers(port: int, path: str = "/healthz") -> bool:
    """Whether the server on `port` answers `path` with 200."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        conn.request("GET", path)
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


class Process:
    """A child process in its own process group, so that killing it kills its workers too; output to a log file."""

    def __init__(self, name: str, args: list[str], *, env: dict, log_dir: Path):
        self.name, self.args, self.env, self.log = name, args, env, log_dir / f"{name}.log"
        self.popen: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("a") as log:
            self.popen = subprocess.Popen(  # noqa: S603 (our own programs and arguments)
                self.args, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def is_running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def send(self, sig: int) -> None:
        if self.is_running():
            os.killpg(self.popen.pid, sig)

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.popen is None:
            return
        self.send(sig)
        try:
            self.popen.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.send(signal.SIGKILL)
            self.popen.wait()
        self.popen = None

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""
