// Follow-up questions: shown only when their trigger answer is chosen. Without JavaScript they all show.
document.querySelectorAll("[data-reveal]").forEach(function (box) {
  var parts = box.getAttribute("data-reveal").split("=");
  var inputs = document.querySelectorAll('input[name="' + parts[0] + '"]');
  function update() {
    box.hidden = !Array.prototype.some.call(inputs, function (input) {
      return input.checked && input.value === parts[1];
    });
  }
  inputs.forEach(function (input) { input.addEventListener("change", update); });
  update();
});
