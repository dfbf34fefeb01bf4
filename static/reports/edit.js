// Edit pages: repeating rows (add, remove, reorder), live totals, the save state.
// The live totals apply the rules the server sends in #live-rules (reports/calc.py); the
// server recomputes everything when the page is saved, and its figures are the truth.
(function () {
  "use strict";

  const form = document.getElementById("section-form");
  if (!form) return;
  const rulesElement = document.getElementById("live-rules");
  const rules = rulesElement ? JSON.parse(rulesElement.textContent) : {};

  // ---- amounts as whole cents, so that 0.1 + 0.2 is 0.30 and not 0.30000000000000004
  const FULLWIDTH = { "０": "0", "１": "1", "２": "2", "３": "3", "４": "4", "５": "5",
    "６": "6", "７": "7", "８": "8", "９": "9", "．": ".", "，": ",", "％": "%" };

  function normalise(text) {
    return text.replace(/[０-９．，％]/g, (c) => FULLWIDTH[c]).replace(/[,\s]/g, "");
  }

  // null for a blank cell, NaN for something that is not an amount, else cents.
  function parseCents(text) {
    const value = normalise(text || "");
    if (value === "") return null;
    const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(value);
    if (!match) return NaN;
    return Number(match[1]) * 100 + Number((match[2] || "").padEnd(2, "0"));
  }

  function formatCents(cents) {
    if (cents === null) return "";
    const sign = cents < 0 ? "-" : "";
    const abs = Math.abs(cents);
    return sign + Math.floor(abs / 100) + "." + String(abs % 100).padStart(2, "0");
  }

  function add(values) {
    const present = values.filter((v) => v !== null);
    return present.length ? present.reduce((a, b) => a + b, 0) : null;
  }

  function derive(values) {
    const result = Object.assign({}, values);
    (rules.derived || []).forEach((rule) => {
      const plus = add(rule.plus.map((c) => (c in result ? result[c] : null)));
      if (rule.minus.length) {
        const minus = add(rule.minus.map((c) => (c in result ? result[c] : null)));
        result[rule.name] = plus === null && minus === null ? null : (plus || 0) - (minus || 0);
      } else {
        result[rule.name] = plus;
      }
    });
    return result;
  }

  // ---- rows
  function rowsOf(prefix) {
    // The first body holds the inputs; finance tables repeat each row in mirror bodies.
    return document.querySelector(`tbody[data-rows="${prefix}"]:not([data-mirror])`);
  }

  function visibleRows(prefix) {
    const body = rowsOf(prefix);
    return body ? Array.from(body.querySelectorAll(":scope > tr[data-row]")).filter((r) => !r.hidden) : [];
  }

  function renumber(prefix) {
    visibleRows(prefix).forEach((row, index) => {
      const position = row.querySelector(`[name="${row.dataset.row}-position"]`);
      if (position) position.value = index;
      const number = row.querySelector(".row-number");
      if (number) number.textContent = index + 1;
    });
  }

  function rowCopies(rowPrefix) {
    return Array.from(document.querySelectorAll(`tr[data-row="${rowPrefix}"]`));
  }

  function addRow(prefix) {
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    const index = Number(total.value);
    const templates = document.querySelectorAll(`template[data-empty-row="${prefix}"]`);
    const bodies = document.querySelectorAll(`tbody[data-rows="${prefix}"]`);
    templates.forEach((template, i) => {
      const html = template.innerHTML.replace(/__prefix__/g, String(index));
      bodies[i].insertAdjacentHTML("beforeend", html);
    });
    total.value = index + 1;
    renumber(prefix);
    markDirty();
    const first = rowsOf(prefix).lastElementChild.querySelector("input:not([type=hidden]), textarea, select");
    if (first) first.focus();
  }

  function removeRow(row) {
    const rowPrefix = row.dataset.row;
    const formsetPrefix = row.closest("[data-rows]").dataset.rows;
    const flag = document.getElementById(`id_${rowPrefix}-DELETE`);
    if (flag) flag.value = "on";
    rowCopies(rowPrefix).forEach((copy) => { copy.hidden = true; });
    renumber(formsetPrefix);
    recompute();
    markDirty();
  }

  function moveRow(row, direction) {
    const formsetPrefix = row.closest("[data-rows]").dataset.rows;
    const rows = visibleRows(formsetPrefix);
    const index = rows.indexOf(row);
    const other = rows[direction === "up" ? index - 1 : index + 1];
    if (!other) return;
    rowCopies(row.dataset.row).forEach((copy) => {
      const sibling = copy.parentElement.querySelector(`:scope > tr[data-row="${other.dataset.row}"]`);
      if (direction === "up") sibling.before(copy); else sibling.after(copy);
    });
    renumber(formsetPrefix);
    markDirty();
  }

  // ---- live totals
  function recompute() {
    document.querySelectorAll(".finance[data-formset]").forEach((finance) => {
      const prefix = finance.dataset.formset;
      const rowValues = visibleRows(prefix).map((row) => {
        const values = {};
        (rules.columns || []).forEach((column) => {
          const input = row.parentElement.closest("form").querySelector(`[name="${row.dataset.row}-${column}"]`);
          if (!input) { values[column] = null; return; }
          const cents = parseCents(input.value);
          input.classList.toggle("is-invalid", Number.isNaN(cents));
          values[column] = Number.isNaN(cents) ? null : cents;
        });
        const derived = derive(values);
        rowCopies(row.dataset.row).forEach((copy) => {
          copy.querySelectorAll("[data-computed]").forEach((cell) => {
            cell.textContent = formatCents(derived[cell.dataset.computed]);
          });
        });
        return values;
      });
      const totals = {};
      (rules.columns || []).forEach((column) => {
        totals[column] = add(rowValues.map((values) => values[column]));
      });
      const summary = derive(totals);
      finance.querySelectorAll("[data-summary]").forEach((cell) => {
        cell.textContent = formatCents(summary[cell.dataset.summary]);
      });
    });

    document.querySelectorAll("[data-staff-total]").forEach((output) => {
      const name = output.dataset.staffTotal;
      const parts = ["admin", "public"].map((part) => {
        const input = document.querySelector(`[name="report-${name}_${part}"]`);
        const value = input ? normalise(input.value) : "";
        return /^\d+$/.test(value) ? Number(value) : null;
      });
      output.textContent = parts.every((p) => p === null) ? "" : parts.reduce((a, b) => a + (b || 0), 0);
    });

    document.querySelectorAll("[data-grade-for]").forEach((output) => {
      const input = document.getElementById(output.dataset.gradeFor);
      const cents = parseCents(input ? input.value.replace(/%$/, "") : "");
      if (cents === null) { output.textContent = "—"; return; }
      if (Number.isNaN(cents) || cents > 10000) { output.textContent = "得分应在 0 至 100 之间"; return; }
      const band = (rules.grades || []).find(([lower]) => cents >= Number(lower) * 100);
      output.textContent = band ? band[1] : "—";
    });
  }

  // ---- save state: nothing typed is lost by leaving the page unawares
  let dirty = false;
  const state = form.querySelector(".save-state");
  function markDirty() {
    dirty = true;
    if (state) state.textContent = "有未保存的修改";
  }
  window.addEventListener("beforeunload", (event) => {
    if (dirty) { event.preventDefault(); event.returnValue = form.dataset.dirtyWarning; }
  });
  form.addEventListener("submit", () => { dirty = false; });

  // ---- wiring
  form.addEventListener("input", (event) => {
    markDirty();
    const target = event.target;
    if (target.id) {
      document.querySelectorAll(`[data-mirror-of="${target.id}"]`).forEach((cell) => {
        cell.textContent = target.value;
      });
    }
    recompute();
  });
  form.addEventListener("change", markDirty);
  form.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.addRow) { addRow(button.dataset.addRow); return; }
    const row = button.closest("tr[data-row]");
    if (row && "remove" in button.dataset) { removeRow(row); return; }
    if (row && button.dataset.move) { moveRow(row, button.dataset.move); return; }
    if (button.dataset.insert) {
      const textarea = document.getElementById(button.dataset.target);
      const start = textarea.selectionStart ?? textarea.value.length;
      const end = textarea.selectionEnd ?? start;
      textarea.setRangeText(button.dataset.insert, start, end, "end");
      textarea.focus();
      markDirty();
    }
  });

  document.querySelectorAll("tbody[data-rows]:not([data-mirror])").forEach((body) => renumber(body.dataset.rows));
  recompute();

  // Reviewer comments appear next to the field they are about.
  const markers = document.getElementById("comment-markers");
  (markers ? JSON.parse(markers.textContent) : []).forEach((marker) => {
    const target = document.getElementById(marker.field);
    if (!target) return;
    const note = document.createElement("div");
    note.className = "review-comment small";
    note.setAttribute("role", "note");
    note.textContent = "审核意见：" + marker.text;
    target.insertAdjacentElement("afterend", note);
  });

  // A link from the 检查 list lands on the field it names.
  if (location.hash) {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) {
      target.scrollIntoView({ block: "center" });
      if (target.focus) target.focus({ preventScroll: true });
      target.classList.add("check-target");
    }
  }
})();
