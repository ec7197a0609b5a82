/* Local mends of the theme (sphinx-book-theme 1.4 on pydata-sphinx-theme
 * 0.20) for phones, screen readers and the search page. Loaded on every
 * page by conf/mathdl_sphinx.py; no request leaves the site.
 */
"use strict";

(() => {
  const onReady = (callback) => {
    if (document.readyState !== "loading") {
      callback();
    } else {
      document.addEventListener("DOMContentLoaded", callback);
    }
  };

  /* 1. Sidebar toggles below 992 px.
   * pydata-sphinx-theme binds only the first `.primary-toggle` and
   * `.secondary-toggle` of the page (document.querySelector), and that is
   * a button of its own header, hidden in this theme; the visible buttons
   * of the article header get no handler and do nothing
   * (pydata/pydata-sphinx-theme#2451,
   * executablebooks/sphinx-book-theme#988). Each other toggle hands its
   * click to the bound one, so the theme's own code opens the dialog (or,
   * at 992 px and more, collapses the sidebar). The listener runs first
   * on the button and stops the others, so a theme that one day binds
   * every button cannot toggle twice.
   */
  const forwardToggles = (selector) => {
    const toggles = Array.from(document.querySelectorAll(selector));
    const bound = toggles[0];
    toggles.slice(1).forEach((button) => {
      button.addEventListener(
        "click",
        (event) => {
          event.preventDefault();
          event.stopImmediatePropagation();
          bound.click();
        },
        true,
      );
    });
  };

  /* 2. Accessible names.
   * - A control whose visible text is not part of its name fails WCAG
   *   2.5.3 (axe: label-content-name-mismatch): the search button shows
   *   "Search Ctrl+K" but is named "Search"; MyST-NB's hidden-cell
   *   toggles show "Show code cell source" but are named "Toggle hidden
   *   content". Such a control loses its aria-label, so that its name is
   *   the text it shows.
   * - The theme's expand/collapse chevrons in the contents are <summary>
   *   elements with only an icon (axe: summary-name): they get a name
   *   from the section they open.
   */
  const visibleText = (element) => {
    const parts = [];
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        parts.push(node.textContent);
      } else if (
        node.nodeType === Node.ELEMENT_NODE &&
        node.getAttribute("aria-hidden") !== "true" &&
        getComputedStyle(node).display !== "none" &&
        getComputedStyle(node).visibility !== "hidden"
      ) {
        node.childNodes.forEach(walk);
      }
    };
    element.childNodes.forEach(walk);
    return parts.join(" ").replace(/\s+/g, " ").trim();
  };
  const squash = (text) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

  const nameControls = () => {
    document
      .querySelectorAll(
        "button[aria-label], summary[aria-label], [role=button][aria-label]",
      )
      .forEach((control) => {
        const text = squash(visibleText(control));
        const label = squash(control.getAttribute("aria-label"));
        if (text && !label.includes(text)) {
          control.removeAttribute("aria-label");
        }
      });
    document.querySelectorAll("nav summary").forEach((summary) => {
      if (summary.textContent.trim() || summary.hasAttribute("aria-label")) {
        return;
      }
      const item = summary.closest("li");
      const link = item && item.querySelector(":scope > a");
      const name = link ? link.textContent.trim() : "section";
      summary.setAttribute("aria-label", `Show or hide ${name}`);
    });
  };

  /* 3. Search snippets.
   * Sphinx builds a result's snippet from the text of the page's
   * [role=main], which in this theme starts with the article header
   * (download menu, "System Settings Light Dark", ...). The snippet is
   * made from the article alone, without buttons and menus, and with
   * each formula as plain text rather than its TeX source.
   */
  const TEX_WORDS = {
    times: "×", cdot: "·", le: "≤", ge: "≥", leq: "≤", geq: "≥",
    approx: "≈", pm: "±", infty: "∞", to: "→", in: "∈", sum: "∑",
    alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε",
    varepsilon: "ε", eta: "η", theta: "θ", lambda: "λ", mu: "μ",
    sigma: "σ", Sigma: "Σ", pi: "π", nabla: "∇", partial: "∂",
    top: "ᵀ", neq: "≠", ne: "≠", prod: "∏", sqrt: "√", ldots: "…",
    dots: "…", cdots: "⋯", mid: "|", quad: " ", qquad: " ",
  };
  const plainTex = (tex) =>
    tex
      .replace(/\\[()[\]]/g, " ")
      .replace(/\\([A-Za-z]+)/g, (_, word) => TEX_WORDS[word] || "")
      .replace(/\\.|[{}&]/g, " ")
      .replace(/\s+/g, " ")
      .trim();

  const CHROME = [
    ".headerlink", "script", "style", "button", "nav", ".dropdown",
    ".bd-header-article", ".header-article-items", ".prev-next-area",
    ".bd-sidebar-secondary", ".cell_input", ".toggle-details",
    ".mathdl-downloads", "footer",
  ];

  const snippetText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(CHROME.join(",")).forEach((el) => el.remove());
    page.querySelectorAll("div.math").forEach((el) => {
      el.replaceWith(" … ");
    });
    page.querySelectorAll("span.math").forEach((el) => {
      el.replaceWith(plainTex(el.textContent));
    });
    const main =
      page.querySelector("article.bd-article") ||
      page.querySelector('[role="main"]');
    if (!main) return "";
    const text = (node) => (node ? node.textContent : "");
    // A hit's anchor may be an empty index target or a glossary term:
    // then the snippet is the term with its definition, or the section.
    const part = anchor
      ? main.querySelector("#" + CSS.escape(anchor.replace(/^#/, "")))
      : null;
    let snippet = text(part);
    if (part && part.tagName === "DT") {
      snippet += " " + text(part.nextElementSibling);
    }
    if (part && snippet.trim().length < 40) {
      snippet = text(part.closest("section")) || snippet;
    }
    if (!snippet.trim()) snippet = text(main);
    return snippet.replace(/\s+/g, " ");
  };

  const mendSearch = () => {
    if (typeof Search === "undefined" || !Search.htmlToText) return;
    Search.htmlToText = snippetText;
  };

  onReady(() => {
    forwardToggles(".primary-toggle");
    forwardToggles(".secondary-toggle");
    nameControls();
    mendSearch();
  });
})();
