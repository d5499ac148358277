"""Long lists a page at a time, in the shape templates/govuk/pagination.html expects. Shared by every app
(the directory may import none of the others), so it lives in the project package."""

from django.core.paginator import Page, Paginator

PER_PAGE = 25


def page_of(request, items, per_page: int = PER_PAGE, *, count: int | None = None) -> Page:
    """The page the request asks for (the nearest real one to a page number that is not). With `count`, the number
    of items already known, they are not counted again."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # a cached property: set, it is not worked out
    return paginator.get_page(request.GET.get("page"))


def pagination(request, page: Page) -> dict:
    """Links for the GOV.UK pagination component, keeping the rest of the query: Previous 1 … 4 5 6 … 20 Next."""
    query = request.GET.copy()

    def href(number: int) -> str:
        query["page"] = number
        return f"?{query.urlencode()}"

    links = [
        {"ellipsis": True}
        if number == page.paginator.ELLIPSIS
        else {"number": number, "href": href(number), "current": number == page.number}
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    return {
        "page": page,
        "links": links,
        "previous_href": href(page.previous_page_number()) if page.has_previous() else None,
        "next_href": href(page.next_page_number()) if page.has_next() else None,
    }
