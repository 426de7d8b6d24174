// PHQ-9 question 9 (thoughts of being better off dead or of self-harm): the moment an answer above "Not at all" is
// chosen, show the crisis panel beside the question and tell screen readers. Without JavaScript the same help is at
// the top of the next page. The panel's form is posted in the background, so nothing else typed on the page is lost.
(function () {
  "use strict";
  var panel = document.getElementById("item9-panel");
  var status = document.getElementById("item9-status");
  var form = document.getElementById("urgent-call-form");
  if (!panel || !status || !form) {
    return;
  }
  var shown = false;

  function post(submitter) {
    // The submitter (the "Use this number" button) says the number given replaces the one we hold.
    var data = submitter ? new FormData(form, submitter) : new FormData(form);
    return fetch(form.action, {
      method: "POST", body: data, credentials: "same-origin", headers: {Accept: "application/json"}
    }).then(function (response) {
      return response.json().then(function (body) { return {ok: response.ok, body: body}; });
    });
  }

  // The promise is the one the server stored when the clinic was told, never one worked out in the browser.
  function fill(body) {
    panel.querySelectorAll("[data-call-promise]").forEach(function (element) {
      element.textContent = body.promise;
    });
    panel.querySelectorAll("[data-number-ending]").forEach(function (element) {
      element.textContent = body.number_ending;
    });
  }

  function show() {
    if (shown) {
      return;
    }
    shown = true;
    panel.hidden = false;
    status.textContent = panel.getAttribute("data-announce");
    if (panel.hasAttribute("data-number-known")) {
      // We have a number: ask for the call now, and promise it only once the clinic has been told.
      post().then(function (result) {
        if (result.ok) {
          fill(result.body);
          document.getElementById("item9-promise").hidden = false;
        }
      }).catch(function () {});
    }
  }

  document.querySelectorAll('input[name="phq9_item9"]').forEach(function (input) {
    input.addEventListener("change", function () {
      if (input.checked && input.value !== "0") {
        show();
      }
    });
    if (input.checked && input.value !== "0") {
      show();
    }
  });

  function showError(message) {
    var input = document.getElementById("urgent-call-phone");
    var error = document.getElementById("urgent-call-phone-error");
    if (!error) {
      error = document.createElement("p");
      error.className = "error-message";
      error.id = "urgent-call-phone-error";
      input.parentNode.insertBefore(error, input);
      input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + error.id).trim());
    }
    // The words come from the page, in its language (templates/eligibility/includes/item9_panel.html).
    var label = document.createElement("span");
    label.className = "visually-hidden";
    label.textContent = panel.getAttribute("data-error-label");
    error.replaceChildren(label, document.createTextNode(" " + message));
    input.closest(".field").classList.add("field--error");
    input.setAttribute("aria-invalid", "true");
    input.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    post(event.submitter).then(function (result) {
      if (result.ok) {
        fill(result.body);
        document.getElementById("urgent-call-ask").hidden = true;
        var saved = document.getElementById("urgent-call-saved");
        saved.hidden = false;
        saved.focus();
      } else {
        showError(result.body.error);
      }
    }).catch(function () {
      showError(panel.getAttribute("data-not-saved"));
    });
  });
})();
