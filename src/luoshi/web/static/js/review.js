// Review page: a directive's highlighted span and its proposed task point at each other.
// The document and the proposals scroll in panes of their own: bringing one into view
// scrolls its pane only, never the window (on narrow screens, where the panes do not
// scroll, the window does).
(function () {
  function reveal(pane, el, center) {
    if (!pane || !el) return;
    if (pane.scrollHeight <= pane.clientHeight + 1) {
      el.scrollIntoView({ block: center ? "center" : "start", behavior: "smooth" });
      return;
    }
    const offset = el.getBoundingClientRect().top - pane.getBoundingClientRect().top;
    const room = center ? (pane.clientHeight - el.offsetHeight) / 2 : 8;
    pane.scrollTo({ top: pane.scrollTop + offset - Math.max(8, room) });
  }
  const doc = document.getElementById("doc");
  const proposals = document.getElementById("proposals");
  function activate(id, scrollDoc) {
    document.querySelectorAll(".active").forEach((el) => el.classList.remove("active"));
    const mark = document.getElementById("d-" + id);
    const card = document.getElementById("p-" + id);
    if (mark) mark.classList.add("active");
    if (card) card.classList.add("active");
    if (scrollDoc) reveal(doc, mark, true);
    // a card is often taller than half the pane: bring its head into view, not its middle
    else reveal(proposals, card, false);
  }
  document.querySelectorAll("mark[data-task]").forEach((m) =>
    m.addEventListener("click", (e) => { e.preventDefault(); activate(m.dataset.task, false); }));
  document.querySelectorAll(".proposal[data-task]").forEach((p) =>
    p.addEventListener("focusin", () => activate(p.dataset.task, true)));
  document.querySelectorAll("a.src-link").forEach((a) =>
    a.addEventListener("click", (e) => { e.preventDefault(); activate(a.dataset.task, true); }));
  document.querySelectorAll("[data-toggle]").forEach((b) =>
    b.addEventListener("click", () => { const f = document.getElementById(b.dataset.toggle); f.hidden = !f.hidden; }));
  const hash = location.hash.match(/^#[pd]-(\d+)$/);
  if (hash) {
    // after saving a card (#p-…): that card and its span; the window stays at the top
    window.scrollTo(0, 0);
    activate(hash[1], true);
    reveal(proposals, document.getElementById("p-" + hash[1]), false);
  }
})();
