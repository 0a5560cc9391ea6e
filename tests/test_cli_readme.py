"""Every command of the README's Usage section runs as written on what the repository ships: each exits 0 and prints
something (a query in JSON finds something), from a folder holding the repository's ``examples`` and a store built
from them by the README's own ``ingest`` line."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
#: Lines that need what the repository cannot ship, each with why: a feed or host on the network, a PostgreSQL
#: server, a Spark cluster or Java, a server already running (``serve`` itself is run: see below).
ELSEWHERE = {
    "https://example.": "fetches feeds from the network",
    "user@host": "needs a PostgreSQL server",
    "--engine spark": "needs Java for Spark",
    "spark-submit": "needs a Spark cluster",
    "curl ": "talks to a running server",
}


def usage_commands(readme: str) -> list[str]:
    """The command lines of the ``bash`` blocks of the README's Usage section, continuation lines joined and
    comments left out."""
    section = readme.split("\n## Usage", 1)[1].split("\n## ", 1)[0]
    commands: list[str] = []
    for block in re.findall(r"```bash\n(.*?)```", section, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            command = re.sub(r"\s+#\s.*$", "", line).strip()
            if command and not command.startswith("#"):
                commands.append(command)
    return commands


def _runnable(command: str) -> bool:
    return not any(marker in command for marker in ELSEWHERE)


def test_the_usage_section_is_read_whole() -> None:
    commands = usage_commands(README.read_text(encoding="utf-8"))
    assert len(commands) >= 25 and commands[0].startswith("allywatch --help")
    skipped = [c for c in commands if not _runnable(c)]
    # each reason stands for a line still in the README, and no more than a few lines are left out
    assert all(any(marker in c for c in skipped) for marker in ELSEWHERE), skipped
    assert len(skipped) <= 7, skipped
    assert all(c.startswith(("allywatch ", "cat examples/")) for c in commands if _runnable(c))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(command: str, cwd: Path, env: dict[str, str]) -> str:
    """Run a ``serve`` line (on a free port, so the test never meets another server), wait until it serves, stop
    it; what it printed."""
    port = _free_port()
    proc = subprocess.Popen(["bash", "-c", f"exec {command} --port {port}"], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.time() + 60
        while time.time() < deadline and proc.poll() is None:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        assert proc.poll() is None, f"{command!r} stopped: {proc.communicate()[0]}"
    finally:
        proc.send_signal(signal.SIGINT)
        output, _ = proc.communicate(timeout=30)
    return output


def test_every_usage_example_runs_as_written(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "COLUMNS": "80"}
    env.pop("ALLYWATCH_DB", None)
    failures = []
    for command in filter(_runnable, usage_commands(README.read_text(encoding="utf-8"))):
        if command.startswith("allywatch serve"):
            output = _serve(command, tmp_path, env)
            if "serving the store on" not in output:
                failures.append(f"{command}\n{output}")
            continue
        done = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=600, check=False)
        if done.returncode != 0 or not (done.stdout + done.stderr).strip():
            failures.append(f"{command}\nexit {done.returncode}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
            continue
        if "--json" in command and done.stdout.startswith('{"data"') and not json.loads(done.stdout)["count"]:
            failures.append(f"{command}\nfound nothing: {done.stdout[:200]}")
        if command.startswith("allywatch story ") and "Sources" not in done.stdout:
            failures.append(f"{command}\nno sources: {done.stdout[:500]}")
        # tables fit the 80 columns of the terminal (JSON is one object a line)
        wide = [line for line in done.stdout.splitlines() if len(line) > 80 and not line.startswith("{")]
        if wide and "--help" not in command:
            failures.append(f"{command}\nlines over 80 columns: {wide[:3]}")
    assert not failures, "\n\n".join(failures)
