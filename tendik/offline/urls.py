from django.urls import path

from . import views

urlpatterns = [
    path("manifest.webmanifest", views.manifest_view, name="webmanifest"),
    path("sw.js", views.service_worker_view, name="service_worker"),
    path("offline/state.json", views.state_view, name="offline_state"),
    path("offline/", views.offline_page_view, name="offline_page"),
]
