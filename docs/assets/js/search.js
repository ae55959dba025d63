/* Search, on the search page only (helpsite/search_hooks.py adds this script to docs/<lang>/sok.md
 * alone, so every other page loads nothing of search).
 *
 * Opening the search page fetches only this file. The search engine and index come when the
 * visitor starts to use the box: the first focus (click, tap or Tab) or key loads Pagefind's
 * pagefind.js, which then fetches its WebAssembly engine and the index of this page's language
 * (<html lang>) and nothing else. Loading on focus rather than on the first letter gives the
 * engine a head start while the visitor begins to type; loading on focus rather than with the page
 * costs nothing for a visitor who only reads the page or leaves it.
 *
 * Privacy: the words stay in this page's memory. They never go into a URL (the form is never
 * submitted and its input has no name), nor into storage (Pagefind keeps everything in memory),
 * nor to another host (pagefind/ is part of this site).
 */
const SCRIPT_URL = import.meta.url;
const PAGE_SIZE = 10;   // results shown at once; "Show more results" adds the next ones
const PAUSE_MS = 250;   // search (and announce) after a pause in typing, not on every letter
const SLOW_MS = 600;    // say "Searching …" only when an answer takes longer than this

const root = document.getElementById("site-search");
if (root) start(root);

function start(root) {
  const form = root.querySelector("form");
  const input = root.querySelector("input");
  const status = root.querySelector("[role=status]");
  const list = root.querySelector("ol");
  const more = root.querySelector(".search__more");
  const plurals = new Intl.PluralRules(document.documentElement.lang || "sv");
  let engine = null;
  let timer = 0;
  let latest = 0;       // number of the newest search; older answers are dropped
  let results = [];
  let shown = 0;

  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();   // never submitted: the words stay out of the URL
    clearTimeout(timer);
    run();
  });
  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, PAUSE_MS);
  });
  more.addEventListener("click", async () => {
    const first = await showMore(latest);
    if (first) first.focus();   // keyboard users continue at the first new result
  });

  function load() {
    if (!engine) {
      const url = new URL("../../pagefind/pagefind.js", SCRIPT_URL).href;
      engine = import(url).then(async (pagefind) => {
        // In the page rather than a web worker: one file fewer, and the page's own CSP
        // (which allows this WebAssembly) is the policy that applies.
        await pagefind.options({ noWorker: true, excerptLength: 24 });
        // Pagefind picks its index from <html lang> when it starts, and takes the largest index
        // when that language has none. The page says which index is meant (its own, or its
        // fallback's while the language has no pages), so no third language ever answers.
        const html = document.documentElement;
        const own = html.getAttribute("lang");
        html.setAttribute("lang", root.dataset.indexLang || own);
        try {
          await pagefind.init();
        } finally {
          html.setAttribute("lang", own);
        }
        return pagefind;
      });
    }
    return engine;
  }

  async function run() {
    const term = input.value.trim();
    const mine = ++latest;
    if (!term) {
      clearResults();
      status.replaceChildren();
      return;
    }
    const slow = setTimeout(() => { if (mine === latest) say(root.dataset.loading); }, SLOW_MS);
    try {
      const pagefind = await load();
      const response = await pagefind.search(term);
      if (mine !== latest) return;
      clearResults();
      results = response.results;
      await showMore(mine);
      if (mine !== latest) return;
      say(countText(results.length), term, results.length);
    } catch (error) {
      if (mine !== latest) return;
      clearResults();
      say(root.dataset.error);
      console.error(error);
    } finally {
      clearTimeout(slow);
    }
  }

  function clearResults() {
    results = [];
    shown = 0;
    list.replaceChildren();
    list.hidden = true;
    more.hidden = true;
  }

  async function showMore(mine) {
    const batch = results.slice(shown, shown + PAGE_SIZE);
    const pages = await Promise.all(batch.map((result) => result.data()));
    if (mine !== latest) return null;
    const items = pages.map(resultItem);
    list.append(...items);
    shown += batch.length;
    list.hidden = shown === 0;
    more.hidden = shown >= results.length;
    return items.length ? items[0].querySelector("a") : null;
  }

  function countText(count) {
    if (count === 0) return root.dataset.none;
    // Intl.PluralRules names the number form (Arabic has six); data-count-<form> holds its text.
    const form = plurals.select(count);
    return root.dataset["count" + form[0].toUpperCase() + form.slice(1)] || root.dataset.countOther;
  }

  // Put a message into the live region; {q} becomes the visitor's words (isolated, so Latin
  // words inside Arabic text keep their order), {n} the number of pages.
  function say(template, term = "", count = 0) {
    const nodes = [];
    template.split("{q}").forEach((part, i) => {
      if (i) {
        const words = document.createElement("bdi");
        words.textContent = term;
        nodes.push(words);
      }
      nodes.push(document.createTextNode(part.replaceAll("{n}", String(count))));
    });
    const same = status.textContent === nodes.map((node) => node.textContent).join("");
    status.replaceChildren();
    // Screen readers skip a message identical to the last one unless the region was emptied first.
    if (same) setTimeout(() => status.replaceChildren(...nodes), 150);
    else status.replaceChildren(...nodes);
  }
}

function resultItem(page) {
  const item = document.createElement("li");
  item.className = "search__result";
  const link = document.createElement("a");
  link.href = page.url;
  link.textContent = page.meta && page.meta.title ? page.meta.title : page.url;
  const excerpt = document.createElement("p");
  excerpt.className = "search__excerpt";
  excerpt.append(...excerptNodes(page.excerpt || ""));
  item.append(link, excerpt);
  return item;
}

// Pagefind's excerpt is text with <mark> around the matched words. Rebuild it from text nodes
// and <mark> elements only, so nothing else in it could ever become markup on the page.
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  return Array.from(parsed.body.childNodes, (node) => {
    if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });
}
