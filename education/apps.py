from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = "Patient education"

    def ready(self):
        from clinic_site import page_cache
        from education import checks  # noqa: F401 (registers the launch check)
        from education.models import Article, FAQEntry, FAQReference, GlossaryTerm, Reference, Reviewer, Topic

        # Everything the public pages show: a change to any of them makes the cached pages stale.
        page_cache.connect(Article, Topic, Reference, Reviewer, FAQEntry, FAQReference, GlossaryTerm)
