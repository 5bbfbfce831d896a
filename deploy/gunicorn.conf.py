"""Gunicorn for Tendik in production: `gunicorn --config deploy/gunicorn.conf.py config.wsgi:application`.

The same file serves the container (compose.yaml) and the systemd unit (deploy/systemd/tendik-web.service);
only the environment differs. Every TENDIK_* variable read here is documented in .env.example."""

import os

from gunicorn import glogging

from tendik.system.logging import JsonFormatter

# The container listens on all its interfaces (TENDIK_BIND=0.0.0.0:8000); a plain server only on
# loopback, behind nginx.
bind = os.environ.get("TENDIK_BIND", "127.0.0.1:8000")

# gthread: a page waiting on the database frees its core for another thread. 3 × 4 suits 2 cores
# (benchmarks/load/ measures it); set both for a bigger machine.
worker_class = "gthread"
workers = int(os.environ.get("TENDIK_WEB_WORKERS", "3"))
threads = int(os.environ.get("TENDIK_WEB_THREADS", "4"))

# nginx reads the whole upload before it passes it on, so a slow line never holds a thread; the
# timeout only catches a worker that stopped answering. Long work runs in the worker, not here.
timeout = int(os.environ.get("TENDIK_WEB_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A fresh process now and then returns whatever memory a large export left behind; the jitter keeps
# the workers from restarting all at once.
max_requests = 1000
max_requests_jitter = 100

# No control socket (gunicorn ≥ 25.1): the service is managed by systemd or compose, and the app's home
# stays free of sockets.
control_socket_disable = True

# X-Forwarded-Proto is believed only from the proxy (nginx on loopback, or the compose network).
forwarded_allow_ips = os.environ.get("TENDIK_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("TENDIK_LOG_LEVEL", "info").lower()
JSON_LOGS = os.environ.get("TENDIK_LOG_FORMAT", "json") == "json"


class JsonLogger(glogging.Logger):
    """Gunicorn's lines in the app's JSON (tendik/system/logging.py). An access line names the
    request id the app returned and the path without its query string: a search may be a name."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        if JSON_LOGS:
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    handler.setFormatter(JsonFormatter())

    def access(self, resp, req, environ, request_time) -> None:
        if not self.cfg.accesslog:
            return
        headers = {name.lower(): value for name, value in resp.headers}
        fields = {
            "method": environ.get("REQUEST_METHOD", "-"),
            # The raw path as sent: percent-encoded, so no line break reaches a text log.
            "path": environ.get("RAW_URI", "").split("?", 1)[0][:200],
            "status": resp.status_code,
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000),
            "request_id": headers.get("x-request-id", "-"),
        }
        self.access_log.info("%(method)s %(path)s %(status)s %(duration_ms)sms", fields, extra=fields)


logger_class = JsonLogger
