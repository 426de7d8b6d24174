from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from clinic_site import views
from clinic_site.http import cached_public_page
from clinic_site.site_url import on_public_address
from education.feeds import LatestArticlesFeed
from education.sitemaps import SITEMAPS

# What a patient reads and fills in: in English at these addresses, in Spanish under /es/ (no redirect for English).
urlpatterns = i18n_patterns(
    path("", include("education.urls")),
    path("", include("eligibility.urls")),
    path("crisis/", views.crisis, name="crisis"),
    path("privacy/", views.privacy, name="privacy"),
    path("language-help/", views.language_help, name="language_help"),
    path("feed/", cached_public_page(on_public_address(LatestArticlesFeed())), name="feed"),
    prefix_default_language=False,
)
urlpatterns += [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        cached_public_page(on_public_address(sitemap_views.index)),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cached_public_page(on_public_address(sitemap_views.sitemap), reads=("p",)),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = views.permission_denied
handler500 = views.server_error
