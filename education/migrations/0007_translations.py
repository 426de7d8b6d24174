"""Articles, topics, FAQ entries and glossary terms in other languages; a version number on each article."""

import importlib

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

from clinic_site.groups import ensure_group

AddIndexOnPostgreSQL = importlib.import_module("education.migrations.0003_article_search_document").AddIndexOnPostgreSQL


def date_the_first_versions(apps, schema_editor):
    """Every existing article is version 1, dated by its last change."""
    Article = apps.get_model("education", "Article")
    for article in Article.objects.using(schema_editor.connection.alias).only("updated_at"):
        Article.objects.filter(pk=article.pk).update(version_date=article.updated_at.date())


def editors_may_edit_translations(apps, schema_editor):
    ensure_group(apps, name="Content editors", app_label="education")


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0006_reviewer_is_sample_article_smog_and_evidence"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="version",
            field=models.PositiveIntegerField(
                default=1, editable=False, help_text="Goes up by one each time the title, summary or body changes."
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="version_date",
            field=models.DateField(
                editable=False,
                help_text="When the title, summary or body last changed.",
                null=True,
                verbose_name="version date",
            ),
        ),
        migrations.CreateModel(
            name="ArticleTranslation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(choices=[("es", "Español")], max_length=10)),
                ("title", models.CharField(max_length=200)),
                (
                    "summary",
                    models.CharField(
                        help_text="One or two plain sentences; also the meta description.", max_length=300
                    ),
                ),
                (
                    "body",
                    models.TextField(
                        help_text="Markdown. Cite the English article's references by their numbers: [1], [2]."
                    ),
                ),
                ("body_html", models.TextField(default="", editable=False)),
                ("body_text", models.TextField(default="", editable=False)),
                ("toc", models.JSONField(default=list, editable=False)),
                (
                    "fernandez_huerta",
                    models.DecimalField(
                        decimal_places=1,
                        default=0,
                        editable=False,
                        help_text="0 to 100, higher is easier; 70 or more is “fairly easy”.",
                        max_digits=5,
                        verbose_name="readability (Fernández-Huerta)",
                    ),
                ),
                ("word_count", models.PositiveIntegerField(default=0, editable=False)),
                ("translator", models.CharField(max_length=120)),
                ("last_reviewed", models.DateField()),
                ("next_review_due", models.DateField()),
                (
                    "source_version",
                    models.PositiveIntegerField(
                        default=1,
                        help_text="The version of the English article this translates.",
                        verbose_name="translation of version",
                    ),
                ),
                (
                    "edited_in_admin",
                    models.BooleanField(
                        default=False,
                        editable=False,
                        help_text="Set when an editor saves it; load_content then leaves it alone.",
                    ),
                ),
                ("source_checksum", models.CharField(blank=True, editable=False, max_length=64)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("search_document", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="translations", to="education.article"
                    ),
                ),
                (
                    "reviewer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="translations",
                        to="education.reviewer",
                    ),
                ),
            ],
            options={
                "ordering": ["article__title", "language"],
                "constraints": [
                    models.UniqueConstraint(fields=("article", "language"), name="unique_article_translation")
                ],
            },
        ),
        migrations.CreateModel(
            name="FAQEntryTranslation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(choices=[("es", "Español")], max_length=10)),
                ("question", models.CharField(max_length=200)),
                (
                    "answer",
                    models.TextField(
                        help_text="Markdown. Cite the English entry's sources by their numbers: [1], [2]."
                    ),
                ),
                ("answer_html", models.TextField(default="", editable=False)),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translations",
                        to="education.faqentry",
                    ),
                ),
            ],
            options={
                "verbose_name": "FAQ entry translation",
                "constraints": [models.UniqueConstraint(fields=("entry", "language"), name="unique_faq_translation")],
            },
        ),
        migrations.CreateModel(
            name="GlossaryTermTranslation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(choices=[("es", "Español")], max_length=10)),
                ("name", models.CharField(max_length=100, verbose_name="term")),
                ("definition", models.TextField()),
                (
                    "term",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translations",
                        to="education.glossaryterm",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("term", "language"), name="unique_glossary_translation")
                ],
            },
        ),
        migrations.CreateModel(
            name="TopicTranslation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(choices=[("es", "Español")], max_length=10)),
                ("name", models.CharField(max_length=100)),
                ("description", models.CharField(max_length=300)),
                (
                    "topic",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="translations", to="education.topic"
                    ),
                ),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("topic", "language"), name="unique_topic_translation")],
            },
        ),
        AddIndexOnPostgreSQL(
            model_name="articletranslation",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_document"], name="education_translation_search"
            ),
        ),
        migrations.RunPython(date_the_first_versions, migrations.RunPython.noop),
        migrations.RunPython(editors_may_edit_translations, migrations.RunPython.noop),
    ]
