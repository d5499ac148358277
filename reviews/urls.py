from django.urls import path

from reviews import views

urlpatterns = [
    path("", views.review_queue, name="review_queue"),
    path("plans/<int:plan_pk>/go-live/", views.go_live, name="go_live"),
    path("<int:pk>/", views.hold_review, name="hold_review"),
    path("cases/<int:case_pk>/", views.case_review, name="case_review"),
]
