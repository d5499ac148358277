"""What every versioned configuration's screens do the same way (`cases.versioning`): start a draft from a
version, and publish a draft with the date it takes effect. Each app's view keeps its own URL, access rule and
words, and hands the rest to these."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from cases import versioning


class PublishForm(forms.Form):
    effective_from = forms.DateField(
        label="The date it takes effect",
        error_messages={
            "required": "Enter the date it takes effect, like 2027-04-01",
            "invalid": "Enter the date it takes effect as a real date, like 2027-04-01",
        },
    )


def publish_form_for(version: versioning.VersionedConfiguration) -> PublishForm:
    """The form on a draft's page: its proposed date, or today when that has passed."""
    return PublishForm(initial={"effective_from": max(version.effective_from, timezone.localdate())})


def start_draft(request, model: type[versioning.VersionedConfiguration], pk: int, *, then: str, message: str):
    """Start (or reopen) the draft from version `pk` and go to its page, the URL named `then`. `message` is
    formatted with the draft's `version`."""
    source = get_object_or_404(model, pk=pk)
    draft = versioning.start_draft(actor=request.user, source=source)
    messages.success(request, message.format(version=draft.version))
    return redirect(then, pk=draft.pk)


def publish(
    request, model: type[versioning.VersionedConfiguration], pk: int, *, back: str, then: str, message: str
):
    """Publish draft `pk` from the publish form; refused, back to the draft's page (the URL named `back`) saying
    why; published, to the URL named `then`. `message` is formatted with `version` and `effective_from`."""
    version = get_object_or_404(model, pk=pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["effective_from"][0])
        return redirect(back, pk=version.pk)
    effective_from = form.cleaned_data["effective_from"]
    try:
        versioning.publish(actor=request.user, version=version, effective_from=effective_from)
    except versioning.CannotPublish as refused:
        messages.error(request, f"Version {version.version} cannot be published yet: {refused}")
        return redirect(back, pk=version.pk)
    messages.success(request, message.format(version=version.version, effective_from=version.effective_from))
    return redirect(then)
