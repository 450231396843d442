// The review page's keyboard: a approve, e edit (Ctrl+Enter sends the edit, Escape leaves the text), g regenerate,
// r reject, j or n next, k or p previous. Served from our jar (the Content-Security-Policy forbids inline script); the
// page marks each draft with data-review-item and each of its forms with data-action.
"use strict";

(function () {
  let current = 0;

  function drafts() {
    return Array.from(document.querySelectorAll("[data-review-item]"));
  }

  function select(index) {
    const all = drafts();
    if (all.length === 0) return;
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((el, i) => el.classList.toggle("current", i === current));
    all[current].scrollIntoView({ block: "nearest" });
  }

  function form(action) {
    const draft = drafts()[current];
    return draft ? draft.querySelector(`form[data-action="${action}"]`) : null;
  }

  function submit(action) {
    const f = form(action);
    if (f) f.requestSubmit();
  }

  function typing(target) {
    return target instanceof Element && target.closest("textarea, input, select") !== null;
  }

  document.addEventListener("keydown", event => {
    if (event.altKey || event.metaKey) return;
    if (typing(event.target)) {
      if (event.key === "Escape") event.target.blur();
      if (event.key === "Enter" && event.ctrlKey && event.target.form) event.target.form.requestSubmit();
      return;
    }
    if (event.ctrlKey) return;
    switch (event.key) {
      case "a": submit("approve"); break;
      case "g": submit("regenerate"); break;
      case "r": submit("reject"); break;
      case "e": {
        const text = form("edit")?.querySelector("textarea");
        if (text) text.focus();
        break;
      }
      case "j": case "n": select(current + 1); break;
      case "k": case "p": select(current - 1); break;
      default: return;
    }
    event.preventDefault();
  });

  document.addEventListener("DOMContentLoaded", () => {
    // a draft the server names (the one just acted on, or its neighbour) is where the operator goes on
    const all = drafts();
    const named = all.findIndex(el => el.hasAttribute("data-selected"));
    select(named >= 0 ? named : 0);
  });
})();
