// "Print or save a copy": shows the button (it does nothing without JavaScript) and opens the browser's print window.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
