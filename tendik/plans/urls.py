from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list_view, name="list"),
    path("import/", views.plan_import_view, name="import"),
    path("new/", views.plan_create_view, name="create"),
    path("<int:pk>/areas/", views.area_add_view, name="area_add"),
    path("<int:pk>/areas/<int:area>/objectives/", views.objective_add_view, name="objective_add"),
    path("<int:pk>/objectives/<int:objective>/measures/new/", views.measure_create_view,
         name="measure_create"),
    path("measures/<int:pk>/edit/", views.measure_edit_view, name="measure_edit"),
    path("measures/<int:pk>/move/", views.measure_move_view, name="measure_move"),
    path("<int:pk>/", views.plan_detail_view, name="detail"),
    path("<int:pk>/history/", views.plan_history_view, name="history"),
    path("<int:pk>/transition/", views.plan_transition_view, name="transition"),
    path("<int:pk>/new-version/", views.plan_new_version_view, name="new_version"),
    path("<int:pk>/diff/<int:other>/", views.plan_diff_view, name="diff"),
    path("<int:pk>/comments/", views.comment_add_view, name="comment_add"),
    path("comments/<int:pk>/answer/", views.comment_answer_view, name="comment_answer"),
    path("measures/<int:pk>/", views.measure_detail_view, name="measure"),
    path("measures/<int:pk>/history/", views.measure_history_view, name="measure_history"),
    path("strategies/<int:pk>/", views.strategy_detail_view, name="strategy"),
]
