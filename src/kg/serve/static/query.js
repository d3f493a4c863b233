// The query UI: YASGUI against this server's /sparql, one tab per saved query of queries/*.rq.
(function () {
  "use strict";
  var saved = JSON.parse(document.getElementById("saved-queries").textContent);
  var endpoint = new URL("/sparql", window.location.href).toString();
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    yasqe: { autocompleters: ["variables"] },
  });
  saved.forEach(function (q, index) {
    yasgui.addTab(index === 0, { name: q.title, yasqe: { value: q.query }, requestConfig: { endpoint: endpoint } });
  });
  window.kgYasgui = yasgui;
})();
