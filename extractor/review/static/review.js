// Review page behaviour: keyboard navigation and decisions posted to the JSON API.
// No framework; every text is written with textContent, never innerHTML.
(function () {
  "use strict";
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const who = document.getElementById("reviewer");
  who.value = localStorage.getItem("reviewer") || "";
  who.addEventListener("change", () => localStorage.setItem("reviewer", who.value.trim()));

  const panes = document.querySelector(".panes");
  if (!panes) return;
  const documentId = panes.dataset.document;
  const fields = Array.from(document.querySelectorAll("#fields .field"));
  let current = -1;

  function marksFor(field) {
    const span = field.dataset.span;
    if (!span) return [];
    return Array.from(document.querySelectorAll("#source mark")).filter((m) => m.dataset.spans.split(" ").includes(span));
  }

  function select(i) {
    if (!fields.length) return;
    i = Math.max(0, Math.min(fields.length - 1, i));
    document.querySelectorAll("#source mark.current").forEach((m) => m.classList.remove("current"));
    if (current >= 0) fields[current].classList.remove("current");
    current = i;
    const field = fields[i];
    field.classList.add("current");
    field.focus({ preventScroll: true });
    field.scrollIntoView({ block: "nearest" });
    const marks = marksFor(field);
    marks.forEach((m) => m.classList.add("current"));
    if (marks.length) marks[0].scrollIntoView({ block: "center" });
    showPage(field);
    history.replaceState(null, "", "#f=" + encodeURIComponent(field.dataset.pointer));
  }

  // The page of a PDF or image input with the field's evidence box drawn on it (fractions of the page).
  const pageView = document.getElementById("page-view");
  function showPage(field) {
    if (!pageView) return;
    const page = field.dataset.page;
    if (!page) {
      pageView.hidden = true;
      return;
    }
    const image = document.getElementById("page-image");
    const src = "/api/documents/" + documentId + "/pages/" + page + ".png";
    if (image.getAttribute("src") !== src) image.setAttribute("src", src);
    document.getElementById("page-caption").textContent = "page " + page;
    const box = document.getElementById("evidence-box");
    const edges = (field.dataset.box || "").split(",").map(Number);
    if (edges.length === 4 && edges.every((v) => Number.isFinite(v))) {
      const [x0, y0, x1, y1] = edges;
      box.style.left = x0 * 100 + "%";
      box.style.top = y0 * 100 + "%";
      box.style.width = (x1 - x0) * 100 + "%";
      box.style.height = (y1 - y0) * 100 + "%";
      box.hidden = false;
    } else {
      box.hidden = true;
    }
    pageView.hidden = false;
    const reveal = () => {
      if (!box.hidden) pageView.scrollTop = Math.max(0, edges[1] * image.clientHeight - pageView.clientHeight / 3);
    };
    if (image.complete) reveal();
    else image.addEventListener("load", reveal, { once: true });
  }

  function say(field, text, isError) {
    const box = field.querySelector(".message");
    box.textContent = text;
    box.classList.toggle("error", Boolean(isError));
  }

  function addTrail(d) {
    const row = document.createElement("tr");
    for (const v of [d.at, d.reviewer, d.pointer, d.action, d.previous, d.value === null ? "" : d.value]) {
      const cell = document.createElement("td");
      cell.textContent = typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
      row.appendChild(cell);
    }
    document.querySelector("#trail tbody").prepend(row);
  }

  function bump(id) {
    const el = document.getElementById(id);
    el.textContent = String(Number(el.textContent) + 1);
  }

  async function decide(field, action) {
    const reviewer = who.value.trim();
    if (!reviewer) {
      say(field, "Type your name in the reviewer box first.", true);
      who.focus();
      return;
    }
    const input = field.querySelector(".value");
    const body = {
      pointer: field.dataset.pointer,
      action: action,
      reviewer: reviewer,
      version: Number(field.dataset.version),
    };
    if (action === "correct") body.value = input.value;
    const response = await fetch("/api/documents/" + documentId + "/reviews", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
    });
    const data = await response.json();
    if (!response.ok) {
      say(field, data.detail || "refused (" + response.status + ")", true);
      return;
    }
    const first = !field.classList.contains("decided");
    field.dataset.version = String(data.version);
    field.classList.add("decided");
    field.querySelector(".state").textContent = data.action + " by " + data.reviewer;
    if (action === "correct" && data.value !== null) input.value = data.value;
    if (action === "reject") input.value = "";
    say(field, action === "correct" ? "saved: " + data.value : action + "ed", false);
    if (first) bump("checked");
    if (action === "correct") bump("corrected");
    if (action === "reject") bump("rejected");
    addTrail(data);
    if (action !== "correct") select(current + 1);
  }

  fields.forEach((field, i) => {
    field.addEventListener("click", (e) => {
      if (current !== i) select(i);
      const action = e.target.dataset && e.target.dataset.action;
      if (action) decide(field, action);
    });
    field.querySelector(".value").addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey) {
        e.preventDefault();
        decide(field, "correct");
      } else if (e.key === "Escape") {
        field.focus();
      }
      e.stopPropagation();
    });
  });

  document.addEventListener("keydown", (e) => {
    if (e.target === who || e.ctrlKey || e.metaKey || e.altKey) return;
    const field = fields[current];
    if (e.key === "j" || e.key === "ArrowDown") select(current + 1);
    else if (e.key === "k" || e.key === "ArrowUp") select(current - 1);
    else if (!field) return;
    else if (e.key === "a") decide(field, "accept");
    else if (e.key === "r") decide(field, "reject");
    else if (e.key === "e") {
      const input = field.querySelector(".value");
      input.focus();
      input.select();
    } else return;
    e.preventDefault();
  });

  const wanted = new URLSearchParams(location.hash.slice(1)).get("f");
  const start = wanted ? fields.findIndex((f) => f.dataset.pointer === wanted) : 0;
  select(start >= 0 ? start : 0);
})();
