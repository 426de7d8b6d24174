import datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from education.models import (
    Article,
    ArticleTranslation,
    FAQEntry,
    FAQEntryTranslation,
    FAQReference,
    GlossaryTerm,
    GlossaryTermTranslation,
    Reference,
    Reviewer,
    Topic,
    TopicTranslation,
)
from education.views import article_page

REVIEW_INTERVAL_DAYS = 365


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Review overdue"), ("current", "Review up to date")]

    def queryset(self, request, queryset):
        overdue = queryset.review_overdue()
        if self.value() == "overdue":
            return overdue
        if self.value() == "current":
            return queryset.exclude(pk__in=overdue.values("pk"))
        return queryset


class ClinicalReviewFilter(admin.SimpleListFilter):
    title = "clinical review"
    parameter_name = "clinical_review"

    def lookups(self, request, model_admin):
        return [("sample", "Needs review by a real clinician"), ("real", "Reviewed by a real clinician")]

    def queryset(self, request, queryset):
        if self.value() == "sample":
            return queryset.awaiting_clinical_review()
        if self.value() == "real":
            return queryset.exclude(reviewer__is_sample=True)
        return queryset


class TranslationOutOfDateFilter(admin.SimpleListFilter):
    """Articles with a translation of an older English version: the translation needs updating and a new review."""

    title = "translation"
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [("out_of_date", "Translation out of date"), ("missing", "Not translated")]

    def queryset(self, request, queryset):
        if self.value() == "out_of_date":
            return queryset.filter(pk__in=ArticleTranslation.objects.out_of_date().values("article"))
        if self.value() == "missing":
            return queryset.exclude(pk__in=ArticleTranslation.objects.values("article"))
        return queryset


def translation_state(translation: ArticleTranslation) -> str:
    """What an editor needs to know: whether it still says what the English says."""
    if translation.is_out_of_date:
        return f"out of date: translates version {translation.source_version} of {translation.article.version}"
    return "up to date"


class ArticleTranslationInline(admin.StackedInline):
    model = ArticleTranslation
    extra = 0
    fields = [
        "language", "title", "summary", "body", "translator", "reviewer", "last_reviewed", "next_review_due",
        "source_version", "fernandez_huerta",
    ]  # fmt: skip
    readonly_fields = ["fernandez_huerta"]


class NumberedReferenceInline(admin.TabularInline):
    fields = ["number", "citation", "url"]


class ReferenceInline(NumberedReferenceInline):
    model = Reference
    extra = 1


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title", "topic", "status", "reviewer", "clinical_review", "reading_grade", "smog_index", "labelled_claims",
        "next_review_due", "review_state", "version", "translations_state",
    ]  # fmt: skip
    list_filter = ["topic", "status", ClinicalReviewFilter, ReviewOverdueFilter, TranslationOutOfDateFilter]
    search_fields = ["title", "summary", "body"]
    list_select_related = ["topic", "reviewer"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ReferenceInline, ArticleTranslationInline]
    actions = ["publish", "mark_reviewed_today"]
    readonly_fields = [
        "reading_grade", "smog_index", "word_count", "preview_link", "updated_at", "evidence_labels", "version",
        "version_date",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["title", "slug", "topic", "summary", "body"]}),
        ("Publishing", {"fields": ["status", "published_at", "featured", "order", "mentions_suicide", "preview_link"]}),
        ("Authorship and review", {"fields": ["author", "reviewer", "last_reviewed", "next_review_due"]}),
        ("Image", {"fields": ["image", "image_alt"], "classes": ["collapse"]}),
        ("Readability", {"fields": ["reading_grade", "smog_index", "word_count", "updated_at"]}),
        ("Version", {"fields": ["version", "version_date"]}),
        ("Evidence labels", {"fields": ["evidence_labels"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    @admin.display(description="Translations")
    def translations_state(self, article):
        """Each translation: up to date or the version it translates, and its Fernández-Huerta reading ease."""
        translations = sorted(article.translations.all(), key=lambda t: t.language)
        if not translations:
            return "None"
        for found in translations:
            found.article = article  # already loaded: no query per row
        return format_html_join(
            mark_safe("<br>"),
            "{}: {} (Fernández-Huerta {})",
            ((t.language, translation_state(t), t.fernandez_huerta) for t in translations),
        )

    @admin.display(description="Clinical review", ordering="reviewer__is_sample")
    def clinical_review(self, article):
        return "Needs real review (sample reviewer)" if article.reviewer.is_sample else "Real reviewer"

    @admin.display(description="Evidence labels")
    def labelled_claims(self, article):
        return len(article.evidence_claims)

    @admin.display(description="Claims with an evidence label")
    def evidence_labels(self, article):
        """What readers see labelled; write {strong}, {moderate} or {early} after a claim to add one."""
        if not article.evidence_claims:
            return "None yet. Write {strong}, {moderate} or {early} straight after a claim (before its full stop)."
        rows = format_html_join(
            "", "<tr><td>{}</td><td>{}</td></tr>", ((c["level"].title(), c["claim"]) for c in article.evidence_claims)
        )
        return format_html("<table><thead><tr><th>Level</th><th>Claim</th></tr></thead><tbody>{}</tbody></table>", rows)

    @admin.display(description="Review", boolean=False)
    def review_state(self, article):
        return "Overdue" if article.is_review_overdue else "Up to date"

    @admin.display(description="Preview")
    def preview_link(self, article):
        if not article.pk:
            return "Save the article to preview it."
        url = reverse("admin:education_article_preview", args=[article.pk])
        return format_html('<a href="{}">Preview this article as readers will see it</a>', url)

    def get_urls(self):
        preview = path(
            "<int:pk>/preview/", self.admin_site.admin_view(self.preview_view), name="education_article_preview"
        )
        return [preview, *super().get_urls()]

    def preview_view(self, request, pk):
        """The public article template, for drafts too, behind the editor's login."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        article = get_object_or_404(Article.objects.with_site_review_state().select_related("topic", "reviewer"), pk=pk)
        context = article_page(article) | {"related": [], "preview": True}
        response = render(request, "education/article_detail.html", context)
        response["X-Robots-Tag"] = "noindex"
        return response

    def save_model(self, request, obj, form, change):
        obj.edited_in_admin = True
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is ArticleTranslation:
            for translation in formset.save(commit=False):
                translation.edited_in_admin = True
                translation.save()
            for deleted in formset.deleted_objects:
                deleted.delete()
            return
        super().save_formset(request, form, formset, change)

    @admin.action(description="Publish the selected articles", permissions=["change"])
    def publish(self, request, queryset):
        today = timezone.localdate()
        count = 0
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            article.status = Article.Status.PUBLISHED
            article.published_at = article.published_at or today
            article.edited_in_admin = True
            article.save()
            count += 1
        self.message_user(request, f"Published {count} article(s).", messages.SUCCESS)

    @admin.action(description="Mark the selected articles reviewed today", permissions=["change"])
    def mark_reviewed_today(self, request, queryset):
        today = timezone.localdate()
        count = 0
        for article in queryset:  # saved one by one, not update(): the articles' pages show their review dates
            article.last_reviewed = today
            article.next_review_due = today + datetime.timedelta(days=REVIEW_INTERVAL_DAYS)
            article.edited_in_admin = True
            article.save()
            count += 1
        self.message_user(request, f"Marked {count} article(s) reviewed today.", messages.SUCCESS)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials", "is_sample"]
    list_filter = ["is_sample"]


class FAQReferenceInline(NumberedReferenceInline):
    model = FAQReference
    extra = 0


@admin.register(FAQEntry)
class FAQEntryAdmin(admin.ModelAdmin):
    list_display = ["question", "order", "article"]
    search_fields = ["question", "answer"]
    prepopulated_fields = {"slug": ["question"]}
    inlines = [FAQReferenceInline]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term"]
    search_fields = ["term", "definition"]
    prepopulated_fields = {"slug": ["term"]}


class OutOfDateFilter(admin.SimpleListFilter):
    title = "English version"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("out_of_date", "Out of date"), ("up_to_date", "Up to date")]

    def queryset(self, request, queryset):
        if self.value() == "out_of_date":
            return queryset.out_of_date()
        if self.value() == "up_to_date":
            return queryset.exclude(pk__in=queryset.out_of_date().values("pk"))
        return queryset


@admin.register(ArticleTranslation)
class ArticleTranslationAdmin(admin.ModelAdmin):
    list_display = ["title", "article", "language", "state", "fernandez_huerta", "reviewer", "next_review_due"]
    list_filter = ["language", OutOfDateFilter]
    list_select_related = ["article", "reviewer"]
    search_fields = ["title", "summary", "body", "article__title"]
    readonly_fields = ["fernandez_huerta", "word_count", "updated_at"]
    fields = [
        "article", "language", "title", "summary", "body", "translator", "reviewer", "last_reviewed",
        "next_review_due", "source_version", "fernandez_huerta", "word_count", "updated_at",
    ]  # fmt: skip
    actions = ["mark_current"]

    @admin.display(description="State")
    def state(self, translation):
        return translation_state(translation)

    def save_model(self, request, obj, form, change):
        obj.edited_in_admin = True
        super().save_model(request, obj, form, change)

    @admin.action(description="Mark as translating the current English version, reviewed today", permissions=["change"])
    def mark_current(self, request, queryset):
        today = timezone.localdate()
        count = 0
        for translation in queryset.select_related("article"):
            translation.source_version = translation.article.version
            translation.last_reviewed = today
            translation.next_review_due = today + datetime.timedelta(days=REVIEW_INTERVAL_DAYS)
            translation.edited_in_admin = True
            translation.save()
            count += 1
        self.message_user(request, f"Marked {count} translation(s) current and reviewed today.", messages.SUCCESS)


@admin.register(TopicTranslation)
class TopicTranslationAdmin(admin.ModelAdmin):
    list_display = ["name", "topic", "language"]
    list_filter = ["language"]


@admin.register(FAQEntryTranslation)
class FAQEntryTranslationAdmin(admin.ModelAdmin):
    list_display = ["question", "entry", "language"]
    list_filter = ["language"]
    search_fields = ["question", "answer"]


@admin.register(GlossaryTermTranslation)
class GlossaryTermTranslationAdmin(admin.ModelAdmin):
    list_display = ["name", "term", "language"]
    list_filter = ["language"]
    search_fields = ["name", "definition"]
