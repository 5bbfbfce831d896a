"""Scaffold: replaced by the indicator figure API (owner: indicators helper)."""
from rest_framework.views import APIView


class IndicatorFigureView(APIView):
    pass
