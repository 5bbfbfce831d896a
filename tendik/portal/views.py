"""The public portal: no login, published data only (placeholder until the portal lands)."""

from tendik.analytics import home_views


def root(request):
    """`/`: the signed-in user's home; the portal for everybody else."""
    return home_views.home(request)
