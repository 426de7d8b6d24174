from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import connections, models
from django.urls import reverse
from django.utils import timezone, translation

from education import evidence
from education.folding import fold
from education.images import make_renditions, validate_image_upload, without_metadata
from education.readability import fernandez_huerta, prose_text, reading_grade, smog_grade
from education.rendering import render_markdown

# The languages articles are translated into (English, the default, is the source), and PostgreSQL's text-search
# configuration for each: stemming in the reader's language.
TRANSLATION_LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# Spanish ignores accents: "spanish" with unaccent before stemming (migration 0008).
SEARCH_CONFIGS = {"en": "english", "es": "spanish_unaccent"}


def search_document(language: str = "en"):
    """What PostgreSQL search matches and ranks: title words count most, then the summary, then the body."""
    config = SEARCH_CONFIGS[language]
    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("summary", weight="B", config=config)
        + SearchVector("body_text", weight="C", config=config)
    )


class Topic(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
    description = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("education:topic", kwargs={"slug": self.slug})


class Reviewer(models.Model):
    """A clinician who checks articles for accuracy before they are published or re-dated."""

    key = models.SlugField(unique=True, help_text="Short name used by content files, e.g. medical-director.")
    name = models.CharField(max_length=120)
    credentials = models.CharField(max_length=200, help_text="For example: MD, board-certified psychiatrist.")
    is_sample = models.BooleanField(
        "sample reviewer",
        default=False,
        help_text="Placeholder shipped with the site, not a clinician who has reviewed anything. While a published "
        "article names one, article pages say the content is not yet reviewed and `check --deploy` warns.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The only articles the public may see: published, with a publication date that has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.localdate())

    def review_overdue(self):
        return self.filter(next_review_due__lt=timezone.localdate())

    def awaiting_clinical_review(self):
        """Articles whose named reviewer is a sample placeholder: no clinician has signed them off yet."""
        return self.filter(reviewer__is_sample=True)

    def with_site_review_state(self):
        """Each row knows whether any published article still awaits a real clinician, in the same query."""
        pending = Article.objects.published().awaiting_clinical_review()
        return self.annotate(site_awaits_clinical_review=models.Exists(pending))

    def for_listing(self):
        return self.select_related("topic").only(
            "title", "slug", "summary", "topic__name", "topic__slug", "order", "published_at", "featured"
        )

    def in_topic_order(self):
        """Within one topic (Meta.ordering also sorts by the topic's place, which an index cannot serve)."""
        return self.order_by("order", "title")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    summary = models.CharField(max_length=300, help_text="One or two plain sentences; also the meta description.")
    body = models.TextField(help_text="Markdown. Cite references as [1], [2].")
    body_html = models.TextField(editable=False, default="")
    body_text = models.TextField(editable=False, default="")
    toc = models.JSONField(editable=False, default=list)
    evidence_claims = models.JSONField(
        editable=False, default=list, help_text="Each claim that carries an evidence-strength label, with its level."
    )
    reading_grade = models.DecimalField("reading grade (FK)", max_digits=4, decimal_places=1, editable=False, default=0)
    smog_index = models.DecimalField("SMOG grade", max_digits=4, decimal_places=1, editable=False, default=0)
    word_count = models.PositiveIntegerField(editable=False, default=0)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateField("publication date", null=True, blank=True)
    featured = models.BooleanField(default=False, help_text="Shown on the home page.")
    order = models.PositiveSmallIntegerField(default=0, help_text="Position within its topic.")
    mentions_suicide = models.BooleanField(
        default=False, help_text="Shows the crisis panel at the top of the article (safe-messaging guidance)."
    )

    author = models.CharField(max_length=120)
    reviewer = models.ForeignKey(Reviewer, on_delete=models.PROTECT, related_name="articles")
    last_reviewed = models.DateField()
    next_review_due = models.DateField()

    image = models.ImageField(upload_to="articles/", blank=True, validators=[validate_image_upload])
    image_alt = models.CharField(
        "image alt text", max_length=250, blank=True, help_text="Describe the image for people who cannot see it."
    )
    image_renditions = models.JSONField(editable=False, default=dict)

    edited_in_admin = models.BooleanField(
        default=False, editable=False, help_text="Set when an editor saves it; load_content then leaves it alone."
    )
    source_checksum = models.CharField(max_length=64, editable=False, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up by one each time the title, summary or body changes."
    )
    version_date = models.DateField(
        "version date", null=True, editable=False, help_text="When the title, summary or body last changed."
    )
    # Stored and indexed on PostgreSQL, so search never parses thousands of bodies per query; empty on SQLite.
    search_document = SearchVectorField(null=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    VERSIONED_FIELDS = ("title", "summary", "body")

    class Meta:
        ordering = ["topic__order", "order", "title"]
        indexes = [
            # Published articles and their topics: counted per topic from the index alone.
            models.Index(fields=["status", "published_at", "topic"], name="education_article_published"),
            models.Index(fields=["topic", "order", "title"], name="education_article_listing"),
            models.Index(fields=["order"], condition=models.Q(featured=True), name="education_article_featured"),
            # Created on PostgreSQL only (see migration 0003): SQLite has no GIN indexes and searches without it.
            GinIndex(fields=["search_document"], name="education_article_search"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self._count_version()
        with translation.override(settings.LANGUAGE_CODE):  # evidence labels in English, whoever saves it
            rendered = render_markdown(self.body)
        self.body_html = rendered.html
        self.toc = rendered.toc
        self.body_text = prose_text(rendered.html)
        self.word_count = len(self.body_text.split())
        self.reading_grade = reading_grade(rendered.html)
        self.smog_index = smog_grade(rendered.html)
        self.evidence_claims = [{"level": c.level, "claim": c.claim} for c in evidence.labelled_claims(self.body)]
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.localdate()
        if self.image and not self.image._committed:
            self.image.save(f"{self.slug}.jpg", without_metadata(self.image), save=False)
        if not self.image:
            self.image_renditions = {}
        super().save(*args, **kwargs)
        if connections[self._state.db].vendor == "postgresql":
            Article.objects.using(self._state.db).filter(pk=self.pk).update(search_document=search_document("en"))
        if self.image and self.image_renditions.get("source") != self.image.name:
            self.image_renditions = make_renditions(self.image.name)
            Article.objects.filter(pk=self.pk).update(image_renditions=self.image_renditions)

    def get_absolute_url(self):
        return reverse("education:article_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.last_reviewed and self.next_review_due and self.next_review_due <= self.last_reviewed:
            errors["next_review_due"] = "The next review must be due after the last review."
        if unknown := evidence.unknown_labels(self.body):
            errors["body"] = (
                f"Unknown evidence label {', '.join(unknown)}: use {{strong}}, {{moderate}} or {{early}} after a claim."
            )
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = "Describe the image in a few words so that screen reader users know what it shows."
        if errors:
            raise ValidationError(errors)

    def _count_version(self) -> None:
        """A new version when the words a reader reads change: translations of the old one are then out of date."""
        saved = Article.objects.filter(pk=self.pk).values(*self.VERSIONED_FIELDS).first() if self.pk else None
        if saved is None:
            self.version_date = self.version_date or timezone.localdate()
        elif any(saved[name] != getattr(self, name) for name in self.VERSIONED_FIELDS):
            self.version += 1
            self.version_date = timezone.localdate()

    @property
    def sections(self) -> list[dict]:
        """The headings the page's contents list links to: its sections, not their subsections."""
        return [heading for heading in self.toc if heading["level"] == 2]

    @property
    def is_review_overdue(self) -> bool:
        return self.next_review_due < timezone.localdate()

    def _srcset(self, kind: str) -> str:
        return ", ".join(f"{default_storage.url(name)} {width}w" for width, name in self.image_renditions.get(kind, []))

    @property
    def image_srcset_webp(self) -> str:
        return self._srcset("webp")

    @property
    def image_srcset_jpeg(self) -> str:
        return self._srcset("jpeg")

    @property
    def image_fallback_url(self) -> str:
        jpegs = self.image_renditions.get("jpeg", [])
        return default_storage.url(jpegs[len(jpegs) // 2][1]) if jpegs else ""


class NumberedReference(models.Model):
    number = models.PositiveSmallIntegerField()
    citation = models.TextField()
    url = models.URLField("URL", max_length=500, blank=True, help_text="A DOI link (https://doi.org/…) or a web page.")

    class Meta:
        abstract = True
        ordering = ["number"]

    def __str__(self):
        return f"[{self.number}] {self.citation[:80]}"


class Reference(NumberedReference):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")

    class Meta(NumberedReference.Meta):
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="unique_reference_number")]


class FAQEntry(models.Model):
    question = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True, help_text="The question's anchor on the FAQ page.")
    answer = models.TextField(help_text="Markdown. Cite references as [1], [2].")
    answer_html = models.TextField(editable=False, default="")
    order = models.PositiveSmallIntegerField(default=0)
    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Read more: this article.",
    )

    class Meta:
        ordering = ["order", "question"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            self.answer_html = render_markdown(self.answer, reference_anchor_prefix=f"{self.slug}-ref-").html
        super().save(*args, **kwargs)


class FAQReference(NumberedReference):
    entry = models.ForeignKey(FAQEntry, on_delete=models.CASCADE, related_name="references")

    class Meta(NumberedReference.Meta):
        constraints = [models.UniqueConstraint(fields=["entry", "number"], name="unique_faq_reference_number")]


class GlossaryTerm(models.Model):
    term = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    definition = models.TextField()

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return self.term


class TranslationQuerySet(models.QuerySet):
    def out_of_date(self):
        """Translations of an older version of their English article than the current one."""
        return self.filter(source_version__lt=models.F("article__version"))

    def published(self, language: str):
        return self.filter(language=language, article__in=Article.objects.published())


class ArticleTranslation(models.Model):
    """An article in another language: its own translator, reviewer and review dates, and the English version it
    translates. The references stay the English article's, with the same numbers."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=10, choices=TRANSLATION_LANGUAGES)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, help_text="One or two plain sentences; also the meta description.")
    body = models.TextField(help_text="Markdown. Cite the English article's references by their numbers: [1], [2].")
    body_html = models.TextField(editable=False, default="")
    body_text = models.TextField(editable=False, default="")
    toc = models.JSONField(editable=False, default=list)
    fernandez_huerta = models.DecimalField(
        "readability (Fernández-Huerta)",
        max_digits=5,
        decimal_places=1,
        editable=False,
        default=0,
        help_text="0 to 100, higher is easier; 70 or more is \u201cfairly easy\u201d.",
    )
    word_count = models.PositiveIntegerField(editable=False, default=0)
    translator = models.CharField(max_length=120)
    reviewer = models.ForeignKey(Reviewer, on_delete=models.PROTECT, related_name="translations")
    last_reviewed = models.DateField()
    next_review_due = models.DateField()
    source_version = models.PositiveIntegerField(
        "translation of version", default=1, help_text="The version of the English article this translates."
    )
    edited_in_admin = models.BooleanField(
        default=False, editable=False, help_text="Set when an editor saves it; load_content then leaves it alone."
    )
    source_checksum = models.CharField(max_length=64, editable=False, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_document = SearchVectorField(null=True, editable=False)
    # Lower case, without accents, for search on SQLite (PostgreSQL folds in its search configuration).
    folded_title = models.TextField(editable=False, default="")  # folding can lengthen a title ("ﬁ" to "fi")
    folded_text = models.TextField(editable=False, default="")

    objects = TranslationQuerySet.as_manager()

    class Meta:
        ordering = ["article__title", "language"]
        constraints = [models.UniqueConstraint(fields=["article", "language"], name="unique_article_translation")]
        indexes = [GinIndex(fields=["search_document"], name="education_translation_search")]

    def __str__(self):
        return f"{self.title} ({self.language})"

    def save(self, *args, **kwargs):
        with translation.override(self.language):  # evidence labels and their links in the translation's language
            rendered = render_markdown(self.body)
        self.body_html = rendered.html
        self.toc = rendered.toc
        self.body_text = prose_text(rendered.html)
        self.word_count = len(self.body_text.split())
        self.fernandez_huerta = fernandez_huerta(rendered.html)
        self.folded_title = fold(self.title)
        self.folded_text = fold(f"{self.title}\n{self.summary}\n{self.body_text}")
        super().save(*args, **kwargs)
        if connections[self._state.db].vendor == "postgresql":
            ArticleTranslation.objects.using(self._state.db).filter(pk=self.pk).update(
                search_document=search_document(self.language)
            )

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("education:article_detail", kwargs={"slug": self.article.slug})

    def clean(self):
        errors = {}
        if self.last_reviewed and self.next_review_due and self.next_review_due <= self.last_reviewed:
            errors["next_review_due"] = "The next review must be due after the last review."
        if unknown := evidence.unknown_labels(self.body):
            errors["body"] = f"Unknown evidence label {', '.join(unknown)}: use {{strong}}, {{moderate}} or {{early}}."
        if self.article_id and self.source_version > self.article.version:
            errors["source_version"] = f"The English article is only at version {self.article.version}."
        if errors:
            raise ValidationError(errors)

    @property
    def is_out_of_date(self) -> bool:
        return self.source_version < self.article.version


class TopicTranslation(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=10, choices=TRANSLATION_LANGUAGES)
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["topic", "language"], name="unique_topic_translation")]

    def __str__(self):
        return self.name


class FAQEntryTranslation(models.Model):
    """A question and answer in another language; the page lists the English entry's sources, same numbers."""

    entry = models.ForeignKey(FAQEntry, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=10, choices=TRANSLATION_LANGUAGES)
    question = models.CharField(max_length=200)
    answer = models.TextField(help_text="Markdown. Cite the English entry's sources by their numbers: [1], [2].")
    answer_html = models.TextField(editable=False, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "language"], name="unique_faq_translation")]
        verbose_name = "FAQ entry translation"

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        with translation.override(self.language):
            self.answer_html = render_markdown(self.answer, reference_anchor_prefix=f"{self.entry.slug}-ref-").html
        super().save(*args, **kwargs)


class GlossaryTermTranslation(models.Model):
    """A term in another language; its anchor on the glossary page stays the English term's slug."""

    term = models.ForeignKey(GlossaryTerm, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=10, choices=TRANSLATION_LANGUAGES)
    name = models.CharField("term", max_length=100)
    definition = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "language"], name="unique_glossary_translation")]

    def __str__(self):
        return self.name
