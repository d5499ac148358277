"""Small helpers every app's views share."""


def posted(request):
    """The submitted data for a form on a POST, even an empty one (which must show errors), else None."""
    return request.POST if request.method == "POST" else None
