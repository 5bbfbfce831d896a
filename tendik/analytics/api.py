"""Scaffold."""
from rest_framework.views import APIView


class PlanProgressView(APIView):
    pass


class ActivityReachView(APIView):
    pass


class ReportingDisciplineView(APIView):
    pass
