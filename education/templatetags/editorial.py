"""What the admin home shows editors about the state of the content."""

from django import template

from education.models import Article

register = template.Library()


@register.simple_tag
def articles_awaiting_clinical_review():
    """Every article (drafts too) whose named reviewer is a sample, so editors see what is left before launch."""
    return list(Article.objects.awaiting_clinical_review().select_related("reviewer").order_by("title"))
