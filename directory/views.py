"""The public directory: search for local services, read about one, and keep a list of them to print or email.
No sign-in, and no JavaScript needed (htmx swaps the list buttons in place where it can)."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config import ratelimit
from config.access import public
from config.pagination import page_of, pagination
from config.requests import safe_next
from directory import saved_list, selectors, tasks
from directory.forms import DEFAULT_RADIUS, ServiceSearchForm
from directory.list_forms import EmailListForm
from directory.saved_list import Added, SavedList

LIST_FULL = (
    f"Your list is full: it can hold {saved_list.MOST_SERVICES} services. Remove one to add another, "
    "or print or email the list you have."
)


@public
@require_GET
def search(request):
    form = ServiceSearchForm(_with_defaults(request.GET) or None)
    context = {"form": form}
    if not form.is_bound or form.is_valid():
        search = form.search()
        results = selectors.search_results(search)
        page = page_of(request, results, per_page=20)
        saved = SavedList(request.session)
        for service in page:
            service.saved = service.uuid in saved
            service.distance_text = search.distance_text(service)
        context |= {
            "search": search,
            "page": page,
            "pagination": pagination(request, page),
            "nearest_only": getattr(results, "more_than_limit", False),
            "nearest_limit": selectors.NEAREST_LIMIT,
        }
    return render(request, "directory/search.html", context | _list_link(request))


def _with_defaults(query):
    """A link to the search that does not say which cost or how far (from a bookmark, another page) should show the
    form as an empty search does: "Free or paid" ticked and the default distance chosen. Otherwise the form would
    show no cost at all, and the first distance in the list while the results use the default, so pressing Search
    again would quietly narrow the search."""
    if not query or ("cost" in query and query.get("radius")):
        return query
    query = query.copy()
    query.setdefault("cost", "")
    if not query.get("radius"):
        query["radius"] = DEFAULT_RADIUS.value
    return query


@public
@require_GET
def service_detail(request, service_uuid):
    service = selectors.get_listed_service(service_uuid)
    service.saved = service.uuid in SavedList(request.session)
    return render(request, "directory/service_detail.html", {"service": service} | _list_link(request))


def _list_link(request) -> dict:
    """What the "Your list (3)" link needs."""
    return {"saved_count": len(SavedList(request.session))}


# The saved list


@public
@require_GET
def saved_list_page(request):
    saved = SavedList(request.session)
    services = selectors.saved_services(saved.uuids)
    saved.keep_only(service.uuid for service in services)
    context = {
        "services": services,
        "most_services": saved_list.MOST_SERVICES,
        "session_minutes": request.session.get_expiry_age() // 60,
    }
    return render(request, "directory/saved_list.html", context)


@public
@require_POST
def saved_list_add(request):
    service = selectors.listed_service_for_list(request.POST.get("service", ""))
    added = SavedList(request.session).add(service.uuid)
    if added is Added.LIST_FULL and not request.htmx:
        messages.error(request, LIST_FULL)
    return _list_button_answer(request, service, list_full=added is Added.LIST_FULL)


@public
@require_POST
def saved_list_remove(request):
    service = selectors.listed_service_for_list(request.POST.get("service", ""))
    SavedList(request.session).remove(service.uuid)
    return _list_button_answer(request, service)


def _list_button_answer(request, service, *, list_full: bool = False):
    """htmx gets the new button (and the list's new size); a plain form goes back where it came from."""
    back_to = safe_next(request) or service.get_absolute_url()
    if request.htmx:
        saved = SavedList(request.session)
        service.saved = service.uuid in saved
        context = {
            "service": service,
            "next": back_to,
            "as_link": request.POST.get("as_link") == "1",
            "list_full": list_full,
            "saved_count": len(saved),
            "swapped": True,
        }
        return render(request, "directory/_list_button.html", context)
    if "#" not in back_to:
        back_to += f"#list-button-{service.uuid}"  # back to the button they pressed, not the top of the page
    return redirect(back_to)


@public
@require_http_methods(["GET", "POST"])
def saved_list_email(request):
    saved = SavedList(request.session)
    services = selectors.saved_services(saved.uuids)
    allowance = ratelimit.allowance(request, saved_list.EMAILS)
    may_send = bool(services) and allowance.allowed
    form = EmailListForm(request.POST if request.method == "POST" and may_send else None)
    if form.is_bound and form.is_valid():
        to = form.cleaned_data["email"]
        uuids = [str(service.uuid) for service in services]
        site_url = request.build_absolute_uri("/")
        transaction.on_commit(lambda: tasks.email_saved_list_task.delay(to, uuids, site_url))
        ratelimit.record(request, saved_list.EMAILS)
        saved_list.record_email(request.session, to=to)
        return redirect("directory_list_email_sent")
    context = {
        "form": form,
        "services": services,
        "allowance": allowance,
        "emails_per_window": saved_list.EMAILS.per_session,
        "next_send_time": timezone.localtime(allowance.next_at).time() if allowance.next_at else None,
    }
    too_many = request.method == "POST" and bool(services) and not allowance.allowed
    return render(request, "directory/saved_list_email.html", context, status=429 if too_many else 200)


@public
@require_GET
def saved_list_email_sent(request):
    to = saved_list.emailed_to(request.session)
    if to is None:
        return redirect("directory_list")
    return render(request, "directory/saved_list_email_sent.html", {"email": to})
