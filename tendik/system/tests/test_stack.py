"""The production stack without Docker, for real: the database migrated the way the README says
(twice), the worker and gunicorn started exactly as the systemd units start them, nginx in front with
deploy/nginx/tendik.conf and a self-signed certificate, and requests through HTTPS.

It runs on the suite's database: SQLite by default, a fresh PostgreSQL database `tendik_stack_<random>`
when the suite runs on PostgreSQL (TENDIK_DATABASE_URL=postgres://…), as CI does in its second pass."""

import http.client
import json
import os
import secrets
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from .test_deploy import (
    ROOT,
    nginx_main_config,
    run,
    self_signed_certificate,
    server_block,
    unit_directives,
    unit_installed_at,
)

UNITS = ROOT / "deploy" / "systemd"
PORTS = range(8610, 8620)
SUITE_ON_POSTGRES = os.environ.get("TENDIK_DATABASE_URL", "").startswith("postgres")
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
MB = 2**20

pytestmark = pytest.mark.skipif(shutil.which("nginx") is None,
                                reason="nginx is not installed (scripts/install-system-deps.sh installs it)")


def free_ports(count: int) -> list[int]:
    found = []
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                found.append(port)
        if len(found) == count:
            return found
    pytest.skip(f"fewer than {count} free ports in {PORTS}")


@contextmanager
def database(kind: str, var_dir: Path):
    """The URL of an empty database of this kind, dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{var_dir / 'tendik.sqlite3'}"
        return
    import psycopg

    name = f"tendik_stack_{secrets.token_hex(4)}"
    with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"postgres://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def write_env_file(path: Path, variables: dict[str, str]) -> Path:
    path.write_text("".join(f"{name}={value}\n" for name, value in variables.items()))
    return path


def read_env_file(path: Path) -> dict[str, str]:
    lines = [line for line in path.read_text().splitlines() if line and not line.startswith("#")]
    return dict(line.split("=", 1) for line in lines)


def base_environment() -> dict[str, str]:
    """What a systemd service starts with: no TENDIK_* of the shell that runs the tests."""
    return {name: os.environ[name] for name in ("PATH", "LANG", "HOME") if name in os.environ}


def start_unit(name: str, *, env_file: Path, log: Path) -> subprocess.Popen:
    """Start the unit's ExecStart, in its WorkingDirectory with its Environment and EnvironmentFile,
    from this checkout instead of /opt/tendik."""
    unit = log.parent / name
    unit.write_text(unit_installed_at(UNITS / name, root=ROOT, env_file=env_file))
    service = unit_directives(unit)
    environment = base_environment() | dict(item.split("=", 1) for item in service["Environment"])
    environment |= read_env_file(Path(service["EnvironmentFile"][0]))
    with log.open("wb") as output:
        return subprocess.Popen(shlex.split(service["ExecStart"][0]), cwd=service["WorkingDirectory"][0],  # noqa: S603
                                env=environment, stdout=output, stderr=subprocess.STDOUT,
                                start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    """The process and its children (gunicorn's workers) stop, by SIGTERM or after 15 s by SIGKILL."""
    if process.poll() is not None:
        return
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def request(port: int, method: str, path: str, *, tls: ssl.SSLContext | None, headers: dict | None = None):
    if tls is None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    else:
        connection = http.client.HTTPSConnection("127.0.0.1", port, timeout=20, context=tls)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, response.read()
    finally:
        connection.close()


def declared_upload(port: int, size: int, *, tls: ssl.SSLContext | None) -> tuple[int, bytes]:
    """A POST over HTTPS (or from the proxy, as its header says) that declares `size` bytes and sends
    the first megabyte: the answer and its body."""
    raw = socket.create_connection(("127.0.0.1", port), timeout=20)
    stream = tls.wrap_socket(raw, server_hostname="127.0.0.1") if tls else raw
    head = (f"POST /login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
            f"X-Forwarded-Proto: https\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n")
    with stream:
        stream.sendall(head.encode())
        with suppress(OSError):  # the server may answer and close before taking all of it
            stream.sendall(b"x" * MB)
        answer = b""
        while chunk := stream.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def wait_until(condition, *, seconds: float, what: str, logs: list[Path]) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with suppress(OSError, http.client.HTTPException):
            if condition():
                return
        time.sleep(0.3)
    tails = "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}"
                      for log in logs if log.exists())
    pytest.fail(f"{what} did not happen within {seconds} s\n{tails}")


def logged(path: Path, matches, *, seconds: float = 5) -> str:
    """The last line of a log that matches, waiting for it a little."""
    deadline = time.monotonic() + seconds
    while not (lines := [line for line in path.read_text(errors="replace").splitlines() if matches(line)]):
        assert time.monotonic() < deadline, f"no such line in {path.name}"
        time.sleep(0.1)
    return lines[-1]


def json_lines(path: Path) -> list[dict]:
    lines = []
    for line in path.read_text(errors="replace").splitlines():
        with suppress(ValueError):
            lines.append(json.loads(line))
    return lines


@pytest.fixture(params=["sqlite", "postgresql"])
def database_kind(request):
    if (request.param == "postgresql") != SUITE_ON_POSTGRES:
        pytest.skip(f"the suite runs on {'PostgreSQL' if SUITE_ON_POSTGRES else 'SQLite'}")
    return request.param


def test_the_stack_serves_through_nginx_as_the_units_and_the_readme_say(database_kind, tmp_path):
    https_port, http_port, web_port = free_ports(3)
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    logs = {name: tmp_path / f"{name}.log" for name in ("migrate", "worker", "web")}
    processes: list[subprocess.Popen] = []
    with database(database_kind, var_dir) as database_url:
        env_file = write_env_file(tmp_path / "tendik.env", {
            "TENDIK_SECRET_KEY": secrets.token_urlsafe(40),
            "TENDIK_DATABASE_URL": database_url,
            "TENDIK_VAR_DIR": str(var_dir),
            "TENDIK_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "TENDIK_SSL_REDIRECT": "1",
            "TENDIK_CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{https_port}",
            "TENDIK_BIND": f"127.0.0.1:{web_port}",
            "TENDIK_WEB_WORKERS": "1",
            "TENDIK_WEB_THREADS": "4",
            "TENDIK_DISK_MIN_FREE_MB": "50",
            "TENDIK_BACKUP_HOUR": "-1",
        })
        try:
            # The README's upgrade step, run twice: the second run has nothing left to apply.
            migrate = [str(ROOT / "deploy" / "manage.sh"), "migrate", "--noinput"]
            manage_env = base_environment() | {"TENDIK_ENV_FILE": str(env_file)}
            first = run(migrate, env=manage_env, check=True)
            assert "Applying organisations.0001_initial... OK" in first.stdout
            again = subprocess.Popen(migrate, env=manage_env, stdout=subprocess.PIPE, text=True,  # noqa: S603
                                     start_new_session=True)
            processes.append(again)

            processes.append(start_unit("tendik-worker.service", env_file=env_file, log=logs["worker"]))
            processes.append(start_unit("tendik-web.service", env_file=env_file, log=logs["web"]))
            processes.append(start_nginx(tmp_path, https_port=https_port, http_port=http_port,
                                         web_port=web_port))
            tls = ssl.create_default_context(cafile=tmp_path / "fullchain.pem")

            assert again.communicate(timeout=60)[0].strip().endswith("No migrations to apply.")

            def ready() -> bool:
                status, _, body = request(https_port, "GET", "/health/ready", tls=tls)
                return status == 200 and json.loads(body)["worker"] == "ok"

            wait_until(ready, seconds=60, what="/health/ready with a beating worker",
                       logs=[*logs.values(), tmp_path / "error.log"])
            check_the_stack(https_port=https_port, http_port=http_port, web_port=web_port, tls=tls,
                            folder=tmp_path)
        finally:
            for process in reversed(processes):
                stop(process)


def start_nginx(folder: Path, *, https_port: int, http_port: int, web_port: int) -> subprocess.Popen:
    """nginx in the foreground under `folder`, with our server block and a test site file."""
    certificate = self_signed_certificate(folder)
    site = folder / "site.conf"
    site.write_text(f"upstream tendik_app {{ server 127.0.0.1:{web_port}; }}\n"
                    f"ssl_certificate {certificate['ssl_certificate']};\n"
                    f"ssl_certificate_key {certificate['ssl_certificate_key']};\n")
    servers = server_block(folder, https_port=https_port, http_port=http_port)
    config = nginx_main_config(folder, servers=servers, site=site)
    with (folder / "nginx.log").open("wb") as output:
        return subprocess.Popen([shutil.which("nginx"), "-p", f"{folder}/", "-c", config,  # noqa: S603
                                 "-g", "daemon off;"], stdout=output, stderr=subprocess.STDOUT,
                                start_new_session=True)


def check_the_stack(*, https_port: int, http_port: int, web_port: int, tls: ssl.SSLContext,
                    folder: Path) -> None:
    status, _, body = request(https_port, "GET", "/health/live", tls=tls)
    assert (status, json.loads(body)) == (200, {"status": "ok"})
    status, _, body = request(https_port, "GET", "/health/ready", tls=tls)
    assert (status, json.loads(body)) == (200, {"database": "ok", "worker": "ok", "disk": "ok"})

    # The login page over HTTPS, with HSTS; the query string (a search may be a name) is in no log.
    status, headers, body = request(https_port, "GET", "/login/?next=/search%3Fq%3DAinura", tls=tls)
    assert status == 200 and "max-age=" in headers["strict-transport-security"]
    request_id = headers["x-request-id"]
    # Both servers write their access line after the response has gone out.
    nginx_line = logged(folder / "access.log", lambda line: '"GET /login/ ' in line)
    assert nginx_line.split()[-1] == request_id  # the app kept the id nginx gave the request
    login = json.loads(logged(folder / "web.log", lambda line: '"path": "/login/"' in line))
    assert login["logger"] == "gunicorn.access"
    assert login["request_id"] == request_id and login["status"] == 200
    access = [line for line in json_lines(folder / "web.log") if line.get("logger") == "gunicorn.access"]
    for log in ("access.log", "web.log"):
        assert "Ainura" not in (folder / log).read_text()

    # Static files through WhiteNoise, compressed on the way.
    status, headers, _ = request(https_port, "GET", "/static/css/tendik.css", tls=tls,
                                 headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"

    # Plain HTTP is sent to HTTPS, except the health probes from the machine itself.
    status, headers, _ = request(http_port, "GET", "/login/", tls=None)
    assert status == 301 and headers["location"].startswith("https://127.0.0.1")
    assert request(http_port, "GET", "/health/live", tls=None)[0] == 200

    # Too large for nginx: refused there, with its short page; the app never sees the request.
    posts_before = sum(line["method"] == "POST" for line in access)
    status, body = declared_upload(https_port, 30 * MB, tls=tls)
    assert status == 413 and "Файл слишком большой" in body.decode()
    time.sleep(0.5)
    access = [line for line in json_lines(folder / "web.log") if line.get("logger") == "gunicorn.access"]
    assert sum(line["method"] == "POST" for line in access) == posts_before
    # Past the app's own limit, sent straight to gunicorn: the app refuses it too.
    status, body = declared_upload(web_port, 22 * MB, tls=None)
    assert status == 413 and "Файл слишком большой" in body.decode()
