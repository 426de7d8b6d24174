"""schema.org JSON-LD for search engines: MedicalWebPage for articles, FAQPage for the FAQ."""

from django.utils.html import strip_tags
from django.utils.translation import get_language

from clinic_site.site_url import absolute_url
from education.templatetags.clinic_text import with_clinic_details


def article_json_ld(article, url, references, clinic) -> dict:
    reviewer = article.reviewer
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "headline": article.title,
        "description": article.summary,
        "url": absolute_url(url),
        "inLanguage": f"{get_language()}-US",
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.updated_at.date().isoformat(),
        "author": {"@type": "Organization", "name": clinic.name},
        "publisher": {"@type": "MedicalClinic", "name": clinic.name, "telephone": clinic.phone},
        "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
        "about": {"@type": "MedicalCondition", "name": "Depression"},
        "citation": [ref.citation for ref in references],
    }
    if not reviewer.is_sample:  # a placeholder reviewer is never announced to search engines as a real one
        data["lastReviewed"] = article.last_reviewed.isoformat()
        data["reviewedBy"] = {"@type": "Person", "name": reviewer.name, "jobTitle": reviewer.credentials}
    if article.image_renditions:
        data["image"] = absolute_url(article.image_fallback_url)
    return data


def faq_json_ld(entries, clinic) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.question,
                "acceptedAnswer": {
                    "@type": "Answer",
                    "text": " ".join(strip_tags(with_clinic_details(entry.answer_html, clinic)).split()),
                },
            }
            for entry in entries
        ],
    }
