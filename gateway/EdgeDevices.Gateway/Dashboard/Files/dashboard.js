// The dashboard: reads the gateway's REST API every 10 s and draws tables, a map and small SVG charts.
// Hand-written charts and map (a polyline, bars, a step line, dots on the devices' coordinates): no chart
// library and no tile server, so the page works on a gateway with no internet and needs no build step.
(() => {
  const t = I18n.t;
  const $ = selector => document.querySelector(selector);
  const PageSize = 50;
  const state = { lamp: null, node: null, meter: null, filter: "", page: 0, devices: [] };

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

  // "3 h 12 min" since a Unix millisecond time.
  function age(ms) {
    const minutes = Math.max(0, Math.round((Date.now() - ms) / 60000));
    return minutes < 60 ? `${minutes} ${t("min")}` : `${Math.floor(minutes / 60)} ${t("hours")} ${minutes % 60} ${t("min")}`;
  }

  function svg(width, height, inner, label) {
    return `<svg viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" role="img" aria-label="${label || ""}">${inner}</svg>`;
  }

  // A line (or step line) of points {x: 0..1, y: value or null} over 0..yMax, with first/last labels. A null is
  // a gap: the line stops and starts again after it, and the gap is shaded, never drawn as a zero.
  function lineChart(el, points, yMax, labels, step) {
    const w = 600, h = 160, pad = 18;
    if (points.length === 0) { el.innerHTML = `<p>${t("none")}</p>`; return; }
    const X = x => pad + x * (w - 2 * pad), Y = y => h - pad - (Math.max(0, y) / (yMax || 1)) * (h - 2 * pad);
    let d = "", last = null, gaps = "";
    points.forEach((p, i) => {
      if (p.y == null) {
        const next = points[i + 1];
        const x0 = X(i > 0 ? points[i - 1].x : p.x), x1 = X(next ? next.x : p.x);
        gaps += `<rect class="gap" x="${x0}" y="${pad}" width="${Math.max(1, x1 - x0)}" height="${h - 2 * pad}"><title>${t("noData")}</title></rect>`;
        last = null;
        return;
      }
      if (last == null) d += `M${X(p.x)},${Y(p.y)}`;
      else if (step) d += `H${X(p.x)}V${Y(p.y)}`;
      else d += `L${X(p.x)},${Y(p.y)}`;
      last = p;
    });
    if (step && last) d += `H${X(1)}`;
    el.innerHTML = svg(w, h,
      gaps + `<line class="axis" x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}"/>` +
      (d ? `<path class="series" d="${d}"/>` : "") +
      `<text x="${pad}" y="${h - 4}">${labels[0]}</text><text x="${w - pad}" y="${h - 4}" text-anchor="end">${labels[1]}</text>` +
      `<text x="2" y="${pad}">${Math.round(yMax)}</text>`, labels.join(" "));
  }

  // Bars; a missing value (null) is a gap shaded as such, a zero is a zero.
  function barChart(el, values, labels) {
    const w = 600, h = 160, pad = 18;
    const max = Math.max(1e-9, ...values.map(v => v || 0));
    const bw = (w - 2 * pad) / Math.max(1, values.length);
    el.innerHTML = svg(w, h, values.map((v, i) => {
      if (v == null) return `<rect class="gap" x="${pad + i * bw + 1}" y="${pad}" width="${Math.max(1, bw - 2)}" height="${h - 2 * pad}"><title>${t("noData")}</title></rect>`;
      const bh = (v / max) * (h - 2 * pad);
      return `<rect class="bar" x="${pad + i * bw + 1}" y="${h - pad - bh}" width="${Math.max(1, bw - 2)}" height="${bh}"/>`;
    }).join("") + `<line class="axis" x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}"/>` +
      `<text x="${pad}" y="${h - 4}">${labels[0]}</text><text x="${w - pad}" y="${h - 4}" text-anchor="end">${labels[1]}</text>` +
      `<text x="2" y="${pad}">${max.toFixed(2)}</text>`, labels.join(" "));
  }

  // The devices at their coordinates, fitted to the box they span: no tiles, so no internet needed.
  function map(el, devices) {
    const placed = devices.filter(d => d.latitude != null && d.longitude != null);
    if (placed.length === 0) { el.innerHTML = `<p>${t("none")}</p>`; return; }
    const w = 600, h = 320, pad = 16;
    const lats = placed.map(d => d.latitude), lons = placed.map(d => d.longitude);
    const south = Math.min(...lats), north = Math.max(...lats), west = Math.min(...lons), east = Math.max(...lons);
    // Longitude degrees shrink with the cosine of the latitude: keep the shape of the city.
    const squeeze = Math.cos(((south + north) / 2) * Math.PI / 180);
    const spanX = Math.max(1e-6, (east - west) * squeeze), spanY = Math.max(1e-6, north - south);
    const scale = Math.min((w - 2 * pad) / spanX, (h - 2 * pad) / spanY);
    const X = lon => pad + (lon - west) * squeeze * scale, Y = lat => h - pad - (lat - south) * scale;
    el.innerHTML = svg(w, h, placed.map(d =>
      `<circle class="dot ${d.online ? "online" : "offline"}" data-device="${d.deviceId}" cx="${X(d.longitude).toFixed(1)}" cy="${Y(d.latitude).toFixed(1)}" r="4"><title>${d.deviceId} · ${d.role ? t(d.role) : ""} · ${d.online ? t("online") : t("offline")}</title></circle>`).join(""),
      `${t("map")}: ${placed.length}`);
  }

  function aqiClass(aqi) { return aqi == null ? "" : aqi <= 50 ? "aqi-good" : aqi <= 100 ? "aqi-moderate" : "aqi-bad"; }

  function options(select, ids, chosen) {
    const current = [...select.options].map(o => o.value).join();
    if (current !== ids.join()) select.replaceChildren(...ids.map(id => new Option(id, id)));
    if (chosen && ids.includes(chosen)) select.value = chosen;
  }

  // One page of the device list, filtered by what is typed (id, role, state): usable with a thousand devices.
  function drawDevices() {
    const needle = state.filter.trim().toLowerCase();
    const matching = state.devices.filter(d => !needle || [d.deviceId, d.role ? t(d.role) : "", d.online ? t("online") : t("offline")].some(s => s.toLowerCase().includes(needle)));
    const pages = Math.max(1, Math.ceil(matching.length / PageSize));
    state.page = Math.min(state.page, pages - 1);
    const shown = matching.slice(state.page * PageSize, (state.page + 1) * PageSize);
    fill($("table[data-testid=devices]"), shown.map(d => [
      cell(d.deviceId), cell(d.role ? t(d.role) : null), cell(d.online ? t("online") : t("offline"), d.online ? "online" : "offline"),
      cell(when(d.lastSeenAt)), cell(d.health && d.health.firmware)]));
    const first = matching.length === 0 ? 0 : state.page * PageSize + 1;
    $("#device-page").textContent = `${first}–${state.page * PageSize + shown.length} ${t("of")} ${matching.length}`;
    $("#device-previous").disabled = state.page === 0;
    $("#device-next").disabled = state.page >= pages - 1;
  }

  // The night that ended this morning (it started yesterday evening), as a local date.
  function lastNight() {
    const local = new Date(Date.now() + 5 * 3600000 - 36 * 3600000);
    return local.toISOString().slice(0, 10);
  }

  async function refresh() {
    const [devices, health, lamps, lampStatus, air, groups, calendars, programs, parameters, alarms] = await Promise.all([
      get("/api/devices"), get("/healthz"), get("/api/lighting/lamps"), get("/api/lighting/status"), get("/api/air-quality"),
      get("/api/lighting/groups"), get("/api/lighting/calendars"), get("/api/lighting/programs"), get("/api/lighting/lamp-parameters"),
      get("/api/alarms?open=true")]);
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

    $("#summary").textContent = `${health.connectedDevices} ${t("connected")} · ${t("buffer")}: ${health.buffer.urgent + health.buffer.bulk}` + (alarms.length ? ` · ${t("alarms")}: ${alarms.length}` : "");

    fill($("table[data-testid=alarms]"), alarms.map(a => {
      const acknowledge = document.createElement("td");
      if (a.acknowledgedAt) {
        acknowledge.textContent = t("acknowledged");
      } else {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = t("acknowledge");
        button.dataset.testid = "acknowledge-" + a.id;
        button.onclick = async () => {
          await fetch(`/api/alarms/${a.id}/acknowledge`, { method: "POST", credentials: "same-origin" });
          refresh().catch(console.error);
        };
        acknowledge.append(button);
      }
      const code = t("code-" + a.code);
      return [cell(a.deviceId), cell(code === "code-" + a.code ? a.code : code, a.acknowledgedAt ? "" : "fault"), cell(t("severity-" + a.severity)), titled(cell(age(a.raisedAt)), new Date(a.raisedAt).toISOString()), acknowledge];
    }));

    // The audit log, for those who may read it (administrators); hidden for the rest.
    const audit = await fetch("/api/audit?limit=50", { credentials: "same-origin" });
    $("#audit").hidden = !audit.ok;
    if (audit.ok) {
      fill($("table[data-testid=audit]"), (await audit.json()).map(e =>
        [cell(when(e.at)), cell(e.principal), cell(e.role), cell(e.source), cell(`${e.action} ${e.target}`), cell(e.outcome || "–", e.outcome >= 400 ? "fault" : "")]));
    }

    state.devices = devices;
    drawDevices();
    // A lamp without a site of its own stands where the lighting model puts it.
    const lampAt = Object.fromEntries(lamps.filter(l => l.latitude != null).map(l => [l.deviceId, l]));
    map($("#device-map"), devices.map(d => d.latitude == null && lampAt[d.deviceId]
      ? { ...d, latitude: lampAt[d.deviceId].latitude, longitude: lampAt[d.deviceId].longitude } : d));

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

    const night = $("#energy-night").value || lastNight();
    $("#energy-night").value = night;
    try {
      const report = await get(`/api/lighting/report?night=${night}`);
      const kwh = wh => (wh / 1000).toFixed(2);
      fill($("table[data-testid=energy]"), [...report.groups, report.all].map(g => [
        cell(g.groupId || t("all"), g.groupId ? "" : "total"), cell(g.lamps), cell(kwh(g.energyWattHours)), cell(kwh(g.fullPowerWattHours)),
        cell(g.fullPowerWattHours > 0 ? g.savingsPercent.toFixed(1) + " %" : null), cell(g.fullPowerWattHours > 0 ? g.availabilityPercent.toFixed(1) + " %" : null)]));
    } catch { fill($("table[data-testid=energy]"), []); }

    fill($("table[data-testid=air]"), air.map(a => [
      cell(a.deviceId), cell(a.aqi, aqiClass(a.aqi)), cell(a.category ? t(a.category) + (a.beyondTheAqi ? " · " + t("beyondTheAqi") : "") : null),
      titled(cell(a.europeanBand ? t("eu-" + a.europeanBand) : null), a.europeanEdition),
      cell(a.kazakhstan ? `${t("kz-" + a.kazakhstan.level)} · ${t("si")} ${a.kazakhstan.si} · ${t("np")} ${a.kazakhstan.np} %` : null),
      cell(a.pm25NowCast != null ? a.pm25NowCast.toFixed(1) : null), cell(a.pm10NowCast != null ? a.pm10NowCast.toFixed(1) : null), cell((a.flags || []).map(f => t("flag-" + f) === "flag-" + f ? f : t("flag-" + f)).join(", ") || t("none"))]));
    const indexed = air.find(a => a.aqi != null) || air[0];
    state.node = state.node && air.some(a => a.deviceId === state.node) ? state.node : (indexed && indexed.deviceId);
    [...$("table[data-testid=air]").tBodies[0].rows].forEach(row => {
      row.style.cursor = "pointer";
      row.onclick = () => { state.node = row.cells[0].textContent; refresh().catch(console.error); };
    });
    if (state.node) {
      $("#air-node").textContent = state.node;
      const history = await get(`/api/air-quality/${encodeURIComponent(state.node)}/history?hours=24`);
      const values = history.map((h, i) => ({ x: i / Math.max(1, history.length - 1), y: h.aqi }));
      lineChart($("#air-chart"), values, Math.max(50, ...values.map(v => v.y || 0)), ["-24 h", "AQI"], false);
    }

    const meters = devices.filter(d => d.role === "meter").map(d => d.deviceId);
    options($("#meter"), meters, state.meter);
    state.meter = $("#meter").value || null;
    if (state.meter) {
      const to = new Date(Math.ceil(Date.now() / 3600000) * 3600000), from = new Date(to.getTime() - 86400000);
      const hours = await get(`/api/meters/${encodeURIComponent(state.meter)}/consumption?from=${from.toISOString()}&to=${to.toISOString()}&interval=hour`);
      barChart($("#meter-chart"), hours.map(h => h.consumption), ["-24 h", t("now")]);
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
      [cell(t("status")), cell(t(health.status) + (health.problem ? ` (${health.problem})` : ""), health.status === "ok" ? "" : health.status === "degraded" ? "pending" : "fault")],
      ...(health.degraded || []).map(reason => [cell(t("degradedBecause")), cell(reason, "pending")]),
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
  $("#energy-night").addEventListener("change", () => refresh().catch(console.error));
  $("#device-filter").addEventListener("input", e => { state.filter = e.target.value; state.page = 0; drawDevices(); });
  $("#device-previous").addEventListener("click", () => { state.page = Math.max(0, state.page - 1); drawDevices(); });
  $("#device-next").addEventListener("click", () => { state.page += 1; drawDevices(); });
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
