"""``allywatch serve``: the app it runs (store, tokens from the options and the environment, body cap), and the
command line without the ``api`` extra."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from allywatch.cli import app
from allywatch.store.repository import Repository
from tests.api.test_write import ARTICLE

runner = CliRunner()


def _serve(monkeypatch: pytest.MonkeyPatch, args: list[str], env: dict[str, str],
           visit: Any) -> tuple[Any, dict[str, Any]]:
    """Run 'allywatch serve' with uvicorn.run replaced by ``visit(client)``; the result and what uvicorn got."""
    got: dict[str, Any] = {}

    def run(api: Any, **options: Any) -> None:
        got.update(options)
        with TestClient(api) as client:
            visit(client)

    monkeypatch.setattr(uvicorn, "run", run)
    result = runner.invoke(app, ["serve", *args], env=env)
    return result, got


def test_serve_runs_the_api_on_the_store_with_its_tokens(sample_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, int] = {}

    def visit(client: TestClient) -> None:
        seen["open read"] = client.get("/api/events").status_code
        events = client.get("/api/events", headers={"Authorization": "Bearer reader"})
        seen["read"], seen["count"] = events.status_code, events.json()["count"]
        seen["write without token"] = client.post("/api/articles", json=ARTICLE,
                                                  headers={"Authorization": "Bearer reader"}).status_code
        seen["oversize"] = client.post("/api/articles", content=b"x" * 2000, headers={
            "Authorization": "Bearer writer", "Content-Type": "text/plain"}).status_code

    result, got = _serve(monkeypatch, ["--host", "127.0.0.1", "--port", "8123", "--max-body", "1000", "--no-model"],
                         {"ALLYWATCH_DB": sample_url, "ALLYWATCH_TOKEN": "writer",
                          "ALLYWATCH_READ_TOKEN": "reader"}, visit)
    assert result.exit_code == 0, result.output
    assert got == {"host": "127.0.0.1", "port": 8123, "log_level": "info"}
    assert seen == {"open read": 401, "read": 200, "count": seen["count"], "write without token": 401,
                    "oversize": 413} and seen["count"] >= 20
    assert "serving the store on http://127.0.0.1:8123/api/ (dashboard at /, docs at /docs)" in result.stderr


def test_serve_warns_when_anyone_could_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "new.db"
    Repository.open(f"sqlite:///{db}").close()  # an empty store, made on purpose
    result, got = _serve(monkeypatch, ["--db", f"sqlite:///{db}", "--host", "0.0.0.0", "--read-token", "r"], {},
                         lambda client: None)
    assert result.exit_code == 0, result.output
    assert got["host"] == "0.0.0.0" and got["port"] == 8000
    assert "anyone who reaches 0.0.0.0:8000 can add articles: set ALLYWATCH_TOKEN" in result.stderr


def test_serve_refuses_a_store_that_does_not_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "typo.db"
    result, got = _serve(monkeypatch, ["--db", f"sqlite:///{db}"], {}, lambda client: None)
    assert result.exit_code == 2 and got == {}  # never served
    assert result.stderr == f"error: no store at {db}; 'allywatch ingest' fills one\n"
    assert not db.exists()


def test_serve_without_the_api_extra_names_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "fastapi", None)  # 'import fastapi' now raises ModuleNotFoundError
    monkeypatch.delitem(sys.modules, "allywatch.api.app")
    result = runner.invoke(app, ["serve", "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert result.stderr == ("error: 'allywatch serve' needs FastAPI and uvicorn (fastapi is missing): "
                             "pip install 'allywatch[api]'\n")
    assert list(tmp_path.iterdir()) == []  # no store opened


def test_the_package_and_its_command_line_import_without_fastapi() -> None:
    script = ("import sys\n"
              "for name in ('fastapi', 'starlette', 'uvicorn'):\n"
              "    sys.modules[name] = None\n"
              "import allywatch, allywatch.api, allywatch.cli, allywatch.export, allywatch.store.repository\n"
              "from typer.testing import CliRunner\n"
              "result = CliRunner().invoke(allywatch.cli.app, ['--help'])\n"
              "assert result.exit_code == 0 and 'serve' in result.output, result.output\n"
              "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout == "ok\n", done.stderr
    loaded = subprocess.run([sys.executable, "-c", "import sys, allywatch.cli; print(sorted(m for m in sys.modules "
                                                   "if m.split('.')[0] in {'fastapi', 'uvicorn', 'starlette'}))"],
                            capture_output=True, text=True, check=True)
    assert loaded.stdout == "[]\n"
