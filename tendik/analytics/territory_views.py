"""Scaffold: replaced by the territory view (owner: home/territory helper)."""
from django.http import Http404


def territory_map(request):
    raise Http404
