from django.urls import path

from contact import public_views as views

urlpatterns = [
    path("", views.contact_us, name="contact_us"),
    path("urgent-help/", views.contact_us_urgent, name="contact_us_urgent"),
    path("check-your-answers/", views.contact_us_check, name="contact_us_check"),
    path("sent/", views.contact_us_sent, name="contact_us_sent"),
    path("<slug:step>/", views.contact_us_step, name="contact_us_step"),
]
