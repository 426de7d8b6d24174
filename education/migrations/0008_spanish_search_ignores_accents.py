"""Spanish search ignores accents: on PostgreSQL a 'spanish_unaccent' search configuration (unaccent, then the
Spanish stemmer) and the translations' search documents rebuilt with it; on SQLite folded copies of each
translation's title and text (lower case, no accents) for the word match."""

from django.contrib.postgres.operations import UnaccentExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models

from education.folding import fold

CREATE_CONFIG = """
CREATE TEXT SEARCH CONFIGURATION spanish_unaccent (COPY = spanish);
ALTER TEXT SEARCH CONFIGURATION spanish_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
"""
DROP_CONFIG = "DROP TEXT SEARCH CONFIGURATION spanish_unaccent;"


class RunSQLOnPostgreSQL(migrations.RunSQL):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def _search_documents(config):
    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("summary", weight="B", config=config)
        + SearchVector("body_text", weight="C", config=config)
    )


def _rebuild(apps, schema_editor, config):
    if schema_editor.connection.vendor != "postgresql":
        return
    ArticleTranslation = apps.get_model("education", "ArticleTranslation")
    ArticleTranslation.objects.using(schema_editor.connection.alias).filter(language="es").update(
        search_document=_search_documents(config)
    )


def fold_and_rebuild(apps, schema_editor):
    ArticleTranslation = apps.get_model("education", "ArticleTranslation")
    translations = ArticleTranslation.objects.using(schema_editor.connection.alias)
    for translation in translations.only("title", "summary", "body_text"):
        translations.filter(pk=translation.pk).update(
            folded_title=fold(translation.title),
            folded_text=fold(f"{translation.title}\n{translation.summary}\n{translation.body_text}"),
        )
    _rebuild(apps, schema_editor, "spanish_unaccent")


def rebuild_without_unaccent(apps, schema_editor):
    _rebuild(apps, schema_editor, "spanish")


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0007_translations"),
    ]

    operations = [
        UnaccentExtension(),
        RunSQLOnPostgreSQL(CREATE_CONFIG, DROP_CONFIG),
        migrations.AddField(
            model_name="articletranslation",
            name="folded_title",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="articletranslation",
            name="folded_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fold_and_rebuild, rebuild_without_unaccent),
    ]
