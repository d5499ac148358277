"""The public directory: search for local services and read about one. No sign-in, and no JavaScript needed."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from config.pagination import page_of, pagination
from directory import selectors
from directory.access import public
from directory.forms import ServiceSearchForm
from directory.geo import describe_distance


@public
@require_GET
def search(request):
    form = ServiceSearchForm(request.GET or None)
    context = {"form": form}
    if not form.is_bound or form.is_valid():
        search = form.search()
        page = page_of(request, selectors.with_categories(selectors.search_services(search)), per_page=20)
        for service in page:
            if search.near is not None:
                service.distance_text = describe_distance(service.distance)
        context |= {"search": search, "page": page, "pagination": pagination(request, page)}
    return render(request, "directory/search.html", context)


@public
@require_GET
def service_detail(request, service_uuid):
    service = selectors.get_listed_service(service_uuid)
    return render(request, "directory/service_detail.html", {"service": service})
