"""A stored, GIN-indexed search document for each article (PostgreSQL); on SQLite the column stays empty."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.contrib.postgres.search import SearchVector
from django.db import migrations


class AddIndexOnPostgreSQL(migrations.AddIndex):
    """SQLite has no GIN indexes: the index is recorded in the model state everywhere but built only on PostgreSQL."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def fill_search_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Article = apps.get_model("education", "Article")
    Article.objects.using(schema_editor.connection.alias).update(
        search_document=SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector("body_text", weight="C", config="english")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0002_content_editors_group"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        AddIndexOnPostgreSQL(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(fields=["search_document"], name="education_article_search"),
        ),
        migrations.RunPython(fill_search_documents, migrations.RunPython.noop),
    ]
