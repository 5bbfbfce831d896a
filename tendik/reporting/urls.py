from django.urls import path

from . import report_views, views

app_name = "reporting"
urlpatterns = [
    path("", views.my_reports_view, name="mine"),
    path("activities/", views.activity_list_view, name="activities"),
    path("periods/", views.period_list_view, name="periods"),
    path("periods/<int:pk>/", views.period_dashboard_view, name="dashboard"),
    path("periods/<int:pk>/transition/", views.period_transition_view, name="period_transition"),
    path("periods/<int:pk>/publication/", views.period_publication_view,
         name="period_publication"),
    path("<int:pk>/", report_views.report_view, name="report"),
    path("<int:pk>/remind/", views.report_remind_view, name="remind"),
    path("<int:pk>/act/", views.report_action_view, name="act"),
    path("<int:pk>/submit/", report_views.report_confirm_view, {"action": "submit"},
         name="submit"),
    path("<int:pk>/accept/", report_views.report_confirm_view, {"action": "accept"},
         name="accept"),
    path("<int:pk>/progress/<int:measure_id>/", report_views.progress_save_view,
         name="progress"),
    path("<int:pk>/observations/", report_views.observations_save_view, name="observations"),
    path("<int:pk>/activities/", report_views.activity_add_view, name="activity_add"),
    path("<int:pk>/activities/<int:activity_id>/", report_views.activity_edit_view,
         name="activity_edit"),
    path("<int:pk>/activities/<int:activity_id>/delete/", report_views.activity_delete_view,
         name="activity_delete"),
    path("<int:pk>/evidence/", report_views.evidence_add_view, name="evidence_add"),
    path("<int:pk>/evidence/<int:evidence_id>/", report_views.evidence_edit_view,
         name="evidence_edit"),
    path("evidence/<int:pk>/", views.evidence_download_view, name="evidence"),
    path("<int:pk>/template.xlsx", views.report_template_view, name="template"),
    path("<int:pk>/upload/", views.report_upload_view, name="upload"),
]
