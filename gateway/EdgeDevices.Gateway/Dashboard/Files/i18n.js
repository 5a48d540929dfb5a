// The dashboard's words in Kazakh, Russian and English. The choice is kept in the browser; the first
// visit follows the browser's language, Kazakh for a Kazakh browser, English for anything unknown.
const I18n = (() => {
  const words = {
    en: {
      warning: "Warning", sinkRejected: "Refused for good by", "warning-chirpstackQos0": "ChirpStack publishes its events at QoS 0: uplinks that arrive while the gateway restarts are lost. Set qos=1 under [integration.mqtt] in chirpstack.toml.",
      europeanIndex: "European index", kazakhIndex: "Kazhydromet (SI / NP)", si: "SI", np: "NP", beyondTheAqi: "beyond the AQI",
      "eu-good": "Good", "eu-fair": "Fair", "eu-moderate": "Moderate", "eu-poor": "Poor", "eu-veryPoor": "Very poor", "eu-extremelyPoor": "Extremely poor",
      "kz-low": "low", "kz-elevated": "elevated", "kz-high": "high", "kz-veryHigh": "very high",
      gateway: "gateway", language: "Language", devices: "Devices", device: "Device", role: "Role", state: "State",
      lastSeen: "Last seen", firmware: "Firmware", online: "online", offline: "offline", lamps: "Street lights", group: "Group",
      level: "Level", program: "Program", faults: "Faults", override: "Override", minutes: "minutes", apply: "Apply",
      nightProfile: "Tonight's profile", airQuality: "Air quality", category: "Category", flags: "Flags",
      last24h: "Last 24 hours", meters: "Meters", consumption: "Consumption, last 24 hours", gatewayState: "Gateway",
      status: "Status", southbound: "Devices' broker", buffer: "Buffer", sinkLag: "Not yet forwarded to", connected: "devices connected",
      token: "Access token", login: "Log in", loginFailed: "Wrong name and password, or not a token of this gateway.", accountName: "Name", password: "Password", orToken: "or an access token",
      audit: "Changes (audit log)", auditExport: "Export (CSV)", at: "When", who: "Who", source: "From", action: "What", outcome: "Outcome", overrideSent: "sent to",
      overrideFailed: "refused", none: "none", streetlight: "street light", airquality: "air quality", meter: "meter",
      good: "Good", moderate: "Moderate", unhealthyForSensitiveGroups: "Unhealthy for sensitive groups", unhealthy: "Unhealthy",
      veryUnhealthy: "Very unhealthy", hazardous: "Hazardous", receiving: "receiving", "not connected": "not connected", ok: "ok", failing: "failing",
      updates: "Application updates", app: "App", version: "Version", wave: "Wave", reason: "Reason", rolloutDevices: "Devices of the latest rollout",
      running: "running", completed: "completed", stopped: "stopped", pending: "waiting", sent: "sent", downloading: "downloading",
      staged: "downloaded", trial: "on trial", healthy: "healthy", current: "up to date", failed: "failed", skipped: "skipped", notSent: "not sent",
      quarantine: "Refused payloads (quarantine)", received: "Received", field: "Field", rawBytes: "Bytes (hex)",
      parameters: "Parameters", sending: "sending",
      alarms: "Open alarms", alarm: "Alarm", severity: "Severity", age: "Since", acknowledge: "Acknowledge", acknowledged: "acknowledged",
      min: "min", hours: "h", filter: "Filter", previous: "Previous", next: "Next", of: "of", map: "Map",
      energyReport: "Energy and savings per night", night: "Night starting", lampCount: "Lamps", energyUsed: "Energy, kWh",
      fullPowerEnergy: "At full power, kWh", savings: "Savings", availability: "Availability", all: "All lamps", noData: "no data", now: "now",
      degraded: "degraded", degradedBecause: "Degraded because",
      "severity-info": "information", "severity-warning": "warning", "severity-alarm": "alarm", "severity-critical": "critical",
      "code-lampFailure": "lamp failure", "code-dimmingFailure": "dimming failure", "code-cyclingFailure": "cycling lamp", "code-powerTooHigh": "power too high",
      "code-powerTooLow": "power too low", "code-unexpectedOn": "lit when it should be off", "code-relayFailure": "relay failure", "code-meteringFailure": "metering failure",
      "code-meterLeak": "leak", "code-meterTamper": "tampering", "code-sensorFault": "sensor fault", "code-airQualityAlert": "air-quality alert",
      "code-outboxOverflow": "outbox full", "code-commandRefused": "command refused", "code-commandExpired": "command unanswered", "code-watchdogReboot": "watchdog restart",
      "code-configInvalid": "invalid configuration",
      "flag-humidityHigh": "humid air", "flag-outOfRange": "implausible value", "flag-stuck": "sensor stuck",
    },
    ru: {
      warning: "Предупреждение", sinkRejected: "Окончательно отклонено", "warning-chirpstackQos0": "ChirpStack публикует события с QoS 0: данные, пришедшие во время перезапуска шлюза, теряются. Установите qos=1 в разделе [integration.mqtt] файла chirpstack.toml.",
      europeanIndex: "Европейский индекс", kazakhIndex: "Казгидромет (СИ / НП)", si: "СИ", np: "НП", beyondTheAqi: "за пределами шкалы AQI",
      "eu-good": "Хорошее", "eu-fair": "Удовлетворительное", "eu-moderate": "Умеренное", "eu-poor": "Плохое", "eu-veryPoor": "Очень плохое", "eu-extremelyPoor": "Крайне плохое",
      "kz-low": "низкий", "kz-elevated": "повышенный", "kz-high": "высокий", "kz-veryHigh": "очень высокий",
      gateway: "шлюз", language: "Язык", devices: "Устройства", device: "Устройство", role: "Роль", state: "Состояние",
      lastSeen: "Последняя связь", firmware: "Прошивка", online: "в сети", offline: "не в сети", lamps: "Уличное освещение", group: "Группа",
      level: "Уровень", program: "Программа", faults: "Неисправности", override: "Ручное управление", minutes: "минут", apply: "Применить",
      nightProfile: "Профиль на ночь", airQuality: "Качество воздуха", category: "Категория", flags: "Отметки",
      last24h: "За 24 часа", meters: "Счётчики", consumption: "Потребление за 24 часа", gatewayState: "Шлюз",
      status: "Состояние", southbound: "Брокер устройств", buffer: "Буфер", sinkLag: "Ещё не передано в", connected: "устройств подключено",
      token: "Ключ доступа", login: "Войти", loginFailed: "Неверные имя и пароль, или это не ключ доступа шлюза.", accountName: "Имя", password: "Пароль", orToken: "или ключ доступа",
      audit: "Изменения (журнал аудита)", auditExport: "Выгрузить (CSV)", at: "Когда", who: "Кто", source: "Откуда", action: "Что", outcome: "Итог", overrideSent: "отправлено на",
      overrideFailed: "отклонено", none: "нет", streetlight: "светильник", airquality: "качество воздуха", meter: "счётчик",
      good: "Хорошее", moderate: "Умеренное", unhealthyForSensitiveGroups: "Вредно для чувствительных групп", unhealthy: "Вредное",
      veryUnhealthy: "Очень вредное", hazardous: "Опасное", receiving: "принимает", "not connected": "не подключён", ok: "норма", failing: "сбой",
      updates: "Обновления приложений", app: "Приложение", version: "Версия", wave: "Волна", reason: "Причина", rolloutDevices: "Устройства последнего развёртывания",
      running: "идёт", completed: "завершено", stopped: "остановлено", pending: "ожидает", sent: "отправлено", downloading: "загружает",
      staged: "загружено", trial: "испытание", healthy: "работает", current: "актуально", failed: "сбой", skipped: "пропущено", notSent: "не отправлено",
      quarantine: "Отклонённые сообщения (карантин)", received: "Получено", field: "Поле", rawBytes: "Байты (hex)",
      parameters: "Параметры", sending: "отправляются",
      alarms: "Открытые тревоги", alarm: "Тревога", severity: "Важность", age: "Длится", acknowledge: "Принять", acknowledged: "принята",
      min: "мин", hours: "ч", filter: "Поиск", previous: "Назад", next: "Далее", of: "из", map: "Карта",
      energyReport: "Энергия и экономия за ночь", night: "Ночь, начавшаяся", lampCount: "Светильников", energyUsed: "Энергия, кВт·ч",
      fullPowerEnergy: "При полной мощности, кВт·ч", savings: "Экономия", availability: "Готовность", all: "Все светильники", noData: "нет данных", now: "сейчас",
      degraded: "с ограничениями", degradedBecause: "Ограничение",
      "severity-info": "сведения", "severity-warning": "предупреждение", "severity-alarm": "тревога", "severity-critical": "критично",
      "code-lampFailure": "отказ лампы", "code-dimmingFailure": "сбой диммирования", "code-cyclingFailure": "мигание лампы", "code-powerTooHigh": "мощность выше нормы",
      "code-powerTooLow": "мощность ниже нормы", "code-unexpectedOn": "горит, когда не должен", "code-relayFailure": "отказ реле", "code-meteringFailure": "сбой учёта",
      "code-meterLeak": "утечка", "code-meterTamper": "вмешательство", "code-sensorFault": "сбой датчика", "code-airQualityAlert": "тревога по качеству воздуха",
      "code-outboxOverflow": "очередь переполнена", "code-commandRefused": "команда отклонена", "code-commandExpired": "команда без ответа", "code-watchdogReboot": "перезапуск по сторожевому таймеру",
      "code-configInvalid": "неверная конфигурация",
      "flag-humidityHigh": "влажный воздух", "flag-outOfRange": "неправдоподобное значение", "flag-stuck": "датчик завис",
    },
    kk: {
      warning: "Ескерту", sinkRejected: "Біржола қабылданбады", "warning-chirpstackQos0": "ChirpStack оқиғаларды QoS 0 деңгейімен жариялайды: шлюз қайта іске қосылып жатқанда келген деректер жоғалады. chirpstack.toml файлының [integration.mqtt] бөлімінде qos=1 орнатыңыз.",
      europeanIndex: "Еуропалық индекс", kazakhIndex: "Қазгидромет (СИ / ЕҚ)", si: "СИ", np: "ЕҚ", beyondTheAqi: "AQI шкаласынан тыс",
      "eu-good": "Жақсы", "eu-fair": "Қанағаттанарлық", "eu-moderate": "Орташа", "eu-poor": "Нашар", "eu-veryPoor": "Өте нашар", "eu-extremelyPoor": "Аса нашар",
      "kz-low": "төмен", "kz-elevated": "жоғарылаған", "kz-high": "жоғары", "kz-veryHigh": "өте жоғары",
      gateway: "шлюзі", language: "Тіл", devices: "Құрылғылар", device: "Құрылғы", role: "Рөлі", state: "Күйі",
      lastSeen: "Соңғы байланыс", firmware: "Бағдарламалық жасақтама", online: "желіде", offline: "желіде емес", lamps: "Көше жарығы", group: "Топ",
      level: "Деңгей", program: "Бағдарлама", faults: "Ақаулар", override: "Қолмен басқару", minutes: "минут", apply: "Қолдану",
      nightProfile: "Түнгі кесте", airQuality: "Ауа сапасы", category: "Санат", flags: "Белгілер",
      last24h: "Соңғы 24 сағат", meters: "Есептегіштер", consumption: "Соңғы 24 сағаттағы тұтыну", gatewayState: "Шлюз",
      status: "Күйі", southbound: "Құрылғылар брокері", buffer: "Буфер", sinkLag: "Әлі жіберілмеген", connected: "құрылғы қосылған",
      token: "Кіру кілті", login: "Кіру", loginFailed: "Аты мен құпиясөз қате, немесе бұл шлюздің кіру кілті емес.", accountName: "Аты", password: "Құпиясөз", orToken: "немесе кіру кілті",
      audit: "Өзгерістер (аудит журналы)", auditExport: "Жүктеп алу (CSV)", at: "Қашан", who: "Кім", source: "Қайдан", action: "Не", outcome: "Нәтижесі", overrideSent: "жіберілді",
      overrideFailed: "қабылданбады", none: "жоқ", streetlight: "шам", airquality: "ауа сапасы", meter: "есептегіш",
      good: "Жақсы", moderate: "Орташа", unhealthyForSensitiveGroups: "Сезімтал топтарға зиянды", unhealthy: "Зиянды",
      veryUnhealthy: "Өте зиянды", hazardous: "Қауіпті", receiving: "қабылдауда", "not connected": "қосылмаған", ok: "қалыпты", failing: "ақау",
      updates: "Қолданба жаңартулары", app: "Қолданба", version: "Нұсқа", wave: "Толқын", reason: "Себебі", rolloutDevices: "Соңғы таратудың құрылғылары",
      running: "жүріп жатыр", completed: "аяқталды", stopped: "тоқтатылды", pending: "күтуде", sent: "жіберілді", downloading: "жүктеп жатыр",
      staged: "жүктелді", trial: "сынақта", healthy: "жұмыс істейді", current: "өзекті", failed: "сәтсіз", skipped: "өткізілді", notSent: "жіберілмеді",
      quarantine: "Қабылданбаған хабарламалар (карантин)", received: "Қабылданды", field: "Өріс", rawBytes: "Байттар (hex)",
      parameters: "Параметрлер", sending: "жіберілуде",
      alarms: "Ашық дабылдар", alarm: "Дабыл", severity: "Маңыздылығы", age: "Ұзақтығы", acknowledge: "Қабылдау", acknowledged: "қабылданды",
      min: "мин", hours: "сағ", filter: "Іздеу", previous: "Артқа", next: "Келесі", of: "/", map: "Карта",
      energyReport: "Түнгі энергия және үнемдеу", night: "Басталған түн", lampCount: "Шамдар", energyUsed: "Энергия, кВт·сағ",
      fullPowerEnergy: "Толық қуатта, кВт·сағ", savings: "Үнемдеу", availability: "Дайындық", all: "Барлық шамдар", noData: "дерек жоқ", now: "қазір",
      degraded: "шектеулі", degradedBecause: "Шектеу себебі",
      "severity-info": "мәлімет", "severity-warning": "ескерту", "severity-alarm": "дабыл", "severity-critical": "күрделі",
      "code-lampFailure": "шам істен шықты", "code-dimmingFailure": "жарықты реттеу ақауы", "code-cyclingFailure": "шам жыпылықтайды", "code-powerTooHigh": "қуат нормадан жоғары",
      "code-powerTooLow": "қуат нормадан төмен", "code-unexpectedOn": "сөнуі керек кезде жанып тұр", "code-relayFailure": "реле ақауы", "code-meteringFailure": "есепке алу ақауы",
      "code-meterLeak": "ағып кету", "code-meterTamper": "араласу", "code-sensorFault": "датчик ақауы", "code-airQualityAlert": "ауа сапасы бойынша дабыл",
      "code-outboxOverflow": "кезек толды", "code-commandRefused": "команда қабылданбады", "code-commandExpired": "командаға жауап жоқ", "code-watchdogReboot": "күзет таймері қайта қосты",
      "code-configInvalid": "конфигурация қате",
      "flag-humidityHigh": "ылғалды ауа", "flag-outOfRange": "сенімсіз мән", "flag-stuck": "датчик қатып қалды",
    },
  };

  function current() {
    const saved = localStorage.getItem("edgedevices.language");
    if (saved && words[saved]) return saved;
    const browser = (navigator.language || "en").slice(0, 2);
    return words[browser] ? browser : "en";
  }

  function t(key) {
    const language = current();
    return (words[language] && words[language][key]) || words.en[key] || key;
  }

  function apply(language) {
    localStorage.setItem("edgedevices.language", language);
    document.documentElement.lang = language;
    document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
  }

  return { current, t, apply, words, languages: Object.keys(words) };
})();
