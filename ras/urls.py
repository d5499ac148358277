from django.urls import path

from ras import charging_views, estimate_views, ras_views, views

urlpatterns = [
    path("ras/", ras_views.ras_versions, name="ras_versions"),
    path("ras/<int:pk>/", ras_views.ras_preview, name="ras_preview"),
    path("ras/<int:pk>/draft/", ras_views.ras_draft, name="ras_draft"),
    path("ras/<int:pk>/publish/", ras_views.ras_publish, name="ras_publish"),
    path("estimate/", estimate_views.online_estimate, name="online_estimate"),
    path("assessments/<int:assessment_pk>/", views.indicative_budget, name="indicative_budget"),
    path(
        "assessments/<int:assessment_pk>/work-out/",
        views.work_out_indicative_budget,
        name="work_out_indicative_budget",
    ),
    path(
        "assessments/<int:assessment_pk>/letter/",
        views.indicative_budget_letter,
        name="indicative_budget_letter",
    ),
    path(
        "cases/<int:case_pk>/financial-assessment/",
        charging_views.financial_assessment,
        name="financial_assessment",
    ),
]
