"""/health/live and /health/ready: cheap, unauthenticated, and they reveal no detail."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .checks import OK, database_status, disk_status, worker_status


@never_cache
@require_safe
def live(request):
    """The process answers: nothing else is looked at (a restart is the only remedy)."""
    return JsonResponse({"status": OK})


@never_cache
@require_safe
def ready(request):
    """Ready to serve: the database answers and the disk has room. A stale worker is reported
    but does not take the web out of service: pages still work, only jobs wait."""
    database = database_status()
    body = {"database": database,
            "worker": worker_status() if database == OK else "stale",
            "disk": disk_status()}
    healthy = body["database"] == OK and body["disk"] == OK
    return JsonResponse(body, status=200 if healthy else 503)
