"""Load the shipped content (Markdown articles with front matter, YAML lists) into the database.

Idempotent: a second run changes nothing. An article an editor has saved in the admin is never
overwritten unless `force` is given; topics, reviewers, FAQ entries and glossary terms are only
created when missing (or refreshed with `force`).

Translations live in a folder per language (content/es/): articles/<slug>.md naming the English article they
translate (`translation_of`) and its version (`translation_of_version`), and faq.yaml, glossary.yaml and
topics.yaml whose entries name the English slug. The same rules apply to them.
"""

import datetime
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml
from django.db import transaction
from django.utils.text import slugify

from education.models import (
    TRANSLATION_LANGUAGES,
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

CONTENT_DIR = Path(__file__).resolve().parent / "content"
ARTICLE_KEYS = (
    "title", "slug", "topic", "summary", "published", "author", "reviewer", "last_reviewed", "next_review_due",
    "references",
)  # fmt: skip
TRANSLATION_KEYS = (
    "title", "translation_of", "translation_of_version", "summary", "translator", "reviewer", "last_reviewed",
    "next_review_due",
)  # fmt: skip


class ContentError(Exception):
    """A content file is missing something or names a topic or reviewer that does not exist."""


@dataclass
class LoadReport:
    counts: Counter = field(default_factory=Counter)
    kept: list[str] = field(default_factory=list)

    def note(self, kind: str, outcome: str) -> None:
        self.counts[f"{kind} {outcome}"] += 1

    def summary(self) -> str:
        lines = [f"{key}: {value}" for key, value in sorted(self.counts.items())]
        lines += [f"kept (edited in the admin; use --force to replace): {slug}" for slug in self.kept]
        return "\n".join(lines)


def _read_yaml(name: str, content_dir: Path) -> list[dict]:
    path = content_dir / name
    if not path.exists():
        return []
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def _as_date(value, path: Path, key: str) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ContentError(f"{path.name}: {key} must be a date like 2026-11-20, not {value!r}.") from None


def _replace_references(owner_field: str, owner, references: list[dict], model) -> None:
    model.objects.filter(**{owner_field: owner}).delete()
    model.objects.bulk_create(
        model(**{owner_field: owner}, number=number, citation=ref["citation"].strip(), url=ref.get("url", ""))
        for number, ref in enumerate(references, start=1)
    )


def _load_topics(content_dir: Path, force: bool, report: LoadReport) -> dict[str, Topic]:
    for order, item in enumerate(_read_yaml("topics.yaml", content_dir), start=1):
        defaults = {"name": item["name"], "description": item["description"], "order": order}
        _create_or_refresh(Topic, {"slug": item["slug"]}, defaults, force, report, "topic")
    return {topic.slug: topic for topic in Topic.objects.all()}


def _load_reviewers(content_dir: Path, force: bool, report: LoadReport) -> dict[str, Reviewer]:
    for item in _read_yaml("reviewers.yaml", content_dir):
        defaults = {"name": item["name"], "credentials": item["credentials"], "is_sample": bool(item.get("is_sample"))}
        _create_or_refresh(Reviewer, {"key": item["key"]}, defaults, force, report, "reviewer")
    return {reviewer.key: reviewer for reviewer in Reviewer.objects.all()}


def _create_or_refresh(model, lookup: dict, defaults: dict, force: bool, report: LoadReport, kind: str):
    if force:
        obj, created = model.objects.update_or_create(**lookup, defaults=defaults)
        report.note(kind, "created" if created else "refreshed")
    else:
        obj, created = model.objects.get_or_create(**lookup, defaults=defaults)
        report.note(kind, "created" if created else "unchanged")
    return obj, created


def _article_fields(path: Path, post, topics: dict, reviewers: dict) -> dict:
    meta = post.metadata
    missing = [key for key in ARTICLE_KEYS if key not in meta]
    if missing:
        raise ContentError(f"{path.name}: missing {', '.join(missing)}.")
    if meta["topic"] not in topics:
        raise ContentError(f"{path.name}: unknown topic {meta['topic']!r}.")
    if meta["reviewer"] not in reviewers:
        raise ContentError(f"{path.name}: unknown reviewer {meta['reviewer']!r}.")
    return {
        "title": meta["title"],
        "topic": topics[meta["topic"]],
        "summary": meta["summary"].strip(),
        "body": post.content.strip() + "\n",
        "status": meta.get("status", Article.Status.PUBLISHED),
        "published_at": _as_date(meta["published"], path, "published"),
        "featured": bool(meta.get("featured", False)),
        "order": int(meta.get("order", 0)),
        "mentions_suicide": bool(meta.get("mentions_suicide", False)),
        "author": meta["author"],
        "reviewer": reviewers[meta["reviewer"]],
        "last_reviewed": _as_date(meta["last_reviewed"], path, "last_reviewed"),
        "next_review_due": _as_date(meta["next_review_due"], path, "next_review_due"),
    }


def _read_markdown(path: Path):
    """The file's front matter and body, and the checksum that tells whether it changed since the last load."""
    raw = path.read_bytes()
    return frontmatter.loads(raw.decode("utf-8")), hashlib.sha256(raw).hexdigest()


def _save_from_file(found, new, fields: dict, checksum: str, force: bool, report: LoadReport, kind: str, label: str):
    """`found` (or `new` when there is none) with the file's fields, saved; None when it is kept as it is: edited in
    the admin, or its file unchanged (unless `force`)."""
    if found and not force:
        if found.edited_in_admin:
            report.kept.append(label)
            report.note(kind, "kept")
            return None
        if found.source_checksum == checksum:
            report.note(kind, "unchanged")
            return None
    report.note(kind, "updated" if found else "created")
    row = found or new
    for name, value in fields.items():
        setattr(row, name, value)
    row.source_checksum = checksum
    row.edited_in_admin = False
    row.save()
    return row


def _load_article(path: Path, topics: dict, reviewers: dict, force: bool, report: LoadReport) -> None:
    post, checksum = _read_markdown(path)
    fields = _article_fields(path, post, topics, reviewers)
    slug = post.metadata["slug"]
    found = Article.objects.filter(slug=slug).first()
    article = _save_from_file(found, Article(slug=slug), fields, checksum, force, report, "article", slug)
    if article:
        _replace_references("article", article, post.metadata["references"], Reference)


def _load_faq(content_dir: Path, articles: dict, force: bool, report: LoadReport) -> None:
    for order, item in enumerate(_read_yaml("faq.yaml", content_dir), start=1):
        defaults = {
            "question": item["question"].strip(),
            "answer": item["answer"].strip() + "\n",
            "order": order,
            "article": articles.get(item.get("article")),
        }
        entry, changed = _create_or_refresh(
            FAQEntry, {"slug": slugify(item["question"])[:100]}, defaults, force, report, "faq entry"
        )
        if changed or force:
            _replace_references("entry", entry, item.get("references") or [], FAQReference)


def _load_glossary(content_dir: Path, force: bool, report: LoadReport) -> None:
    for item in _read_yaml("glossary.yaml", content_dir):
        defaults = {"term": item["term"].strip(), "definition": item["definition"].strip()}
        _create_or_refresh(GlossaryTerm, {"slug": slugify(item["term"])}, defaults, force, report, "glossary term")


def _translation_fields(path: Path, post, articles: dict, reviewers: dict) -> dict:
    meta = post.metadata
    missing = [key for key in TRANSLATION_KEYS if key not in meta]
    if missing:
        raise ContentError(f"{path.name}: missing {', '.join(missing)}.")
    if meta["translation_of"] not in articles:
        raise ContentError(f"{path.name}: translation_of names an unknown article {meta['translation_of']!r}.")
    if meta["reviewer"] not in reviewers:
        raise ContentError(f"{path.name}: unknown reviewer {meta['reviewer']!r}.")
    return {
        "title": meta["title"],
        "summary": meta["summary"].strip(),
        "body": post.content.strip() + "\n",
        "translator": meta["translator"],
        "reviewer": reviewers[meta["reviewer"]],
        "last_reviewed": _as_date(meta["last_reviewed"], path, "last_reviewed"),
        "next_review_due": _as_date(meta["next_review_due"], path, "next_review_due"),
        "source_version": int(meta["translation_of_version"]),
    }


def _load_translation(path: Path, language: str, articles: dict, reviewers: dict, force: bool, report) -> None:
    post, checksum = _read_markdown(path)
    fields = _translation_fields(path, post, articles, reviewers)
    article = articles[post.metadata["translation_of"]]
    found = ArticleTranslation.objects.filter(article=article, language=language).first()
    new = ArticleTranslation(article=article, language=language)
    _save_from_file(found, new, fields, checksum, force, report, "article translation", f"{language}/{article.slug}")


def _source(model, item: dict, path: Path):
    """The English row an entry of a translated YAML list names in `translation_of` (its slug)."""
    source = model.objects.filter(slug=item.get("translation_of")).first()
    if source is None:
        name = model._meta.verbose_name
        raise ContentError(f"{path.name}: translation_of names an unknown {name} {item.get('translation_of')!r}.")
    return source


# Each translated list: its file, the English model, the translation's link to it and model, and which YAML key
# fills which field.
TRANSLATED_LISTS = [
    ("topics.yaml", Topic, "topic", TopicTranslation, {"name": "name", "description": "description"}),
    ("faq.yaml", FAQEntry, "entry", FAQEntryTranslation, {"question": "question", "answer": "answer"}),
    ("glossary.yaml", GlossaryTerm, "term", GlossaryTermTranslation, {"term": "name", "definition": "definition"}),
]


def _load_translated_lists(content_dir: Path, language: str, force: bool, report: LoadReport) -> None:
    folder = content_dir / language
    for name, source_model, link, model, keys in TRANSLATED_LISTS:
        for item in _read_yaml(name, folder):
            source = _source(source_model, item, folder / name)
            defaults = {field: str(item[key]).strip() for key, field in keys.items()}
            _create_or_refresh(
                model, {link: source, "language": language}, defaults, force, report, f"{link} translation"
            )


def _load_translations(content_dir: Path, reviewers: dict, force: bool, report: LoadReport) -> None:
    articles = {article.slug: article for article in Article.objects.only("pk", "slug", "version")}
    for language, _name in TRANSLATION_LANGUAGES:
        for path in sorted((content_dir / language / "articles").glob("*.md")):
            _load_translation(path, language, articles, reviewers, force, report)
        _load_translated_lists(content_dir, language, force, report)


@transaction.atomic
def load_content(content_dir: Path = CONTENT_DIR, *, force: bool = False) -> LoadReport:
    report = LoadReport()
    topics = _load_topics(content_dir, force, report)
    reviewers = _load_reviewers(content_dir, force, report)
    for path in sorted((content_dir / "articles").glob("*.md")):
        _load_article(path, topics, reviewers, force, report)
    articles = {article.slug: article for article in Article.objects.only("pk", "slug")}
    _load_faq(content_dir, articles, force, report)
    _load_glossary(content_dir, force, report)
    _load_translations(content_dir, reviewers, force, report)
    return report
