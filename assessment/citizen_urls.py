from django.urls import path

from assessment import citizen_views as views

urlpatterns = [
    path("", views.self_assessment, name="self_assessment"),
    path("begin/", views.self_assessment_begin, name="self_assessment_begin"),
    path("<int:pk>/", views.self_assessment_overview, name="self_assessment_overview"),
    path("<int:pk>/check/", views.self_assessment_check, name="self_assessment_check"),
    path("<int:pk>/done/", views.self_assessment_done, name="self_assessment_done"),
    path("<int:pk>/send/", views.self_assessment_send, name="self_assessment_send"),
    path("<int:pk>/<slug:key>/<slug:step>/", views.self_assessment_page, name="self_assessment_page"),
]
