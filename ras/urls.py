from django.urls import path

from ras import charging_views, estimate_views, views

urlpatterns = [
    path("estimate/", estimate_views.online_estimate, name="online_estimate"),
    path("assessments/<int:assessment_pk>/", views.indicative_budget, name="indicative_budget"),
    path(
        "cases/<int:case_pk>/financial-assessment/",
        charging_views.financial_assessment,
        name="financial_assessment",
    ),
]
