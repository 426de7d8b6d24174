from django.urls import path

from eligibility import questionnaire_views, urgent_call_views, views

app_name = "eligibility"

urlpatterns = [
    path("consultation/", views.consultation_request, name="consultation_request"),
    path("consultation/received/", views.consultation_received, name="consultation_received"),
]

urlpatterns += [
    path("eligibility/", questionnaire_views.start, name="questionnaire_start"),
    path("eligibility/check/", questionnaire_views.check, name="questionnaire_check"),
    path("eligibility/done/", questionnaire_views.done, name="questionnaire_done"),
    path("eligibility/save/", questionnaire_views.save_for_later, name="questionnaire_save"),
    path("eligibility/not-you/", questionnaire_views.not_you, name="questionnaire_not_you"),
    path("eligibility/resume/<str:token>/", questionnaire_views.resume, name="questionnaire_resume"),
    path("eligibility/urgent-call/", urgent_call_views.urgent_call, name="urgent_call"),
    path(
        "eligibility/resume/<str:token>/new-link/", questionnaire_views.new_resume_link, name="questionnaire_new_link"
    ),
    path("eligibility/<slug:slug>/", questionnaire_views.step, name="questionnaire_step"),
]
