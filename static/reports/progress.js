// Long work shows that it is under way: a PDF being rendered for download, a .zip or .xlsx
// being built on the desk, the approved PDF being rendered in the background. Without this
// script the links still work; the report page then refreshes itself while the PDF is pending.
(function () {
  "use strict";

  function statusFor(link) {
    const status = link.parentElement.querySelector(".download-status");
    return status || null;
  }

  function busy(link, text) {
    link.classList.add("is-busy");
    link.setAttribute("aria-disabled", "true");
    link.dataset.label = link.dataset.label || link.textContent;
    const spinner = document.createElement("span");
    spinner.className = "spinner-border spinner-border-sm me-1";
    spinner.setAttribute("aria-hidden", "true");
    link.replaceChildren(spinner, document.createTextNode(text));
  }

  function idle(link, message) {
    link.classList.remove("is-busy");
    link.removeAttribute("aria-disabled");
    link.textContent = link.dataset.label || link.textContent;
    const status = statusFor(link);
    if (status) status.textContent = message || "";
  }

  function filenameOf(response, fallback) {
    const header = response.headers.get("Content-Disposition") || "";
    const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (encoded) return decodeURIComponent(encoded[1]);
    const plain = /filename="?([^";]+)"?/i.exec(header);
    return plain ? plain[1] : fallback;
  }

  // ---- a PDF rendered while the clerk waits: fetched here, so that the edit page with its
  // unsaved typing stays where it is, and the button says when it is done.
  function downloadPdf(link) {
    busy(link, link.dataset.download);
    const status = statusFor(link);
    if (status) status.textContent = link.dataset.download;
    fetch(link.href, { credentials: "same-origin" })
      .then((response) => {
        const type = response.headers.get("Content-Type") || "";
        if (response.ok && type.startsWith("application/pdf")) {
          return response.blob().then((blob) => {
            const url = URL.createObjectURL(blob);
            const save = document.createElement("a");
            save.href = url;
            save.download = filenameOf(response, "report.pdf");
            document.body.append(save);
            save.click();
            save.remove();
            setTimeout(() => URL.revokeObjectURL(url), 60000);
            idle(link, "PDF 已生成，正在下载。");
          });
        }
        if (response.ok && response.redirected) {
          // Sent elsewhere with a message (an approved report's PDF, a report too large).
          idle(link, "");
          window.location.assign(response.url);
          return null;
        }
        idle(link, "PDF 生成失败，请稍后再试。");
        return null;
      })
      .catch(() => idle(link, "网络连接中断，PDF 未能下载，请稍后再试。"));
  }

  // ---- a file built while it downloads (the desk's .zip, .xlsx): the link is followed as
  // usual; the response sets a cookie with the link's token once the download has begun.
  function cookie(name) {
    const found = document.cookie.split("; ").find((part) => part.startsWith(name + "="));
    return found ? found.slice(name.length + 1) : null;
  }

  function followDownload(link) {
    const token = Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
    const url = new URL(link.href, window.location.href);
    url.searchParams.set("download_token", token);
    link.href = url.toString();
    busy(link, link.dataset.downloadFile);
    const status = statusFor(link);
    if (status) status.textContent = link.dataset.downloadFile;
    const started = Date.now();
    const timer = setInterval(() => {
      if (cookie("kxeval_download") === token) {
        clearInterval(timer);
        idle(link, "已开始下载，进度见浏览器的下载栏。");
      } else if (Date.now() - started > 10 * 60 * 1000) {
        clearInterval(timer);
        idle(link, "");
      }
    }, 500);
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-download], a[data-download-file]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (link.classList.contains("is-busy")) { event.preventDefault(); return; }
    if ("download" in link.dataset) {
      event.preventDefault();
      downloadPdf(link);
    } else {
      followDownload(link);
    }
  });

  // ---- the approved PDF, rendered by the worker: ask how it stands until it is ready.
  const pending = document.querySelector("[data-status-url]");
  if (pending) {
    const url = pending.dataset.statusUrl;
    const poll = () => {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : null))
        .then((data) => {
          if (!data || data.state === "pending") { setTimeout(poll, 3000); return; }
          if (data.state === "ready" && data.url) {
            const download = document.createElement("a");
            download.className = "btn btn-success";
            download.href = data.url;
            download.textContent = "下载审定 PDF";
            const text = document.createElement("span");
            text.className = "ms-2";
            text.textContent = data.text;
            pending.replaceChildren(download, text);
            pending.classList.remove("text-muted");
          } else {
            pending.textContent = data.text;
            pending.classList.replace("text-muted", "text-danger");
          }
        })
        .catch(() => setTimeout(poll, 10000));
    };
    setTimeout(poll, 2000);
  }
})();
