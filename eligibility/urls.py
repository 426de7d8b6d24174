from django.urls import path

from eligibility import views

app_name = "eligibility"

urlpatterns = [
    path("consultation/", views.consultation_request, name="consultation_request"),
    path("consultation/received/", views.consultation_received, name="consultation_received"),
]
