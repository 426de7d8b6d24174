from django.urls import path

from education import views

app_name = "education"

urlpatterns = [
    path("", views.home, name="home"),
    path("learn/", views.article_list, name="article_list"),
    path("learn/topics/<slug:slug>/", views.topic, name="topic"),
    path("learn/<slug:slug>/", views.article_detail, name="article_detail"),
    path("faq/", views.faq, name="faq"),
    path("glossary/", views.glossary, name="glossary"),
    path("search/", views.search, name="search"),
]
