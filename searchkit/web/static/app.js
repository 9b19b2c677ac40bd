// searchkit web: light progressive enhancement. Every page works without this file.
"use strict";

// Forms: leave empty fields out of the URL, so that it holds only the state that matters.
function cleanSubmit(form) {
  form.addEventListener("submit", function () {
    for (const field of form.elements) {
      if (field.name && field.value === "" ) field.disabled = true;
    }
    setTimeout(function () { for (const field of form.elements) field.disabled = false; }, 0);
  });
}

function formUrl(form) {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData(form)) {
    if (value !== "" && !(key === "sort" && value === "relevance")) params.append(key, value);
  }
  const query = params.toString();
  return form.getAttribute("action") + (query ? "?" + query : "");
}

// Search as you type: fetch the same page for the new query and swap in its results.
function liveSearch(form) {
  const box = form.querySelector("#q");
  const results = document.getElementById("results");
  if (!box || !results) return;
  let timer = null;
  let latest = 0;
  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(async function () {
      const target = formUrl(form);
      const ticket = ++latest;
      try {
        const response = await fetch(target, { headers: { "Accept": "text/html" } });
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const fresh = page.getElementById("results");
        if (ticket !== latest || !fresh) return;  // a newer keystroke won
        results.replaceWith(document.importNode(fresh, true));
        history.replaceState(null, "", target);
        document.title = page.title;
      } catch (error) { /* offline or server gone: the Enter key still works */ }
    }, 300);
  });
  for (const select of form.querySelectorAll("select")) {
    select.addEventListener("change", function () { form.requestSubmit(); });
  }
}

// Reader: bring the paragraph of the hit into the middle of the screen.
function focusParagraph() {
  const article = document.querySelector("article.speech");
  if (!article) return;
  const wanted = location.hash ? location.hash.slice(1) : (article.dataset.focus ? "p" + article.dataset.focus : "");
  const target = wanted && document.getElementById(wanted);
  if (target) {
    target.classList.add("hit");
    target.scrollIntoView({ block: "center" });
  }
}

document.addEventListener("DOMContentLoaded", function () {
  for (const form of document.querySelectorAll("form")) cleanSubmit(form);
  const search = document.getElementById("search-form");
  if (search) liveSearch(search);
});
// After the browser's own jump to #pN: centre the paragraph, so the lines before it show too.
window.addEventListener("load", focusParagraph);
