from django.contrib import admin
from django.urls import include, path

from cases.admin_site import restrict_admin_to_council_admins
from support_planning.views import plan_submit
from validation.services import agree_within_tolerance

restrict_admin_to_council_admins(admin.site)

urlpatterns = [
    path("accounts/", include("cases.account_urls")),
    path("admin/", admin.site.urls),
    path("directory/", include("directory.urls")),
    path("contact/", include("contact.urls")),
    path("contact-us/", include("contact.public_urls")),
    path("assessments/", include("assessment.urls")),
    path("self-assessment/", include("assessment.citizen_urls")),
    path("budgets/", include("ras.urls")),
    # Sending a plan, where sign-off agrees a change within the council's tolerance for changes as it is sent:
    # the stages meet here, where the project is put together, as support planning may not know sign-off.
    path("plans/<int:plan_pk>/submit/", plan_submit, {"decide": agree_within_tolerance}, name="plan_submit"),
    path("plans/", include("support_planning.urls")),
    path("sign-off/", include("validation.urls")),
    path("panel/", include("validation.panel_urls")),
    path("reviews/", include("reviews.urls")),
    # A citizen's own case, with the decisions of every stage: served by the latest stage it reads.
    path("your-case/", include("ras.citizen_urls")),
    # ... and how their support is going, told before a review: served by reviews.
    path("your-case/", include("reviews.citizen_urls")),
    path("", include("cases.urls")),
]
