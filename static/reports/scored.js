// Scored tables (F2 …): the server computes every suggestion, total and message from what is
// on the page (reports/scoring.py); this script sends the page's fields as typed and shows the
// answer. Nothing is saved by it.
(function () {
  "use strict";

  const container = document.querySelector("[data-preview-url]");
  const form = document.getElementById("section-form");
  if (!container || !form) return;
  const url = container.dataset.previewUrl;
  let timer = null;
  let sequence = 0;

  function setText(selector, text) {
    document.querySelectorAll(selector).forEach((element) => { element.textContent = text; });
  }

  function plain(value) {
    if (value === null || value === undefined || value === "") return "";
    return value.replace(/\.00$/, "").replace(/(\.\d)0$/, "$1");
  }

  function setList(name, items) {
    document.querySelectorAll(`[data-preview-list="${name}"]`).forEach((list) => {
      list.replaceChildren(...(items || []).map((text) => {
        const item = document.createElement(list.tagName === "UL" ? "li" : "span");
        item.textContent = list.tagName === "UL" ? text : text + " ";
        return item;
      }));
    });
  }

  // A suggestion is a button that fills the score in; without a suggestion there is no button.
  function setSuggestion(selector, text) {
    setText(selector, text);
    document.querySelectorAll(selector).forEach((element) => {
      const button = element.closest(".use-suggestion");
      if (button) button.hidden = !text;
    });
  }

  function show(data) {
    setText('[data-preview="execution_rate"]', data.execution_rate ? data.execution_rate + "%" : "");
    setSuggestion('[data-preview="budget_suggestion"]', data.budget_suggestion || "");
    setText('[data-preview="weights_total"]', plain(data.weights_total));
    setText('[data-preview="total"]', plain(data.total) || "—");
    setText('[data-preview="grade"]', data.grade || "—");
    Object.entries(data.weights || {}).forEach(([key, value]) => setText(`[data-weight="${key}"]`, plain(value)));
    Object.entries(data.splits || {}).forEach(([key, value]) => setText(`[data-preview-split="${key}"]`, value || ""));
    setList("weight_errors", data.weight_errors);
    setList("weight_warnings", data.weight_warnings);
    setList("budget_reasons", data.budget_reasons);
    Object.entries(data.rows || {}).forEach(([prefix, row]) => {
      setSuggestion(`[data-suggestion-for="${prefix}"]`, row.suggestion || "");
      setText(`[data-message-for="${prefix}"]`, row.message || "");
      setText(`[data-reasons-for="${prefix}"]`, (row.reasons || []).join(" "));
    });
  }

  function refresh() {
    const mine = ++sequence;
    const body = new FormData(form);
    fetch(url, {
      method: "POST",
      body: body,
      headers: { "X-CSRFToken": body.get("csrfmiddlewaretoken") },
      credentials: "same-origin",
    })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => { if (data && mine === sequence) show(data); })
      .catch(() => { /* offline: the figures are recomputed when the page is saved */ });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.classList.contains("use-suggestion")) {
      const input = document.getElementById(button.dataset.fill);
      const value = button.querySelector("[data-suggestion-for], [data-preview]");
      if (input && value && value.textContent.trim()) {
        input.value = value.textContent.trim();
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
      return;
    }
    // Rows added, removed or moved by edit.js change the totals too.
    if (button.dataset.addRow || "remove" in button.dataset) schedule();
  });
})();
