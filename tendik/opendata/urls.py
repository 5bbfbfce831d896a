from django.urls import path, re_path

from . import views

app_name = "opendata"
urlpatterns = [
    path("catalogue.json", views.catalogue, name="catalogue"),
    # A code may hold dots («5.5.2»), dashes («5-5-2») or a slash; the last dot starts the format.
    re_path(r"^indicators/(?P<code>.+)\.(?P<fmt>csv|json|xlsx|xml)$", views.indicator_file,
            name="indicator"),
    path("structure.xml", views.structure, name="structure"),
    path("all.zip", views.archive, name="archive"),
]
