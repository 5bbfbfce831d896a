from django.urls import path

from . import public_views

app_name = "public_commitments"
urlpatterns = [
    path("", public_views.public_list_view, name="list"),
    path("<int:pk>/", public_views.public_detail_view, name="detail"),
    path("evidence/<int:pk>/", public_views.public_evidence_view, name="evidence"),
]
