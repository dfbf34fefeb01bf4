// Edit pages: repeating rows (add, remove, reorder), live totals, the save state, and a draft
// of the typing kept in the browser until it is saved.
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

  // A cell's input and a row's buttons are named by the row's number for screen readers
  // ("二级机构 第2行 基本支出", "删除第2行"; forms.cell_label): they follow the row.
  const ROW_NAME = /第\d+行|新增行|这一行/;

  function renumber(prefix) {
    visibleRows(prefix).forEach((row, index) => {
      const position = row.querySelector(`[name="${row.dataset.row}-position"]`);
      if (position) position.value = index;
      const number = row.querySelector(".row-number");
      if (number) number.textContent = index + 1;
      rowCopies(row.dataset.row).forEach((copy) => {
        copy.querySelectorAll("[aria-label]").forEach((element) => {
          const label = element.getAttribute("aria-label");
          if (ROW_NAME.test(label)) element.setAttribute("aria-label", label.replace(ROW_NAME, `第${index + 1}行`));
        });
      });
    });
  }

  function rowCopies(rowPrefix) {
    return Array.from(document.querySelectorAll(`tr[data-row="${rowPrefix}"]`));
  }

  function addRow(prefix, focus = true) {
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
    if (!focus) return;
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

    // F3: a project's money by source adds up under the sources; the 执行率 follows the totals.
    document.querySelectorAll("[data-sum]").forEach((cell) => {
      const column = cell.dataset.sum;
      const values = Array.from(form.querySelectorAll(`[name^="funds-"][name$="-${column}"]`))
        .map((input) => parseCents(input.value))
        .filter((cents) => !Number.isNaN(cents));
      cell.textContent = formatCents(add(values));
    });
    const rate = document.getElementById("execution-rate");
    if (rate) {
      const amount = (name) => {
        const input = form.querySelector(`[name="project-${name}"]`);
        return input ? parseCents(input.value) : null;
      };
      const budget = amount("budget_total");
      const executed = amount("executed_total");
      // Hundredths of a percent, rounded half up in whole numbers (as the server rounds).
      rate.textContent = budget > 0 && executed !== null && !Number.isNaN(executed)
        ? formatCents(Math.floor((2 * executed * 10000 + budget) / (2 * budget))) + "%"
        : "";
    }

    document.querySelectorAll("[data-grade-for]").forEach((output) => {
      const input = document.getElementById(output.dataset.gradeFor);
      const cents = parseCents(input ? input.value.replace(/%$/, "") : "");
      if (cents === null) { output.textContent = "—"; return; }
      if (Number.isNaN(cents) || cents > 10000) { output.textContent = "得分应在 0 至 100 之间"; return; }
      const band = (rules.grades || []).find(([lower]) => cents >= Number(lower) * 100);
      output.textContent = band ? band[1] : "—";
    });
  }

  // An amount that is not one is marked as the clerk types, before the server says so; the
  // hint says what to type. A mark the server put on the field is left to the server.
  function checkAmount(input) {
    const bad = Number.isNaN(parseCents(input.value));
    if (bad === ("clientInvalid" in input.dataset)) return;
    const described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (bad) {
      input.dataset.clientInvalid = "";
      input.classList.add("is-invalid");
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", [...described, "amount-format-hint"].join(" "));
    } else {
      delete input.dataset.clientInvalid;
      input.classList.remove("is-invalid");
      input.removeAttribute("aria-invalid");
      const rest = described.filter((id) => id !== "amount-format-hint");
      if (rest.length) input.setAttribute("aria-describedby", rest.join(" "));
      else input.removeAttribute("aria-describedby");
    }
  }

  // ---- save state: nothing typed is lost by leaving the page unawares
  const state = form.querySelector(".save-state");
  // A page showing a refused save holds typing that is not saved yet.
  let dirty = Boolean(state && state.dataset.state === "dirty");
  let submitting = false;
  function showState(name, text) {
    if (!state || state.dataset.state === name) return;
    state.dataset.state = name;
    state.textContent = text;
  }
  function markDirty() {
    dirty = true;
    showState("dirty", "有未保存的修改");
    scheduleDraft();
  }
  window.addEventListener("beforeunload", (event) => {
    if (dirty && !submitting) { event.preventDefault(); event.returnValue = form.dataset.dirtyWarning; }
  });
  form.addEventListener("submit", (event) => {
    if (submitting) { event.preventDefault(); return; }  // one save at a time
    submitting = true;
    showState("saving", "正在保存…");
    drafts.saving();
  });
  // Back from the browser's cache after a save: the page may be submitted again.
  window.addEventListener("pageshow", (event) => { if (event.persisted) submitting = false; });

  // ---- drafts: what is typed is kept in this browser (localStorage) until it is saved, so that
  // a crash or a closed tab loses nothing. A draft is kept per user, report and page, with the
  // lock_version the page was opened at (draft-info, from the server); opening the page again
  // offers it back, and says so when the report was saved since, by anyone: restoring would
  // then put the draft over what was saved later.
  const drafts = (function () {
    const infoElement = document.getElementById("draft-info");
    const banner = document.getElementById("draft-banner");
    if (!infoElement || !banner) return { saving() {}, schedule() {} };
    const info = JSON.parse(infoElement.textContent);
    const versionInput = form.querySelector('[name="lock_version"]');
    const SKIP = new Set(["csrfmiddlewaretoken", "lock_version"]);
    const SAVING = "kxeval-saving";
    let timer = null;
    let held = false;  // while the banner asks, the old draft is not overwritten

    const storage = {
      get(key) { try { return JSON.parse(localStorage.getItem(key)); } catch (error) { return null; } },
      set(key, value) { try { localStorage.setItem(key, JSON.stringify(value)); } catch (error) { /* full or off: beforeunload still warns */ } },
      remove(key) { try { localStorage.removeItem(key); } catch (error) { /* off */ } },
      keys(prefix) {
        const found = [];
        try {
          for (let i = 0; i < localStorage.length; i += 1) {
            const key = localStorage.key(i);
            if (key && key.startsWith(prefix + ":v")) found.push(key);
          }
        } catch (error) { /* off */ }
        return found;
      },
    };

    function version() { return Number(versionInput ? versionInput.value : info.lock_version); }

    function controls() {
      return Array.from(form.elements).filter((element) => element.name && !SKIP.has(element.name)
        && !["submit", "button", "reset", "image", "file"].includes(element.type));
    }

    // The page's fields as the form would send them, and each table's rows in page order.
    function snapshot() {
      const values = {};
      controls().forEach((element) => {
        const list = values[element.name] || (values[element.name] = []);
        if (element.type === "checkbox" || element.type === "radio") {
          if (element.checked) list.push(element.value);
        } else if (element.tagName === "SELECT" && element.multiple) {
          Array.from(element.selectedOptions).forEach((option) => list.push(option.value));
        } else {
          list.push(element.value);
        }
      });
      const rows = {};
      document.querySelectorAll("tbody[data-rows]:not([data-mirror])").forEach((body) => {
        rows[body.dataset.rows] = Array.from(body.querySelectorAll(":scope > tr[data-row]")).map((row) => row.dataset.row);
      });
      return { values, rows };
    }

    function write() {
      if (held) return;
      const key = `${info.key}:v${version()}`;
      storage.set(key, { version: version(), typedAt: Date.now(), ...snapshot() });
      storage.keys(info.key).filter((other) => other !== key).forEach(storage.remove);
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(write, 400);
    }
    // Leaving or hiding the page writes at once what the timer has not written yet.
    window.addEventListener("pagehide", () => { if (dirty && timer) { clearTimeout(timer); write(); } });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden" && dirty) { clearTimeout(timer); write(); }
    });

    function forget(key) { storage.keys(key).forEach(storage.remove); }

    // The save is posted: the next page says whether it went through (see below).
    function saving() {
      clearTimeout(timer);
      if (dirty) write();
      try {
        sessionStorage.setItem(SAVING, JSON.stringify({ key: info.key, report: info.report, version: version() }));
      } catch (error) { /* off: the draft stays and is offered again, harmlessly */ }
    }

    // A save that went through leads to a fresh page (not the refused page, posted) of the same
    // report at a later version: its draft is done with.
    function settleSave() {
      let pending = null;
      try {
        pending = JSON.parse(sessionStorage.getItem(SAVING));
        sessionStorage.removeItem(SAVING);
      } catch (error) { return; }
      if (pending && !info.posted && pending.report === info.report && pending.version !== info.lock_version) {
        forget(pending.key);
      }
    }

    // ---- putting a draft back, rows added in it included
    function restore(draft) {
      Object.entries(draft.rows || {}).forEach(([prefix]) => {
        const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
        const wanted = Number(((draft.values || {})[`${prefix}-TOTAL_FORMS`] || [0])[0]);
        let guard = 0;
        while (total && Number(total.value) < wanted && guard < 500) { addRow(prefix, false); guard += 1; }
      });
      const seen = {};
      controls().forEach((element) => {
        const values = draft.values[element.name];
        if (values === undefined) return;
        if (element.type === "checkbox" || element.type === "radio") {
          element.checked = values.includes(element.value);
        } else if (element.tagName === "SELECT" && element.multiple) {
          Array.from(element.options).forEach((option) => { option.selected = values.includes(option.value); });
        } else {
          const index = seen[element.name] || 0;
          seen[element.name] = index + 1;
          if (index < values.length) element.value = values[index];
        }
        if (element.id) {
          document.querySelectorAll(`[data-mirror-of="${element.id}"]`).forEach((cell) => { cell.textContent = element.value; });
        }
        if (element.matches("input.amount")) checkAmount(element);
      });
      Object.entries(draft.rows || {}).forEach(([prefix, order]) => {
        const body = rowsOf(prefix);
        if (!body) return;
        order.forEach((rowPrefix) => {
          rowCopies(rowPrefix).forEach((copy) => copy.parentElement.append(copy));
        });
        body.querySelectorAll(":scope > tr[data-row]").forEach((row) => {
          const flag = document.getElementById(`id_${row.dataset.row}-DELETE`);
          const removed = Boolean(flag && flag.value === "on");
          rowCopies(row.dataset.row).forEach((copy) => { copy.hidden = removed; });
        });
        renumber(prefix);
      });
      recompute();
      // The scored tables' figures (scored.js) follow an input event, as if typed.
      form.dispatchEvent(new Event("input", { bubbles: true }));
    }

    // ---- what differs between the draft and the page, for the banner
    function labelOf(name) {
      const element = form.elements.namedItem(name);
      const single = element && element.tagName ? element : element && element[0];
      if (single) {
        if (single.getAttribute("aria-label")) return single.getAttribute("aria-label");
        const label = single.id && form.querySelector(`label[for="${single.id}"]`);
        if (label) return label.textContent.trim();
      }
      // A row added in the draft: named after the empty row it was made from.
      const match = /^(.*)-(\d+)-([^-]+)$/.exec(name);
      if (match) {
        const template = document.querySelector(`template[data-empty-row="${match[1]}"]`);
        const empty = template && template.content.querySelector(`[name="${match[1]}-__prefix__-${match[3]}"]`);
        if (empty && empty.getAttribute("aria-label")) {
          return empty.getAttribute("aria-label").replace(ROW_NAME, `第${Number(match[2]) + 1}行`);
        }
      }
      return name;
    }

    // "二级机构 第2行" of a row, from the name of one of its inputs.
    function rowLabel(rowPrefix) {
      const named = Array.from(form.querySelectorAll(`tr[data-row="${rowPrefix}"] [aria-label]`))
        .map((element) => element.getAttribute("aria-label"))
        .find((label) => ROW_NAME.test(label) && !/^(上移|下移|删除)/.test(label));
      if (!named) return rowPrefix;
      const match = ROW_NAME.exec(named);
      return named.slice(0, match.index + match[0].length);
    }

    function short(values) {
      const text = (values || []).join("、").replace(/\s+/g, " ").trim();
      if (!text) return "（空）";
      return text.length > 40 ? text.slice(0, 40) + "…" : text;
    }

    function differences(draft) {
      const page = snapshot().values;
      const names = new Set([...Object.keys(draft.values || {}), ...Object.keys(page)]);
      const found = [];
      names.forEach((name) => {
        if (/-(TOTAL_FORMS|INITIAL_FORMS|MIN_NUM_FORMS|MAX_NUM_FORMS|id|position)$/.test(name)) return;
        const mine = draft.values[name] || [];
        const theirs = page[name] || [];
        if (JSON.stringify(mine) === JSON.stringify(theirs)) return;
        // A row added in the draft: only what was typed into it counts.
        if (!(name in page) && mine.every((value) => !value)) return;
        if (/-DELETE$/.test(name)) {
          if (mine.includes("on")) found.push(`${rowLabel(name.replace(/-DELETE$/, ""))}：草稿中删除了这一行`);
          return;
        }
        found.push(`${labelOf(name)}：草稿为“${short(mine)}”，现在为“${short(theirs)}”`);
      });
      // Rows moved: the rows both have, in another order.
      const now = snapshot().rows;
      const order = Object.entries(draft.rows || {}).some(([prefix, rows]) => {
        const shown = now[prefix] || [];
        const common = rows.filter((row) => shown.includes(row));
        return JSON.stringify(common) !== JSON.stringify(shown.filter((row) => common.includes(row)));
      });
      return { found, order };
    }

    function when(milliseconds) {
      const moment = new Date(milliseconds);
      const now = new Date();
      const pad = (n) => String(n).padStart(2, "0");
      const time = `${pad(moment.getHours())}:${pad(moment.getMinutes())}`;
      return moment.toDateString() === now.toDateString()
        ? time : `${moment.getMonth() + 1}月${moment.getDate()}日 ${time}`;
    }

    function element(tag, className, text) {
      const made = document.createElement(tag);
      if (className) made.className = className;
      if (text !== undefined) made.textContent = text;
      return made;
    }

    function offer(key, draft) {
      const { found, order } = differences(draft);
      if (!found.length && !order) { storage.remove(key); return; }
      held = true;
      const stale = draft.version !== info.lock_version;
      const box = element("div", `alert ${stale ? "alert-warning" : "alert-info"} mb-3`);
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "未保存的草稿");
      box.append(element("p", "mb-1 fw-semibold",
        `这一部分有 ${when(draft.typedAt)} 填写但没有保存的内容（草稿保存在本机浏览器中）。`));
      if (stale) {
        const savedAt = info.saved_at_text || (info.saved_at ? when(Date.parse(info.saved_at)) : "");
        box.append(element("p", "mb-1 draft-stale",
          `注意：草稿之后，这份报告又由${info.saved_by || "其他人"}在 ${savedAt} 保存过。恢复草稿会用草稿的内容替换下方现在的内容，保存后将覆盖那次保存的修改。请先查看下面的不同之处。`));
      }
      const details = element("details", "mb-2");
      details.append(element("summary", "", `草稿与现在的内容有 ${found.length} 处不同${order ? "（行的顺序也不同）" : ""}`));
      const list = element("ul", "small mb-0 draft-differences");
      found.slice(0, 50).forEach((line) => list.append(element("li", "", line)));
      if (found.length > 50) list.append(element("li", "", `…… 另有 ${found.length - 50} 处`));
      details.append(list);
      if (stale) details.open = true;
      box.append(details);
      const actions = element("div", "d-flex flex-wrap gap-2");
      const restoreButton = element("button", "btn btn-sm btn-primary", "恢复未保存的草稿");
      restoreButton.type = "button";
      const discardButton = element("button", "btn btn-sm btn-outline-secondary", "放弃草稿");
      discardButton.type = "button";
      actions.append(restoreButton, discardButton);
      box.append(actions);
      banner.replaceChildren(box);

      restoreButton.addEventListener("click", () => {
        held = false;
        restore(draft);
        banner.replaceChildren(element("p", "alert alert-success py-2 mb-3",
          "已恢复草稿中的内容，请核对后保存。"));
        markDirty();
        write();
      });
      discardButton.addEventListener("click", () => {
        held = false;
        storage.remove(key);
        banner.replaceChildren(element("p", "alert alert-secondary py-2 mb-3", "已放弃草稿。"));
        if (dirty) write();
      });
    }

    settleSave();
    if (info.posted) {
      // The refused save's typing is on the page, not saved: keep it now.
      write();
    } else {
      const found = storage.keys(info.key)
        .map((key) => [key, storage.get(key)])
        .filter(([, draft]) => draft && draft.values)
        .sort((a, b) => b[1].typedAt - a[1].typedAt);
      found.slice(1).forEach(([key]) => storage.remove(key));
      if (found.length) offer(found[0][0], found[0][1]);
    }
    return { saving, schedule };
  })();
  function scheduleDraft() { drafts.schedule(); }

  // ---- wiring
  form.addEventListener("input", (event) => {
    markDirty();
    const target = event.target;
    if (target.matches && target.matches("input.amount")) checkAmount(target);
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

  // The sticky save bar must not hide the field being typed in: a field that ends under it
  // (a tall text box reached with Tab) is brought up, its top kept in view.
  const bar = form.querySelector(".save-bar");
  form.addEventListener("focusin", (event) => {
    const field = event.target;
    if (!bar || bar.contains(field) || !field.matches("input, textarea, select")) return;
    requestAnimationFrame(() => {
      const covered = field.getBoundingClientRect().bottom - bar.getBoundingClientRect().top;
      if (covered > 0) field.scrollIntoView({ block: "nearest", inline: "nearest" });
    });
  });

  // A table wider than the screen scrolls in its own box; a line above it says so.
  function hintScrolling() {
    document.querySelectorAll(".table-responsive").forEach((box) => {
      let hint = box.previousElementSibling;
      if (!hint || !hint.classList.contains("scroll-hint")) {
        hint = document.createElement("p");
        hint.className = "scroll-hint small mb-1";
        hint.textContent = "表格较宽，可左右滑动或滚动查看其余各栏 →";
        box.before(hint);
      }
      hint.hidden = box.scrollWidth <= box.clientWidth + 1;
    });
  }
  hintScrolling();
  window.addEventListener("resize", () => { clearTimeout(hintScrolling.timer); hintScrolling.timer = setTimeout(hintScrolling, 200); });

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

  // A link from the 检查 list, the list of errors or a reviewer's comment lands on the field it
  // names, focused; a page refused for errors starts on the list of them.
  function land(id) {
    const target = document.getElementById(id);
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    if (target.focus) target.focus({ preventScroll: true });
    target.classList.add("check-target");
  }
  const summary = document.getElementById("error-summary");
  if (location.hash) land(decodeURIComponent(location.hash.slice(1)));
  else if (summary) summary.focus();
  document.addEventListener("click", (event) => {
    const link = event.target.closest('.error-summary a[href^="#"], .review-comments a[href^="#"]');
    if (!link) return;
    event.preventDefault();
    land(decodeURIComponent(link.getAttribute("href").slice(1)));
  });
})();
