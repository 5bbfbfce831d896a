"""Scaffold."""
from django.http import Http404


def plan_progress(request, pk):
    raise Http404
