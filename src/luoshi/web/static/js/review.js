// Review page: a directive's highlighted span and its proposed task point at each other.
(function () {
  function activate(id, scrollDoc) {
    document.querySelectorAll(".active").forEach((el) => el.classList.remove("active"));
    const mark = document.getElementById("d-" + id);
    const card = document.getElementById("p-" + id);
    if (mark) mark.classList.add("active");
    if (card) card.classList.add("active");
    if (scrollDoc && mark) mark.scrollIntoView({ block: "center", behavior: "smooth" });
    if (!scrollDoc && card) card.scrollIntoView({ block: "center", behavior: "smooth" });
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
  if (hash) activate(hash[1], location.hash.startsWith("#p"));
})();
