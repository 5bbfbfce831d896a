from django.urls import path

from . import mapping_views, views

app_name = "opendata"
urlpatterns = [
    path("catalogue.json", views.catalogue, name="catalogue"),
    # «5.5.2.csv», «5-5-2.json», «И-1.1.xlsx»: a code may hold dots, dashes or a slash; the
    # last dot starts the format (csv, json, xlsx, xml).
    path("indicators/<path:name>", views.indicator_file, name="indicator"),
    path("structure.xml", views.structure, name="structure"),
    path("all.zip", views.archive, name="archive"),
    path("mappings/", mapping_views.mappings_page, name="mappings"),
]
