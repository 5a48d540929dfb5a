// The dashboard: reads the gateway's REST API every 10 s and draws tables and small SVG charts.
// Hand-written charts (a polyline, bars, a step line): no chart library is bundled, so the page works on a
// gateway with no internet and needs no build step.
(() => {
  const t = I18n.t;
  const $ = selector => document.querySelector(selector);
  const state = { lamp: null, node: null, meter: null };

  async function get(path) {
    const response = await fetch(path, { credentials: "same-origin" });
    if (response.status === 401) { location.href = "/login"; throw new Error("login"); }
    if (!response.ok && response.status !== 503) throw new Error(path + ": " + response.status);
    return response.json();
  }

  function cell(text, className) {
    const td = document.createElement("td");
    td.textContent = text == null ? "–" : String(text);
    if (className) td.className = className;
    return td;
  }

  function titled(td, title) {
    if (title) td.title = title;
    return td;
  }

  function fill(table, rows) {
    const body = table.tBodies[0];
    body.replaceChildren(...rows.map(cells => { const tr = document.createElement("tr"); tr.append(...cells); return tr; }));
  }

  function when(iso) {
    if (!iso) return "–";
    return new Date(iso).toLocaleString(I18n.current() === "en" ? "en-GB" : I18n.current(), { timeZone: "Asia/Almaty", hour12: false });
  }

  function svg(width, height, inner) {
    return `<svg viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" role="img">${inner}</svg>`;
  }

  // A line (or step line) of points {x: 0..1, y: value} over 0..yMax, with first/last labels.
  function lineChart(el, points, yMax, labels, step) {
    const w = 600, h = 160, pad = 18;
    if (points.length === 0) { el.innerHTML = `<p>${t("none")}</p>`; return; }
    const X = x => pad + x * (w - 2 * pad), Y = y => h - pad - (Math.max(0, y) / (yMax || 1)) * (h - 2 * pad);
    let d = "";
    points.forEach((p, i) => {
      if (i === 0) d += `M${X(p.x)},${Y(p.y)}`;
      else if (step) d += `H${X(p.x)}V${Y(p.y)}`;
      else d += `L${X(p.x)},${Y(p.y)}`;
    });
    if (step) d += `H${X(1)}`;
    el.innerHTML = svg(w, h,
      `<line class="axis" x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}"/>` +
      `<path class="series" d="${d}"/>` +
      `<text x="${pad}" y="${h - 4}">${labels[0]}</text><text x="${w - pad}" y="${h - 4}" text-anchor="end">${labels[1]}</text>` +
      `<text x="2" y="${pad}">${Math.round(yMax)}</text>`);
  }

  function barChart(el, values, labels) {
    const w = 600, h = 160, pad = 18;
    const max = Math.max(1e-9, ...values.map(v => v || 0));
    const bw = (w - 2 * pad) / Math.max(1, values.length);
    el.innerHTML = svg(w, h, values.map((v, i) => {
      const bh = ((v || 0) / max) * (h - 2 * pad);
      return `<rect class="bar" x="${pad + i * bw + 1}" y="${h - pad - bh}" width="${Math.max(1, bw - 2)}" height="${bh}"/>`;
    }).join("") + `<line class="axis" x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}"/>` +
      `<text x="${pad}" y="${h - 4}">${labels[0]}</text><text x="${w - pad}" y="${h - 4}" text-anchor="end">${labels[1]}</text>` +
      `<text x="2" y="${pad}">${max.toFixed(2)}</text>`);
  }

  function aqiClass(aqi) { return aqi == null ? "" : aqi <= 50 ? "aqi-good" : aqi <= 100 ? "aqi-moderate" : "aqi-bad"; }

  function options(select, ids, chosen) {
    const current = [...select.options].map(o => o.value).join();
    if (current !== ids.join()) select.replaceChildren(...ids.map(id => new Option(id, id)));
    if (chosen && ids.includes(chosen)) select.value = chosen;
  }

  async function refresh() {
    const [devices, health, lamps, lampStatus, air, groups, calendars, programs, parameters] = await Promise.all([
      get("/api/devices"), get("/healthz"), get("/api/lighting/lamps"), get("/api/lighting/status"), get("/api/air-quality"),
      get("/api/lighting/groups"), get("/api/lighting/calendars"), get("/api/lighting/programs"), get("/api/lighting/lamp-parameters")]);
    const parametersOf = Object.fromEntries(parameters.map(p => [p.deviceId, p]));

    // The lamp type and version the lamp acknowledged, and what is on its way when it differs.
    function parameterCell(id) {
      const p = parametersOf[id];
      if (!p) return cell(null);
      const running = p.ackedVersion > 0 ? `${p.ackedLampTypeId} v${p.ackedVersion}` : "–";
      return p.current ? cell(running) : cell(`${running} → ${p.lampTypeId} v${p.version} (${t("sending")})`, "pending");
    }

    // The program a lamp's group runs by its calendar's first rule (or its default), by name.
    function programOf(lamp) {
      const group = groups.find(g => g.id === lamp.groupId);
      const calendar = calendars.find(c => c.id === (lamp.calendarId || (group && group.calendarId)));
      const id = calendar && (calendar.rules && calendar.rules.length ? calendar.rules[0].program : calendar.defaultProgram);
      const program = programs.find(p => p.id === id);
      return program ? program.name : null;
    }

    $("#summary").textContent = `${health.connectedDevices} ${t("connected")} · ${t("buffer")}: ${health.buffer.urgent + health.buffer.bulk}`;
    fill($("table[data-testid=devices]"), devices.map(d => [
      cell(d.deviceId), cell(d.role ? t(d.role) : null), cell(d.online ? t("online") : t("offline"), d.online ? "online" : "offline"),
      cell(when(d.lastSeenAt)), cell(d.health && d.health.firmware)]));

    const status = Object.fromEntries(lampStatus.map(s => [s.deviceId, s]));
    const lampIds = [...new Set([...lamps.map(l => l.deviceId), ...lampStatus.map(s => s.deviceId)])].sort();
    fill($("table[data-testid=lamps]"), lampIds.map(id => {
      const model = lamps.find(l => l.deviceId === id) || {}, s = status[id] || {};
      const faults = (s.faults || []).join(", ");
      const program = programOf(model);
      return [cell(id), cell(model.groupId), cell(s.level != null ? s.level + " %" : null), cell(program ? `${program} (${s.source || "–"})` : s.source), parameterCell(id), cell(faults || t("none"), faults ? "fault" : "")];
    }));
    options($("#override-lamp"), lampIds, $("#override-lamp").value);
    state.lamp = $("#override-lamp").value || lampIds[0] || null;
    if (state.lamp) {
      $("#profile-lamp").textContent = state.lamp;
      try {
        const changes = await get(`/api/lighting/lamps/${encodeURIComponent(state.lamp)}/profile`);
        const start = new Date(changes[0].at).getTime();
        lineChart($("#profile"), changes.map(c => ({ x: (new Date(c.at).getTime() - start) / 86400000, y: c.level })), 100, ["12:00", "12:00"], true);
      } catch { $("#profile").innerHTML = `<p>${t("none")}</p>`; }
    }

    fill($("table[data-testid=air]"), air.map(a => [
      cell(a.deviceId), cell(a.aqi, aqiClass(a.aqi)), cell(a.category ? t(a.category) + (a.beyondTheAqi ? " · " + t("beyondTheAqi") : "") : null),
      titled(cell(a.europeanBand ? t("eu-" + a.europeanBand) : null), a.europeanEdition),
      cell(a.kazakhstan ? `${t("kz-" + a.kazakhstan.level)} · ${t("si")} ${a.kazakhstan.si} · ${t("np")} ${a.kazakhstan.np} %` : null),
      cell(a.pm25NowCast != null ? a.pm25NowCast.toFixed(1) : null), cell(a.pm10NowCast != null ? a.pm10NowCast.toFixed(1) : null), cell((a.flags || []).join(", ") || t("none"))]));
    const indexed = air.find(a => a.aqi != null) || air[0];
    state.node = state.node && air.some(a => a.deviceId === state.node) ? state.node : (indexed && indexed.deviceId);
    [...$("table[data-testid=air]").tBodies[0].rows].forEach(row => {
      row.style.cursor = "pointer";
      row.onclick = () => { state.node = row.cells[0].textContent; refresh().catch(console.error); };
    });
    if (state.node) {
      $("#air-node").textContent = state.node;
      const history = await get(`/api/air-quality/${encodeURIComponent(state.node)}/history?hours=24`);
      const values = history.map((h, i) => ({ x: i / Math.max(1, history.length - 1), y: h.aqi == null ? 0 : h.aqi }));
      lineChart($("#air-chart"), values, Math.max(50, ...values.map(v => v.y)), ["-24 h", "AQI"], false);
    }

    const meters = devices.filter(d => d.role === "meter").map(d => d.deviceId);
    options($("#meter"), meters, state.meter);
    state.meter = $("#meter").value || null;
    if (state.meter) {
      const to = new Date(Math.ceil(Date.now() / 3600000) * 3600000), from = new Date(to.getTime() - 86400000);
      const hours = await get(`/api/meters/${encodeURIComponent(state.meter)}/consumption?from=${from.toISOString()}&to=${to.toISOString()}&interval=hour`);
      barChart($("#meter-chart"), hours.map(h => h.consumption), ["-24 h", "now"]);
    }

    const rollouts = await get("/api/rollouts");
    fill($("table[data-testid=rollouts]"), rollouts.map(r => [
      cell(r.id), cell(r.app), cell(r.version), cell(t(r.state) + (r.stopReason ? ` (${r.stopReason})` : ""), r.state === "stopped" ? "fault" : ""),
      cell(r.wave < 0 ? null : r.wave), cell(Object.entries(r.counts).map(([status, n]) => `${n} ${t(status)}`).join(", "))]));
    const latest = rollouts.length ? await get(`/api/rollouts/${rollouts[0].id}`) : { devices: [] };
    fill($("table[data-testid=rollout-devices]"), latest.devices.map(d => [
      cell(d.deviceId), cell(d.wave), cell(t(d.status), d.status === "failed" ? "fault" : d.status === "healthy" ? "online" : ""), cell(d.reason)]));

    // The newest refused payloads; the bytes cut to a line, all of them in the cell's title.
    const quarantined = await get("/api/quarantine?limit=20");
    fill($("table[data-testid=quarantine]"), quarantined.map(q => [
      cell(q.id), cell(when(q.receivedAt)), cell(q.deviceId), cell(q.reason, "fault"), cell(q.field),
      titled(cell((q.rawHex.length > 48 ? q.rawHex.slice(0, 48) + "…" : q.rawHex) + (q.truncated ? ` (${q.rawLength} B)` : ""), "raw"), q.rawHex)]));

    const rows = [
      [cell(t("status")), cell(t(health.status) + (health.problem ? ` (${health.problem})` : ""))],
      [cell(t("southbound")), cell(t(health.southbound))],
      [cell(t("buffer")), cell(`${health.buffer.urgent} + ${health.buffer.bulk}`)],
      ...Object.entries(health.sinks).map(([name, sink]) => [cell(`${t("sinkLag")} ${name}`), cell(sink.lag)]),
      ...Object.entries(health.sinks).filter(([, sink]) => sink.rejected > 0).map(([name, sink]) => [cell(`${t("sinkRejected")} ${name}`), cell(sink.rejected, "fault")]),
      ...(health.warnings || []).map(w => [cell(t("warning")), titled(cell(t("warning-" + w.code) === "warning-" + w.code ? w.message : t("warning-" + w.code), "fault"), w.message)]),
    ];
    fill($("table[data-testid=gateway]"), rows);
    document.body.dataset.loaded = "true";
  }

  $("#language").value = I18n.current();
  I18n.apply(I18n.current());
  $("#language").addEventListener("change", e => { I18n.apply(e.target.value); refresh().catch(console.error); });
  $("#override-lamp").addEventListener("change", () => refresh().catch(console.error));
  $("#meter").addEventListener("change", e => { state.meter = e.target.value; refresh().catch(console.error); });
  $("#override").addEventListener("submit", async e => {
    e.preventDefault();
    const lamp = $("#override-lamp").value;
    const response = await fetch("/api/lighting/overrides", {
      method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ target: "lamp:" + lamp, level: Number($("#override-level").value), minutes: Number($("#override-minutes").value) }),
    });
    $("#override-result").textContent = response.ok ? `${t("overrideSent")} ${lamp}` : `${t("overrideFailed")}: ${await response.text()}`;
  });
  refresh().catch(console.error);
  setInterval(() => refresh().catch(console.error), 10000);
})();
