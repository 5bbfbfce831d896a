"""Scaffold: replaced by the indicator page (owner: indicators helper)."""
from django.http import Http404


def indicator_page(request, pk):
    raise Http404


def indicator_download(request, pk, fmt):
    raise Http404
