from django.urls import path

from assessment import views

urlpatterns = [
    path("case/<int:case_pk>/", views.case_assessments, name="case_assessments"),
    path("case/<int:case_pk>/new/", views.assessment_new, name="assessment_new"),
    path("<int:pk>/", views.assessment_overview, name="assessment"),
    path("<int:pk>/about/", views.assessment_about, name="assessment_about"),
    path("<int:pk>/phone/", views.assessment_phone, name="assessment_phone"),
    path("<int:pk>/check/", views.assessment_check, name="assessment_check"),
    path("<int:pk>/complete/", views.assessment_complete, name="assessment_complete"),
    path("<int:pk>/domains/<slug:key>/", views.assessment_domain, name="assessment_domain"),
    path("<int:pk>/domains/<slug:key>/no-needs/", views.assessment_no_needs, name="assessment_no_needs"),
]
