// Corpus analysis charts (Chart.js, served by the app). Data come from the page itself.
(function () {
  const a = JSON.parse(document.getElementById("analysis-data").textContent);
  const L = window.LuoshiCharts;
  const COUNT = L.COUNT_AXIS;
  const color = (i) => L.COLORS[i % L.COLORS.length];
  function stacked(id, series, horizontal) {
    L.make(id, { type: "bar", data: { labels: series.labels, datasets: series.datasets.map((d, i) => ({
        label: d.label, data: d.data, backgroundColor: color(i), stack: "s" })) },
      options: { maintainAspectRatio: false, indexAxis: horizontal ? "y" : "x",
        plugins: { legend: { position: "bottom" } },
        scales: horizontal ? { x: { stacked: true, ...COUNT }, y: { stacked: true, ticks: { autoSkip: false } } }
                           : { x: { stacked: true }, y: { stacked: true, ...COUNT } } } });
  }
  function ranking(id, series, colour) {
    L.make(id, { type: "bar", data: { labels: series.labels, datasets: [{
        data: series.data, backgroundColor: colour }] },
      options: { indexAxis: "y", maintainAspectRatio: false, plugins: { legend: { display: false } },
        scales: { x: COUNT, y: { ticks: { autoSkip: false } } } } });
  }
  stacked("chart-category-time", a.category_over_time, false);
  stacked("chart-regions", a.regions, true);
  const spread = a.diffusion.datasets.some((d) => d.data.length > 1);
  const diffusionEl = document.getElementById("chart-diffusion");
  if (diffusionEl && !spread) L.empty(diffusionEl, "暂无数据：各事项都只在一个地区出现过，尚无扩散可画");
  else L.make("chart-diffusion", { type: "line", data: { datasets: a.diffusion.datasets.map((d, i) => ({
      label: d.label, data: d.data, borderColor: color(i), backgroundColor: color(i), stepped: true,
      pointRadius: 3 })) },
    options: { maintainAspectRatio: false, plugins: { legend: { position: "bottom" } },
      scales: { x: { type: "linear", beginAtZero: true, ticks: { precision: 0 },
                     title: { display: true, text: "首次出现后天数" } },
                y: { ...COUNT, title: { display: true, text: "累计传达地区数" } } } } });
  ranking("chart-programmes", a.programmes, "#b71c1c");
  ranking("chart-units", a.units, "#1f5fbf");
})();
