// Dashboard charts (Chart.js, served by the app). Figures come from the page itself.
(function () {
  const f = JSON.parse(document.getElementById("figures").textContent);
  const L = window.LuoshiCharts;
  const COUNT = L.COUNT_AXIS;
  const RED = "#d32f2f", YELLOW = "#f2a600", GREEN = "#2e7d32", BLUE = "#1f5fbf", GREY = "#b0b5bd";
  const STATE_COLORS = { "拟办": GREY, "已交办": "#5b8def", "已签收": "#26a69a", "办理中": YELLOW,
    "申请延期": "#ef8a3c", "待复核": "#8e63ce", "已办结": GREEN, "已撤销": "#d5d7db" };
  const states = Object.keys(f.by_state);
  L.make("chart-state", { type: "doughnut", data: { labels: states, datasets: [{
      data: states.map((s) => f.by_state[s]), backgroundColor: states.map((s) => STATE_COLORS[s] || BLUE) }] },
    options: { maintainAspectRatio: false, plugins: { legend: { position: "right" } } } });
  L.make("chart-light", { type: "bar", data: { labels: ["绿灯", "黄灯", "红灯"], datasets: [{
      data: [f.lights.green, f.lights.yellow, f.lights.red], backgroundColor: [GREEN, YELLOW, RED] }] },
    options: { maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: COUNT } } });
  if (f.trend) {
    L.make("chart-trend", { type: "line", data: { labels: f.trend.map((r) => r[0]), datasets: [
        { label: "交办", data: f.trend.map((r) => r[1]), borderColor: BLUE, backgroundColor: BLUE, tension: .25 },
        { label: "办结", data: f.trend.map((r) => r[2]), borderColor: GREEN, backgroundColor: GREEN, tension: .25 }] },
      options: { maintainAspectRatio: false, plugins: { legend: { position: "bottom" } }, scales: { y: COUNT } } });
  }
  function completion(id, rows) {
    if (!rows) return;
    L.make(id, { type: "bar", data: { labels: rows.map((r) => r.name), datasets: [
        { label: "已办结", data: rows.map((r) => r.done), backgroundColor: GREEN, stack: "s" },
        { label: "逾期", data: rows.map((r) => r.overdue), backgroundColor: RED, stack: "s" },
        { label: "其他在办", data: rows.map((r) => Math.max(0, r.total - r.done - r.overdue)), backgroundColor: "#9bbcf0", stack: "s" }] },
      options: { indexAxis: "y", maintainAspectRatio: false, plugins: { legend: { position: "bottom" } },
        scales: { x: { stacked: true, ...COUNT }, y: { stacked: true } } } });
  }
  completion("chart-unit", f.by_unit);
  completion("chart-leader", f.by_leader);
  if (f.categories) {
    L.make("chart-category", { type: "bar", data: { labels: f.categories.map((c) => c[0]), datasets: [{
        data: f.categories.map((c) => c[1]), backgroundColor: "#b71c1c" }] },
      options: { maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: COUNT } } });
  }
})();
