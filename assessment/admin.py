"""Editing a draft questionnaire (council admins, in the configuration screens). A published version is
read-only here: the service starts a new draft from it instead."""

from django.contrib import admin

from assessment.models import Domain, GlossaryTerm, Option, Question, Questionnaire
from cases.admin import ChangedOnlyWhileDraft


class DraftsOnly(ChangedOnlyWhileDraft):
    """Changes only while the questionnaire is a draft."""

    @staticmethod
    def version_of(obj):
        if isinstance(obj, Questionnaire):
            return obj
        if isinstance(obj, Domain):
            return obj.questionnaire
        if isinstance(obj, Question):
            return obj.domain.questionnaire
        return obj.question.domain.questionnaire


class DomainInline(DraftsOnly, admin.TabularInline):
    model = Domain
    fields = ["order", "key", "title", "screening_question", "outcomes"]
    show_change_link = True
    extra = 0


class GlossaryInline(DraftsOnly, admin.TabularInline):
    model = GlossaryTerm
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(DraftsOnly, admin.ModelAdmin):
    list_display = ["title", "kind", "version", "status", "published_at"]
    list_filter = ["kind", "status"]
    fields = ["title", "introduction"]
    inlines = [DomainInline, GlossaryInline]

    def has_add_permission(self, request, obj=None):
        return False  # a new version starts as a copy: see "Questionnaires" in the service


class QuestionInline(DraftsOnly, admin.StackedInline):
    model = Question
    fields = ["order", "key", "text", "hint"]
    show_change_link = True
    extra = 0


@admin.register(Domain)
class DomainAdmin(DraftsOnly, admin.ModelAdmin):
    list_display = ["title", "questionnaire", "order"]
    list_filter = ["questionnaire"]
    exclude = ["questionnaire"]
    inlines = [QuestionInline]

    def has_module_permission(self, request):
        return False  # reached from its questionnaire

    def has_add_permission(self, request, obj=None):
        return False  # added in its questionnaire's page


class OptionInline(DraftsOnly, admin.TabularInline):
    model = Option
    fields = ["order", "label", "description", "points"]
    extra = 0


@admin.register(Question)
class QuestionAdmin(DraftsOnly, admin.ModelAdmin):
    exclude = ["domain"]
    inlines = [OptionInline]

    def has_module_permission(self, request):
        return False  # reached from its area of life

    def has_add_permission(self, request, obj=None):
        return False  # added in its area of life's page
