from django.urls import path

from ras import views

urlpatterns = [
    path("assessments/<int:assessment_pk>/", views.indicative_budget, name="indicative_budget"),
]
