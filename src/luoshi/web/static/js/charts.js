// Shared Chart.js set-up (served by the app): fonts, counts on integer axes, and a clear
// "暂无数据" note in place of a chart that has nothing to draw.
(function () {
  const Luoshi = (window.LuoshiCharts = {});
  Luoshi.COLORS = ["#1f5fbf", "#2e7d32", "#f2a600", "#b71c1c", "#8e63ce", "#26a69a",
    "#ef8a3c", "#5b8def", "#9e9d24", "#b0b5bd"];
  if (typeof Chart !== "undefined") {
    Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
    Chart.defaults.font.size = 13;
    Chart.defaults.color = "#3b4048";
    Chart.defaults.animation = false;
  }
  // counts: ticks on whole numbers only (no 0.5 steps), starting at zero
  Luoshi.COUNT_AXIS = { beginAtZero: true, ticks: { precision: 0 } };

  function hasData(config) {
    const sets = (config.data && config.data.datasets) || [];
    return sets.some((d) => (d.data || []).some((v) => {
      const n = v !== null && typeof v === "object" ? v.y : v;
      return typeof n === "number" && n !== 0;
    }));
  }
  Luoshi.empty = function (el, text) {
    const note = document.createElement("div");
    note.className = "chart-empty";
    note.textContent = text || "暂无数据";
    el.replaceWith(note);
  };
  // Draw `config` on canvas #id; an absent canvas is skipped, an empty chart becomes a note.
  Luoshi.make = function (id, config) {
    const el = document.getElementById(id);
    if (!el) return null;
    if (!hasData(config)) {
      Luoshi.empty(el);
      return null;
    }
    if (typeof Chart === "undefined") return null;
    return new Chart(el, config);
  };
})();
