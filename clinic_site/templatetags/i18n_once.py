"""Django's i18n template library, loaded by `{% load i18n %}` (TEMPLATES' "libraries"), with one change: a
{% translate %} of a fixed text ("Skip to main content", not a variable, without filters) is looked up once per
language and way of escaping, then kept on its node.

Django's tag makes a lazy translation of the text and turns it back into a string on every render, about 80 Python
calls; a page has dozens. What it gives depends only on the text, its context, the active language and autoescaping,
and on the translation catalogs, which change only with settings or a recompiled file (clinic_site.template_memory).
"""

from django import template
from django.templatetags import i18n
from django.utils.translation import get_language

from clinic_site import template_memory

register = template.Library()
register.tags.update(i18n.register.tags)
register.filters.update(i18n.register.filters)


class FixedTextTranslateNode(i18n.TranslateNode):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.generation, self.translations = template_memory.generation(), {}

    def render(self, context):
        if self.generation != template_memory.generation():
            self.generation, self.translations = template_memory.generation(), {}
        key = (get_language(), context.autoescape)
        value = self.translations.get(key)
        if value is None:
            value = self.translations[key] = self._translated(context)
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value

    def _translated(self, context):
        if not self.asvar:
            return super().render(context)
        super().render(context)
        return context[self.asvar]


def _fixed(node) -> bool:
    text, message_context = node.filter_expression, node.message_context
    return (
        not text.filters
        and text.var.lookups is None
        and (message_context is None or not (message_context.is_var or message_context.filters))
    )


@register.tag("translate")
@register.tag("trans")
def do_translate(parser, token):
    node = i18n.do_translate(parser, token)
    if not _fixed(node):
        return node
    return FixedTextTranslateNode(node.filter_expression, node.noop, node.asvar, node.message_context)
