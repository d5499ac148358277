from django.urls import path

from ras import citizen_views

urlpatterns = [
    path("<int:pk>/", citizen_views.citizen_case, name="citizen_case"),
]
