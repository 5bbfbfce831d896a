"""Scaffold: replaced by the territory figures API (owner: home/territory helper)."""
from rest_framework.views import APIView


class TerritoryFiguresView(APIView):
    pass
