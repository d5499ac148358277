"""Reads of urgent interim support: the directory's providers to choose from, and the urgent support that names an
organisation (what someone there may see)."""

from django.db.models import Q, QuerySet

from directory.models import Organization
from reviews import providers
from reviews.interim_models import InterimSupport


def directory_providers() -> list[str]:
    """The names of the organisations the directory lists with a service running, to choose from."""
    return list(
        Organization.objects.filter(services__status="active")
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)
    )


def interim_naming(organisation: Organization) -> QuerySet[InterimSupport]:
    """The urgent support running now that names the organisation: chosen from the directory, or by its name as the
    directory lists it (ignoring case and spacing), as reviews.providers does for plans. Nothing looser."""
    return (
        InterimSupport.objects.filter(status=InterimSupport.Status.RUNNING)
        .annotate(provider_key=providers.name_key("provider"))
        .filter(Q(organisation=organisation) | Q(provider_key=providers.provider_key(organisation.name)))
        .select_related("case__person")
        .order_by("case__person__family_name", "case__person__given_name", "pk")
    )
