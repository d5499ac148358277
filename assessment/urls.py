from django.urls import path

from assessment import decision_views, questionnaire_views, views

urlpatterns = [
    path("questionnaires/", questionnaire_views.questionnaires, name="questionnaires"),
    path("questionnaires/<int:pk>/", questionnaire_views.questionnaire_preview, name="questionnaire_preview"),
    path(
        "questionnaires/<int:pk>/draft/", questionnaire_views.questionnaire_draft, name="questionnaire_draft"
    ),
    path(
        "questionnaires/<int:pk>/publish/",
        questionnaire_views.questionnaire_publish,
        name="questionnaire_publish",
    ),
    path("case/<int:case_pk>/", views.case_assessments, name="case_assessments"),
    path("case/<int:case_pk>/new/", views.assessment_new, name="assessment_new"),
    path("<int:pk>/", views.assessment_overview, name="assessment"),
    path("<int:pk>/about/", views.assessment_about, name="assessment_about"),
    path("<int:pk>/phone/", views.assessment_phone, name="assessment_phone"),
    path("<int:pk>/check/", views.assessment_check, name="assessment_check"),
    path("<int:pk>/complete/", views.assessment_complete, name="assessment_complete"),
    path("<int:pk>/domains/<slug:key>/", views.assessment_domain, name="assessment_domain"),
    path("<int:pk>/domains/<slug:key>/no-needs/", views.assessment_no_needs, name="assessment_no_needs"),
    path("<int:pk>/eligibility/", decision_views.assessment_eligibility, name="assessment_eligibility"),
    path("<int:pk>/sign-off/", decision_views.assessment_sign_off, name="assessment_sign_off"),
    path("<int:pk>/revise/", decision_views.assessment_revise, name="assessment_revise"),
    path("<int:pk>/changes/", decision_views.assessment_changes, name="assessment_changes"),
]
