"""The directory, searched from a contact: the same search the public uses, its first results only."""

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.http import Http404

from directory import selectors as directory
from directory.forms import ServiceSearchForm

RESULTS_SHOWN = 10


def search(params, *, postcode: str = "") -> SimpleNamespace:
    """The search form and, when something was asked for, the first results (nearest first near a postcode).
    Before a search, the form starts from `postcode` (where the person lives) so nobody types it again."""
    asked = {key: value for key, value in params.items() if key in ServiceSearchForm.base_fields}
    form = ServiceSearchForm(params if asked else None, initial={"postcode": postcode})
    if not asked or not form.is_valid():
        return SimpleNamespace(form=form, asked=bool(asked), results=[], search=None)
    wanted = form.search()
    results = list(directory.search_results(wanted)[:RESULTS_SHOWN])
    for service in results:
        service.distance_text = wanted.distance_text(service)

    return SimpleNamespace(form=form, asked=True, results=results, search=wanted)


def service(service_uuid: str):
    """A listed service with the details a signpost copies; None when it is not (or no longer) listed."""
    try:
        return directory.get_listed_service(service_uuid)
    except (Http404, ValueError, ValidationError):
        return None
