// The search box of every page: suggestions from /api/suggest as the reader types (3+ characters; 2 of kanji or
// kana, a whole surname: 佐藤).
(function () {
  const box = document.getElementById("search-q");
  const list = document.getElementById("search-suggestions");
  if (!box || !list) return;
  let timer = null, asked = 0;
  function clear() { list.replaceChildren(); list.hidden = true; }
  async function suggest() {
    const q = box.value.trim();
    if (q.length < (/[\u3040-\u30ff\u3400-\u9fff]/.test(q) ? 2 : 3)) { clear(); return; }
    const mine = ++asked;
    const response = await fetch("/api/suggest?q=" + encodeURIComponent(q), {headers: {Accept: "application/json"}});
    if (mine !== asked || !response.ok) return;
    const items = await response.json();
    list.replaceChildren(...items.map(function (s) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = s.url;
      a.textContent = s.label;
      const type = document.createElement("span");
      type.className = "type";
      type.textContent = s.type;
      li.append(a, " ", type);
      return li;
    }));
    list.hidden = items.length === 0;
  }
  box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(suggest, 120); });
  box.addEventListener("keydown", function (e) {
    if (e.key === "Escape") clear();
    if (e.key === "ArrowDown" && list.firstChild) { e.preventDefault(); list.querySelector("a").focus(); }
  });
})();
