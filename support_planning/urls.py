from django.urls import path

from support_planning import drafting_views, rules_views, views

urlpatterns = [
    path("cases/<int:case_pk>/", views.support_plan, name="support_plan"),
    path("<int:plan_pk>/about/", views.plan_about, name="plan_about"),
    path("<int:plan_pk>/outcomes/new/", views.plan_outcome, name="plan_outcome_new"),
    path("<int:plan_pk>/outcomes/<int:outcome_pk>/", views.plan_outcome, name="plan_outcome"),
    path("<int:plan_pk>/outcomes/<int:outcome_pk>/items/new/", views.plan_item, name="plan_item_new"),
    path("<int:plan_pk>/outcomes/<int:outcome_pk>/items/<int:item_pk>/", views.plan_item, name="plan_item"),
    path("<int:plan_pk>/risks/new/", views.plan_risk, name="plan_risk_new"),
    path("<int:plan_pk>/risks/<int:risk_pk>/", views.plan_risk, name="plan_risk"),
    path("<int:plan_pk>/money/", views.plan_money, name="plan_money"),
    path(
        "<int:plan_pk>/items/<int:pk>/remove/", views.plan_remove, {"what": "item"}, name="plan_item_remove"
    ),
    path(
        "<int:plan_pk>/risks/<int:pk>/remove/", views.plan_remove, {"what": "risk"}, name="plan_risk_remove"
    ),
    # "<int:plan_pk>/submit/" (plan_submit) is in config/urls.py, which wires sign-off's decision into it.
    path("<int:plan_pk>/letter/", views.plan_letter, name="plan_letter"),
    path("<int:plan_pk>/new-version/", views.plan_new_version, name="plan_new_version"),
    path("<int:plan_pk>/compare/", views.plan_compare, name="plan_compare"),
    path("<int:plan_pk>/drafter/", views.plan_hand_over, name="plan_hand_over"),
    path("yours/<int:case_pk>/", views.your_plan, name="your_plan"),
    path("yours/<int:case_pk>/draft/", drafting_views.draft_start, name="draft_start"),
    path("referred/", drafting_views.referred_plans, name="referred_plans"),
    path("drafts/<int:plan_pk>/outcomes/<int:number>/", drafting_views.draft_outcome, name="draft_outcome"),
    path("drafts/<int:plan_pk>/about/", drafting_views.draft_about, name="draft_about"),
    path("drafts/<int:plan_pk>/check/", drafting_views.draft_check, name="draft_check"),
    path(
        "drafts/<int:plan_pk>/ways/<int:item_pk>/remove/",
        drafting_views.draft_remove_way,
        name="draft_remove_way",
    ),
    path("<int:plan_pk>/refer/", views.plan_refer, name="plan_refer"),
    path("complex/", views.complex_queue, name="complex_queue"),
    path("rules/", rules_views.planning_rules, name="planning_rules"),
    path("rules/<int:pk>/", rules_views.planning_rules_version, name="planning_rules_version"),
    path("rules/<int:pk>/draft/", rules_views.planning_rules_draft, name="planning_rules_draft"),
    path("rules/<int:pk>/publish/", rules_views.planning_rules_publish, name="planning_rules_publish"),
]
