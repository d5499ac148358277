from django.urls import path

from contact import measures_views, referral_views, views

urlpatterns = [
    path("", views.contact_queues, name="contact_queues"),
    path("queues/<slug:queue>/", views.contact_queues, name="contact_queue"),
    path("new/", views.contact_start, name="contact_start"),
    path("measures/", measures_views.contact_measures, name="contact_measures"),
    path("<int:pk>/", views.contact_detail, name="contact"),
    path("<int:pk>/person/", views.contact_person, name="contact_step_person"),
    path("<int:pk>/signposting/", views.contact_signposting, name="contact_step_signposting"),
    path("<int:pk>/check/", views.contact_check, name="contact_step_check"),
    path("<int:pk>/take-over/", views.contact_take_over, name="contact_take_over"),
    path("<int:pk>/<slug:step>/", views.contact_step, name="contact_step"),
    path("safeguarding/<int:pk>/", views.concern_decision, name="safeguarding_concern"),
    path("referrals/<int:pk>/", referral_views.referral, name="contact_referral"),
]
